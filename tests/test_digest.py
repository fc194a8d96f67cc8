"""The sign-off digest: canonical JSON hashed, and computed once per loaded mapping."""

from __future__ import annotations

import hashlib
import json

import pytest

from prdkit import digest as digest_module
from prdkit.digest import digest


def _by_hand(data: dict) -> str:
    signed = {k: v for k, v in data.items() if k != "approvals"}
    signed["meta"] = {k: v for k, v in data["meta"].items() if k != "status"}
    text = json.dumps(signed, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def test_digest_leaves_out_status_and_approvals():
    data = {"meta": {"id": "x", "status": "draft"}, "approvals": [1], "goals": ["说明"]}
    assert digest(data) == _by_hand(data)
    assert digest({**data, "approvals": [], "meta": {"id": "x"}}) == digest(data)
    assert digest({**data, "goals": ["other"]}) != digest(data)


def test_the_same_mapping_is_digested_once(monkeypatch: pytest.MonkeyPatch):
    calls: list[object] = []
    real = digest_module.canonical
    monkeypatch.setattr(digest_module, "canonical", lambda d: calls.append(d) or real(d))
    first = {"meta": {"id": "a"}}
    second = {"meta": {"id": "a"}}
    assert digest(first) == digest(first) == digest(second)
    # An equal mapping that is another object is digested anew: only identity is trusted.
    assert [id(d) for d in calls] == [id(first), id(second)]
    assert digest(first) != digest({"meta": {"id": "b"}})


def test_a_forgotten_mapping_is_no_longer_held():
    data = {"meta": {"id": "a"}}
    value = digest(data)
    digest_module.forget({"meta": {"id": "a"}})  # another mapping: the memo stays
    assert digest_module._last == (data, value)
    digest_module.forget(data)
    assert digest_module._last[0] is None
    assert digest(data) == value
