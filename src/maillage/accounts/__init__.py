"""Accounts: structures (the network's members), memberships (animator, editor), invitations by signed
link, log-in by e-mail with throttling (`backends.py`, `throttle.py`, `tokens.py`), and `permissions.py`,
the predicates every view asks (`is_animator`, `can_edit_place`, `animator_required`...).

Layers: views → forms → services → selectors → models → enums. It imports no other app; the
others import its permissions, never the reverse.
"""
