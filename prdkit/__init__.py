"""prdkit: validate and render product-requirements documents written as YAML."""

from __future__ import annotations

__version__ = "0.1.0"
