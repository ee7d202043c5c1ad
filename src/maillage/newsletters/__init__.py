"""Newsletters: lists, subscribers (double opt-in, one-click unsubscribe, preferences, CSV import with
consent), letters composed from the network's own content (watch items, agenda events, places, free text),
a sending queue that resumes after a crash without sending anyone twice, bounces, the public archive and
its figures (`selectors.period_figures`).

Layers: views/management → services → selectors → models → domain (pure: blocks, plain text, CSV consent,
throttle). Bounce reports are read by `maillage.interop.bounces`. May import: accounts (permissions),
agenda (upcoming events), news (watch items), places.models.Place, core.
"""
