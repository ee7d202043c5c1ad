"""News and the shared watch (`/actualites/`): news items written by animators and editors, curated links
with a comment, resources of the outside knowledge base (title, URL, tags), and partner feeds fetched by
`maillage fetch-feeds` whose items an animator picks into the watch; RSS of the news.

Layers: views/management → services → selectors → models → domain. The feed format is read by
`maillage.interop.feeds` (no Django). May import: accounts (permissions), agenda (events linked to an item),
places.models.Place, territories, core.
"""
