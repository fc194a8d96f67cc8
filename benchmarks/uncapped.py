"""prdkit's command line with the configuration ceilings lifted, for the largest documents.

A configuration file may raise prdkit's limits only up to fixed ceilings: it arrives in
the pull request it configures, so it is not trusted further. The benchmark's documents
are its own and grow past those ceilings (12,000 requirements with every section filled
hold about 19 MB and 900,000 values) to show how cost grows with size; this runner
lets their `.prdkit.toml` raise the limits that far. Everything else is the command line
as installed.
"""

from __future__ import annotations

import dataclasses

import prdkit.config
from prdkit.cli import main
from prdkit.limits import CEILINGS

prdkit.config.CEILINGS = dataclasses.replace(
    CEILINGS, max_bytes=256 * 1024 * 1024, max_nodes=10_000_000
)

if __name__ == "__main__":
    main()
