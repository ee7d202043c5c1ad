"""The ANCT list of France Services (CSV): adapter to the national standard (pure Python)."""
