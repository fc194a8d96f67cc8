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

# Tone of a value (see `prdkit.layout.cells.Tone`) → (text colour, fill) of its badge.
TONES: dict[str, tuple[str, str]] = {
    "bad": RED,
    "warn": AMBER,
    "good": GREEN,
    "info": BLUE,
    "muted": GREY,
    "gap": RED,
}

# Gantt bars by milestone status; a milestone without status is planned.
GANTT: dict[str, str] = {
    "planned": "8EA9CF",
    "in_progress": "2E75B6",
    "done": "5B9F6A",
    "at_risk": "D9534F",
}
