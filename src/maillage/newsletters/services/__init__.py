"""Writes of the newsletters: subscriptions, letters and their blocks, the sending queue, bounces."""
