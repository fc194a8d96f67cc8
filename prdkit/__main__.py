"""`python -m prdkit` runs the command line."""

from __future__ import annotations

import contextlib
import os
import sys


def run() -> None:
    """The `prdkit` command: the command line, imported here so that ^C while it loads (typer,
    the catalogue: tens of milliseconds) ends the run quietly rather than in a traceback."""
    try:
        from prdkit.cli import main
    except KeyboardInterrupt:
        # Said as the run says it later; in English, as the catalogue may not be loaded yet.
        with contextlib.suppress(Exception):
            sys.stderr.write("prdkit: interrupted\n")
        sys.exit(130)
    except ModuleNotFoundError as exc:  # run from a checkout without its dependencies installed
        _missing(exc)
    main()


def _missing(exc: ModuleNotFoundError) -> None:
    # The README's first command installs them into the checkout's .venv: run there.
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    venv = os.path.join(checkout, ".venv")
    python = os.path.join(venv, "Scripts" if os.name == "nt" else "bin", "python")
    if (
        os.path.isfile(python)
        and os.path.realpath(sys.prefix) != os.path.realpath(venv)
        and not os.environ.get("PRDKIT_FROM_CHECKOUT")
    ):
        os.environ["PRDKIT_FROM_CHECKOUT"] = "1"  # once: that .venv may lack them too
        with contextlib.suppress(OSError):  # not runnable here: say what is missing, below
            os.execv(python, [python, "-m", "prdkit", *sys.argv[1:]])
    sys.stderr.write(
        f"prdkit: error: the dependency '{exc.name}' is not installed; install prdkit into a "
        "virtual environment first: python3 -m venv .venv && .venv/bin/pip install . "
        "(then run .venv/bin/prdkit, or python3 -m prdkit from the checkout)\n"
    )
    sys.exit(2)


if __name__ == "__main__":
    run()
