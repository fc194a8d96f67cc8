"""The sign-off digest: SHA-256 of the canonical JSON of what an approver signs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any


def canonical(data: Mapping[str, Any]) -> bytes:
    """Canonical JSON without `approvals` and `meta.status`: keys sorted, compact, UTF-8."""
    signed = {k: v for k, v in data.items() if k != "approvals"}
    meta = signed.get("meta")
    if isinstance(meta, Mapping):
        signed["meta"] = {k: v for k, v in meta.items() if k != "status"}
    # Loaded data holds no cycles (the loader refuses aliases): the encoder's check for
    # them, a dictionary entry made and dropped per mapping and list, is spared.
    text = json.dumps(
        signed,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        check_circular=False,
    )
    return text.encode("utf-8")


def digest(data: Mapping[str, Any]) -> str:
    """`sha256:` and the hex digest of the canonical JSON."""
    return "sha256:" + hashlib.sha256(canonical(data)).hexdigest()
