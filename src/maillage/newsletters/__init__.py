"""Newsletters: lists, subscribers (double opt-in, one-click unsubscribe), letters composed from the
network's content, a resumable sending queue, the archive and its figures."""
