"""La Poste's « Étapes numériques » places (JSON): adapter to the national standard (pure Python)."""
