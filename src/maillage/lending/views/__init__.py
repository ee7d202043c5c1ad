"""Pages of lending: public catalogue and calendars, members' requests, the animator's desk, figures."""
