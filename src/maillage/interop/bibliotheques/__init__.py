"""Ministère de la Culture list of public libraries (CSV): adapter to the standard, as prospects."""
