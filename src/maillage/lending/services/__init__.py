"""Writes of lending: requests and decisions (bookings), hand-over and return, event support, sample."""
