"""The published census, as people and programs see it: a place's public page (`views/public.py`), the map
and its layers (`selectors.py`: facets, GeoJSON points, territory outlines; `views/map.py`), the search API
`/api/v1/lieux` (`api.py`, `api_params.py`, `schemas.py`), printed cards and booklets (`printing.py`,
`print_maps.py`, `views/printing.py`) and the map for other sites' `<iframe>`s (`forms_embed.py`,
`views/embed.py`). Reads only: it writes nothing.

May import: `places`, `census` (source names), `territories`, `accounts`, `interop`, `core`.
Never imports `contributions`.
"""
