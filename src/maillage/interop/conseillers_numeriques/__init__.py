"""Conseillers numériques France Services: host structures (CSV) and 2022 permanences (JSON) adapters."""
