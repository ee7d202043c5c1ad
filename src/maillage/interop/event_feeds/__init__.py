"""Agenda feeds other than iCalendar and OpenAgenda: RSS 2.0, our own JSON, schema.org JSON-LD.

Pure Python (no Django). Every writer takes `EventRecord`s (`maillage.interop.events`) and returns text or
a JSON-ready dict; `dates.format_slot_fr` writes a slot in French for feeds and pages alike.
"""
