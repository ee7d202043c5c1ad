"""The network's activity log (`/activite/`): actions with their missions, dates, places, audiences
and counts, entered once or prefilled from an event, a loan or a request (`prefill.py`: the quick-entry
registry; other modules are asked through their `selectors.activity_prefill`, imported lazily).

May import: accounts, places (the Place model only), territories, agenda (its models, for the built-in
quick entry), reporting.models (missions), interop.officedoc (ODS export), core.
"""
