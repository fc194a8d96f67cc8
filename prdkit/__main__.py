"""`python -m prdkit` runs the command line."""

from __future__ import annotations

from prdkit.cli import main

if __name__ == "__main__":
    main()
