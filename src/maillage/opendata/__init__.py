"""Open data (`/donnees/`): the published census as files in the national standard (CSV, JSON,
GeoJSON) and data·inclusion's schema, regenerated when the census changed (`services.py`,
`maillage opendata`), listed by `catalogue.py`.

Layers: views/management → services → selectors. May import `core`, `interop`, `places`.
"""
