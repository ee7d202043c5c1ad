"""Orientation (`/orienter/`): the guided flow that finds, for a person's need, publics, accessibility
and availability, the nearest fitting places, and prints or sends the sheet.

Layers: views → forms → exports (the PDF sheet) → services (anonymous counts) → selectors (search through
`places.search`) → models → domain (pure: availability, next compatible opening). May import `core`,
`interop`, `places`, `territories`.
"""
