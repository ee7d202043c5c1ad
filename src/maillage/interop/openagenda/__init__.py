"""OpenAgenda's event JSON (the shape of its exports and of its API v2 events): write and read.

Pure Python (no Django). `writer.write_openagenda` exports `EventRecord`s; `reader.read_openagenda` reads
an export (`{"events": [...]}` or a bare list) back into `EventRecord`s with `external_id` = OpenAgenda
`uid`; `mapping` holds the code tables (status, attendance mode, accessibility).
"""
