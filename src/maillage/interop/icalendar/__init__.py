"""iCalendar (RFC 5545) feeds of the agenda, written by hand: no runtime dependency.

`writer.write_calendar` writes a subscribable calendar (one VEVENT per slot, stable UIDs, cancelled
events marked CANCELLED); `writer.write_event` the single-event « ajouter à mon agenda » download.
`content` holds the RFC's line rules (TEXT escaping, 75-octet folding, CRLF).
"""
