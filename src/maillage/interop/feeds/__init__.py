"""RSS and Atom documents read with feedparser into plain records (no Django, no app)."""
