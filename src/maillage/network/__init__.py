"""The network itself: directory of actors who opted in (`/reseau/`), structures' pages, work groups,
partnership requests routed to the right actors (`/reseau/demande/`, `/animation/demandes/`).

Layers: views/api → services → selectors → models → domain (pure: states, ranking). May import
`accounts` (structures, permissions), `territories`, `agenda` (a structure's events, form helpers),
`places` (a structure's places, the contribution rate limit) and `interop.mediation_numerique.schema`
(the national standard's services list, the directory's themes).
"""
