#!/usr/bin/env python
"""Django's manage.py, kept for habit: `maillage` does the same once installed."""

from maillage.cli import main

if __name__ == "__main__":
    main()
