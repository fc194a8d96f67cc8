"""Checking collects garbage less often, and leaves the collector as it found it."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable

from prdkit import check
from prdkit.check import check_bytes

TEXT = b"prdkit: 1\nmeta:\n  id: d\n  title: T\n  version: '1'\n  status: draft\n  owner: A\n"
# Valid, so that a model is built (where the tests below step in).
MODELLED = TEXT + b"requirements:\n  - id: R1\n    title: Pay\n    priority: must\n"


def test_collector_settings_are_restored_after_a_check(monkeypatch) -> None:
    seen: list[tuple[tuple[int, int, int], int]] = []
    real = check._check_loaded

    def spy(*args, **kwargs):
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return real(*args, **kwargs)

    monkeypatch.setattr(check, "_check_loaded", spy)
    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    try:
        assert gc.get_freeze_count() == 0
        result = check_bytes(TEXT, "t.prd.yaml")
        assert result.data is not None
        ((threshold, frozen),) = seen
        assert threshold[0] == check.CHECK_GC_THRESHOLD
        assert frozen > 0  # the loaded data is out of the collector's way
        assert gc.get_threshold() == (700, *before[1:])
        assert gc.get_freeze_count() == 0
    finally:
        gc.set_threshold(*before)


def test_a_callers_frozen_objects_stay_frozen_and_a_higher_threshold_stays() -> None:
    before = gc.get_threshold()
    gc.set_threshold(500_000, *before[1:])
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        check_bytes(TEXT, "t.prd.yaml")
        assert gc.get_freeze_count() >= frozen
        assert gc.get_threshold()[0] == 500_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_the_collector_is_held_off_while_reading_and_resumed(monkeypatch) -> None:
    import prdkit.loader

    seen: list[tuple[bool, int]] = []
    real = prdkit.loader.load_bytes

    def spy(*args, **kwargs):
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return real(*args, **kwargs)

    monkeypatch.setattr(prdkit.loader, "load_bytes", spy)
    assert gc.isenabled()
    assert check_bytes(TEXT, "t.prd.yaml").data is not None
    assert seen == [(False, 0)]  # nothing frozen yet: the data is frozen once read
    assert gc.isenabled()
    gc.disable()
    try:
        check_bytes(TEXT, "t.prd.yaml")
        assert not gc.isenabled()  # a caller's choice stands
    finally:
        gc.enable()


def test_reading_holds_the_collector_off_and_resumes_it(monkeypatch) -> None:
    from prdkit import loader

    seen: list[bool] = []
    real = loader._Composer._compose

    def spy(self, root):
        seen.append(gc.isenabled())
        return real(self, root)

    monkeypatch.setattr(loader._Composer, "_compose", spy)
    assert loader.load_bytes(TEXT).ok
    assert seen == [False]
    assert gc.isenabled()


def test_a_markdown_value_over_the_limit_is_found() -> None:
    from prdkit.limits import Limits
    from tests.conftest import MINIMAL

    text = MINIMAL.replace(
        "  owner: Ann\n", "  owner: Ann\n  summary: |\n    " + "word " * 40 + "\n"
    )
    result = check_bytes(text.encode(), "t.prd.yaml", limits=Limits(max_markdown=150))
    found = [(d.rule, d.line) for d in result.diagnostics if d.severity == "error"]
    assert found == [("schema-count", 8)]
    within = check_bytes(text.encode(), "t.prd.yaml", limits=Limits(max_markdown=250))
    assert not [d for d in within.diagnostics if d.rule == "schema-count"]


def test_what_a_check_made_is_not_walked_when_the_threshold_is_restored() -> None:
    # The model and findings outnumber the caller's threshold: left young, the first
    # allocation after the check would walk them all in one collection.
    rows = "".join(
        f"  - id: R{i}\n    title: Requirement {i}\n    priority: must\n" for i in range(300)
    )
    text = TEXT + b"requirements:\n" + rows.encode()
    collections: list[int] = []

    def seen(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    before = gc.get_threshold()
    gc.collect()
    gc.set_threshold(700, *before[1:])
    gc.callbacks.append(seen)
    try:
        result = check_bytes(text, "t.prd.yaml", one_shot=True)
        made = [[] for _ in range(50)]
    finally:
        gc.callbacks.remove(seen)
        gc.set_threshold(*before)
    assert result.document is not None and len(result.document.requirements) == 300
    assert len(made) == 50
    assert collections == []
    assert gc.get_freeze_count() == 0


def _cycle_made_during_a_check(monkeypatch, one_shot: bool) -> Callable[[], object]:
    """Check a document; return a weak reference to cyclic garbage the check left."""
    from prdkit import model

    real = model.build
    left: list[Callable[[], object]] = []

    def build(*args, **kwargs):
        class Node:  # a class, so that a weak reference can be taken
            pass

        node = Node()
        node.self = node  # unreachable once build returns: cyclic garbage
        left.append(weakref.ref(node))
        return real(*args, **kwargs)

    monkeypatch.setattr(model, "build", build)
    gc.collect()
    assert check_bytes(MODELLED, "t.prd.yaml", one_shot=one_shot).document is not None
    (ref,) = left
    return ref


def test_a_long_running_caller_keeps_what_a_check_made_young(monkeypatch) -> None:
    ref = _cycle_made_during_a_check(monkeypatch, one_shot=False)
    gc.collect(1)  # a young collection frees the check's garbage, as without the check
    assert ref() is None


def test_a_one_shot_check_moves_what_it_made_to_the_oldest_generation(monkeypatch) -> None:
    ref = _cycle_made_during_a_check(monkeypatch, one_shot=True)
    gc.collect(1)
    assert ref() is not None  # out of the young generations' reach
    gc.collect(2)
    assert ref() is None


def test_checks_in_two_threads_leave_the_collector_as_they_found_it(monkeypatch) -> None:
    # The language server checks in several threads. Here the first check to start ends
    # first while the second is still in progress: the second must not restore, at its
    # end, the threshold the first had raised.
    from prdkit import model

    real = model.build
    inside = {name: threading.Event() for name in ("first", "second")}
    go = {name: threading.Event() for name in ("first", "second")}

    def build(*args, **kwargs):
        name = threading.current_thread().name
        inside[name].set()
        assert go[name].wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(model, "build", build)
    results: dict[str, object] = {}

    def check(name: str) -> None:
        results[name] = check_bytes(MODELLED, "t.prd.yaml").document

    before = gc.get_threshold()
    gc.set_threshold(700, *before[1:])
    threads = {name: threading.Thread(target=check, args=(name,), name=name) for name in go}
    try:
        threads["first"].start()
        assert inside["first"].wait(30)
        threads["second"].start()
        assert inside["second"].wait(30)
        go["first"].set()
        threads["first"].join(30)
        go["second"].set()
        threads["second"].join(30)
        assert gc.get_threshold()[0] == 700
        assert gc.get_freeze_count() == 0
        assert gc.isenabled()
    finally:
        for event in go.values():
            event.set()
        gc.set_threshold(*before)
    assert all(results[name] is not None for name in go)
