"""The network's activity log (`/activite/`): actions with their missions, dates, places, audiences
and counts, entered once or prefilled from an event, a loan or a request."""
