"""Territory reference data: communes (INSEE code), EPCI (SIREN), the département, outlines and the
fragility index, loaded from the shipped files (`reference_data.py`, `services.territories_load`;
`territories_ensure` on first use) and read through `selectors` (`CommuneIndex` resolves addresses).

Layers: api → services → selectors → schemas → models. May import `core` only: every other app reads it.
"""
