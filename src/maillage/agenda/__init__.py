"""The network's agenda (`/agenda/`): events with slots, a place or an address, an online link, an
organiser structure; registrations with seats and a waiting list; proposals moderated by animators;
OpenAgenda import and iCalendar/RSS feeds (through `interop/`).

Layers: views/management → forms → services → presenters → selectors → models → enums → domain (pure:
rules, calendar, vocabularies). May import `core`, `interop`, `territories`, `accounts`, `places`,
`contributions`, `publishing` (the place an event is held in) and `lending` (event support, read lazily).
"""
