"""Shared pieces that know no domain: text normalisation, geometry, French words and number formats,
form errors, progress of long commands, PDFs, HTTP conditional answers, security headers, backups, the
base template, CSS and the vendored JavaScript.

May import Django and third-party libraries only: no app of Maillage, no `interop` format (checked by
import-linter). `text`, `geo`, `geo_simplify`, `runs` and `french` import no Django at all.
"""
