"""The places of the census: the models (Place with every field of the national standard, SourceRecord,
MatchPair / MatchDecision, Contribution, PlaceVersion, FreshnessReminder: every table of the census lives
here), enums, the pure rules in `domain/` (opening hours, dedup scoring, names, merge, quality, search
filters), the reads every other app shares (`selectors.py`: published places, census version; `search.py`:
`places_search`).

May import: `territories`, `core`, `interop` (the standard's lists). The feature apps import it:
`census/` (import, dedup, merge, review), `contributions/` (proposals, moderation, edits, freshness),
`publishing/` (map, API, print, embed).
"""
