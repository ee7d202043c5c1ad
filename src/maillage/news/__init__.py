"""News and the shared watch (`/actualites/`): news items, curated links, resources, partner feeds
fetched by `maillage fetch-feeds`, RSS/Atom of the news."""
