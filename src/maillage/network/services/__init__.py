"""Writes of the network: directory opt-in and removal, requests, routings, answers, reminders."""
