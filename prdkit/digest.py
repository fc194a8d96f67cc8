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


# The mapping digested last and its digest. A render asks twice for the digest of the
# same loaded data (the stale-approval rule, then the layout that marks stale sign-offs),
# and loaded data is never changed once read; JSON and hash of 5,000 requirements
# take 0.145 s each time. Held until `forget`: the mapping is most of a loaded document.
_last: tuple[Mapping[str, Any] | None, str] = (None, "")


def digest(data: Mapping[str, Any]) -> str:
    """`sha256:` and the hex digest of the canonical JSON."""
    global _last
    seen, value = _last
    if seen is not data:
        value = "sha256:" + hashlib.sha256(canonical(data)).hexdigest()
        _last = (data, value)
    return value


def forget(data: Mapping[str, Any] | None) -> None:
    """Let go of `data` if its digest is the one kept, so the memo does not hold loaded data
    its owner has let go (a render releases it before writing: see `release_source`)."""
    global _last
    if _last[0] is data:
        _last = (None, "")
