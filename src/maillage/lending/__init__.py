"""Equipment lending: the network's shared kits (catalogue, units), booking requests and
confirmed bookings that never overlap, hand-over and return with the item checklist, trainings, event
support, loan-day figures (`/pret/`)."""
