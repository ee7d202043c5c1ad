"""The network's front page, `maillage demo` (the Loire's real data, sample content marked as such) and
`maillage openapi`.

Sits at the top: it may import any app's services and selectors to load or show them; no app imports it.
"""
