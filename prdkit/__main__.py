"""`python -m prdkit` runs the command line."""

from __future__ import annotations

import sys

try:
    from prdkit.cli import main
except ModuleNotFoundError as exc:  # run from a checkout without its dependencies installed
    sys.stderr.write(
        f"prdkit: error: the dependency '{exc.name}' is not installed; "
        "install prdkit first: python3 -m pip install .\n"
    )
    sys.exit(2)

if __name__ == "__main__":
    main()
