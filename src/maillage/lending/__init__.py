"""Equipment lending: the network's shared kits (catalogue, units), booking requests and
confirmed bookings that never overlap, hand-over and return with the item checklist, trainings, event
support, loan-day figures (`/pret/`).

Layers: views/management → services → presenters → selectors → forms → models → enums → domain (pure:
days, availability). May import `core`, `interop`, `territories`, `accounts`, `agenda` (events a support
serves)."""
