"""Colours: enum badges readable at a glance, and the Gantt bar fills."""

from __future__ import annotations

RED = ("B42318", "FDE7E4")
AMBER = ("8A5300", "FEF0C7")
GREEN = ("1E6B34", "DDF1E1")
BLUE = ("1F5F99", "DCEBF8")
GREY = ("4D4D4D", "EBEDF0")

# The marking of draft, review and deprecated documents: (text colour, fill) as on a stamp.
MARKS_NOTE = "B42318"  # the line under the cover stamp
MARKS: dict[str, tuple[str, str]] = {
    "draft": ("FFFFFF", "B42318"),
    "review": ("FFFFFF", "B45309"),
    "deprecated": ("FFFFFF", "4D4D4D"),
}

# (enum group, value) → (text colour, fill). Groups are those of `i18n.ENUMS`.
BADGES: dict[tuple[str, str], tuple[str, str]] = {
    ("priority", "must"): RED,
    ("priority", "should"): AMBER,
    ("priority", "could"): BLUE,
    ("priority", "wont"): GREY,
    ("status", "draft"): GREY,
    ("status", "review"): AMBER,
    ("status", "approved"): GREEN,
    ("status", "deprecated"): RED,
    ("req_status", "proposed"): GREY,
    ("req_status", "accepted"): BLUE,
    ("req_status", "in_progress"): AMBER,
    ("req_status", "done"): GREEN,
    ("req_status", "rejected"): RED,
    ("req_status", "deferred"): GREY,
    ("milestone_status", "planned"): GREY,
    ("milestone_status", "in_progress"): BLUE,
    ("milestone_status", "done"): GREEN,
    ("milestone_status", "at_risk"): RED,
    ("level", "low"): GREEN,
    ("level", "medium"): AMBER,
    ("level", "high"): RED,
    ("decision", "pending"): AMBER,
    ("decision", "approved"): GREEN,
    ("decision", "rejected"): RED,
}

# Gantt bars by milestone status; a milestone without status is planned.
GANTT: dict[str, str] = {
    "planned": "8EA9CF",
    "in_progress": "2E75B6",
    "done": "5B9F6A",
    "at_risk": "D9534F",
}
