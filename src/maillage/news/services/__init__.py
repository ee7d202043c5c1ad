"""Writes of the watch: news items, picks from partner feeds, feed fetching."""
