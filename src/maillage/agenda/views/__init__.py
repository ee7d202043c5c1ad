"""Pages of the agenda: public (list, calendar, map, event), feeds, editing, registrations, moderation."""
