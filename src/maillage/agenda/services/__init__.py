"""Writes of the agenda: events (create, propose, moderate), registrations, imports."""
