"""Views of the newsletters: public (subscribe, confirm, unsubscribe, preferences, archive) and composing."""
