"""Outside formats, one folder each (`mediation_numerique/`, `data_inclusion/`, `openagenda/`,
`icalendar/`, `france_services/`, `officedoc/`, `feeds/`, `bounces/`...): readers that turn a file into
plain rows and writers that turn plain records into a file.

Pure Python: imports no Django and no app (checked by import-linter); the owning app's services write
what a reader read.
"""
