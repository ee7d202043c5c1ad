"""The convention, its missions, and the reports generated from every module's figures: the annual
report (`/bilan/<année>/`, HTML, PDF, ODT/DOCX) and the monthly summary (`/bilan/<année>/<mois>/`).

`providers.py` is the registry of modules whose `selectors.period_figures(start, end)` feeds the
reports, imported lazily; `figures/` holds that function for the modules that had none (census, map
and open data counters, agenda). May import: activity (selectors), accounts, agenda and places (models,
read only), interop.officedoc, core.
"""
