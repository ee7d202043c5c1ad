"""Changes people make to the cards: proposals and reports from anyone and their moderation
(`services/contributions.py`, `views/contributions.py`, `forms/proposals.py`), editors' edits, the history and
restores (`services/editing.py`: THE way a card changes inside Maillage; `views/editing.py`,
`forms/editing.py`, `selectors.py`), the freshness reminders with signed links (`services/freshness.py`,
`maillage freshness`) and the notifications of the moderation queue (`notifications.py`, `maillage digest`).
The models (Contribution, PlaceVersion, FreshnessReminder) stay in `places/` (tables unchanged).

May import: `places`, `census` (card fields, refresh of one place), `territories`, `accounts`, `interop`,
`core`. Never imports `publishing`.
"""
