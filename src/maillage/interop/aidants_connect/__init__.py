"""The Aidants Connect export of habilitated structures (CSV): adapter to the national standard."""
