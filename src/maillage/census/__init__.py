"""The census: how places are built from their sources.

Source files come in (`formats.py`, the `--format` registry of `interop/` readers; `services/importing.py`,
one `places.SourceRecord` per row, kept), records are compared and grouped (`services/rebuild.py` runs
`places/domain/dedup.py` and `places/domain/merge.py` and derives the `places.Place` cards), animators
review the possible duplicates (`services/review.py`, `views/review.py`), trusted partners push records
(`services/partner_push.py`), and the census goes out as files (`exports.py`: national standard, provenance
CSV; `maillage export`). The models stay in `places/` (tables unchanged).

May import: `places` (models, enums, domain, selectors), `territories`, `accounts`, `interop`, `core`.
Never imports `contributions`, `publishing` or the apps above them.
"""
