"""Views derived from the model: traceability rows and inherited grants."""

from __future__ import annotations

from prdkit import model as m
from prdkit.views import grant_sources, grant_table, traceability, untraced_features

META = m.Meta(id="d", title="T", version="1", status="draft", owner="Ann")
STEP = (m.Step(id="a", action="Go"),)


def _doc(**sections: object) -> m.Document:
    return m.Document(meta=META, **sections)


def test_trace_follows_features_to_flows_and_milestones() -> None:
    doc = _doc(
        requirements=(
            m.Requirement(id="R1", title="a", priority="must"),
            m.Requirement(id="R2", title="b", priority="must"),
        ),
        features=(
            m.Feature(id="F2", name="x", requirements=("R1", "R1")),
            m.Feature(id="F1", name="y", requirements=("R1",)),
            m.Feature(id="F3", name="z"),
        ),
        flows=(
            m.Flow(id="W1", name="w", steps=STEP, features=("F1",)),
            m.Flow(id="W2", name="v", steps=STEP, features=("F3",)),
            m.Flow(id="W3", name="u", steps=STEP, features=("F2", "F1")),
        ),
        metrics=(m.Metric(id="K1", name="k", target=1, requirements=("R2",)),),
        schedule=m.Schedule(
            milestones=(
                m.Milestone(id="M1", name="m", due="2026-01-01", deliverables=("R2",)),
                m.Milestone(id="M2", name="n", due="2026-02-01", deliverables=("F1", "R1")),
            )
        ),
    )
    rows = {t.requirement: t for t in traceability(doc)}
    assert rows["R1"].features == ("F2", "F1")  # document order, each feature once
    assert rows["R1"].flows == ("W1", "W3")  # W3 uses both features: listed once
    assert rows["R1"].milestones == ("M2",)
    assert rows["R2"].features == () and rows["R2"].flows == ()
    assert rows["R2"].metrics == ("K1",) and rows["R2"].milestones == ("M1",)
    assert untraced_features(doc) == ["F3"]


def test_trace_finds_the_events_of_a_requirements_features_metrics_and_pages() -> None:
    page = m.Page(id="P2", name="share", features=("F2",))
    doc = _doc(
        requirements=(
            m.Requirement(id="R1", title="a", priority="must"),
            m.Requirement(id="R2", title="b", priority="must"),
        ),
        features=(
            m.Feature(id="F1", name="x", requirements=("R1",), pages=("P1",)),
            m.Feature(id="F2", name="y", requirements=("R2",)),
        ),
        pages=(m.Page(id="P1", name="home"), page),
        metrics=(m.Metric(id="K1", name="k", target=1, requirements=("R2",)),),
        tracking=(
            m.TrackingEvent(id="E1", event="a", name="a", trigger="t", feature="F1"),
            # on a page of F1 (listed by the feature) and of F2 (listed by the page)
            m.TrackingEvent(id="E2", event="b", name="b", trigger="t", page="P1"),
            m.TrackingEvent(id="E3", event="c", name="c", trigger="t", page="P2"),
            # the feature it names, not its page's
            m.TrackingEvent(id="E4", event="d", name="d", trigger="t", page="P1", feature="F2"),
            m.TrackingEvent(id="E5", event="e", name="e", trigger="t", metrics=("K1",)),
        ),
    )
    rows = {t.requirement: t for t in traceability(doc)}
    assert rows["R1"].events == ("E1", "E2")
    assert rows["R2"].events == ("E3", "E4", "E5")


def test_grants_name_the_nearest_role_breadth_first() -> None:
    perms = m.Permissions(
        roles=(
            m.Role(id="admin", name="A", inherits=("editor", "auditor")),
            m.Role(id="editor", name="E", inherits=("viewer",)),
            m.Role(id="auditor", name="U", inherits=("viewer",)),
            m.Role(id="viewer", name="V", inherits=("admin",)),  # a cycle is followed once
        ),
        grants=(
            ("viewer", ("read", "export")),
            ("auditor", ("export",)),
            ("editor", ("write",)),
            ("editor", ("ignored",)),  # only a role's first grant entry counts
        ),
    )
    assert grant_sources(perms, "admin") == {
        "write": "editor",
        "export": "auditor",
        "read": "viewer",
    }
    assert grant_sources(perms, "viewer")["write"] == "editor"
    assert grant_sources(perms, "nobody") == {}
    table = grant_table(perms)
    assert list(table) == ["admin", "editor", "auditor", "viewer"]
    assert all(table[r] == grant_sources(perms, r) for r in table)
