"""The network itself: directory of actors who opted in, work groups, partnership requests routed to
the right actors (`/reseau/`, `/animation/demandes/`), the annual gathering's programme, chat webhooks."""
