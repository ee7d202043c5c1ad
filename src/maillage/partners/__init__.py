"""Partners' write API (`/api/v1/partenaires/`): tokens an animator issues, places pushed by a partner's
program into moderation, per-token rate limits.

Layers: api/views → forms → services → selectors → schemas → models. May import `core`, `accounts`,
`census`.
"""
