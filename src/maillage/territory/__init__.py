"""Territory analysis (`/territoire/`): coverage of each commune by the census's published places,
underserved communes, the mobile-unit stop planner, the territorial diagnosis PDF, the indicators' API.

Layers: views/api → schemas/exports/printing → planning → selectors → domain (pure: coverage, ranking,
planner); no models of its own, no writes. May import `core`, `interop`, `territories`, `places`, `agenda`."""
