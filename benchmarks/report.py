"""The benchmark's tables: medians, ratios against targets, peak memory, scaling."""

from __future__ import annotations

import os
import platform
import sys
from dataclasses import dataclass
from datetime import datetime, timezone

from benchmarks.measure import Series


@dataclass
class Row:
    """One scenario: prdkit's series, the peer's (if any) and the ratio target."""

    scenario: str
    ours: Series
    peer: Series | None = None
    target: float | None = None  # highest acceptable prdkit/peer time ratio

    @property
    def ratio(self) -> float | None:
        """prdkit's median wall time over the peer's."""
        return self.ours.median / self.peer.median if self.peer else None

    @property
    def cpu_ratio(self) -> float | None:
        """prdkit's median CPU time over the peer's."""
        return self.ours.cpu_median / self.peer.cpu_median if self.peer else None


def _secs(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"


def _both(series: Series) -> str:
    return f"{_secs(series.median)} ({series.cpu_median:.2f})"


def _verdict(value: float | None, target: float | None) -> str:
    if value is None or target is None:
        return ""
    return "ok" if value <= target else "**over**"


def scenario_table(rows: list[Row]) -> str:
    """The main table, in Markdown."""
    lines = [
        "| scenario | prdkit (cpu) | peer | peer (cpu) | ratio | cpu ratio | target"
        " | prdkit peak | peer peak |",
        "| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for row in rows:
        peer, ratio, cpu = row.peer, row.ratio, row.cpu_ratio
        target = f"≤ {row.target:g}× {_verdict(ratio, row.target)}" if row.target else ""
        lines.append(
            f"| {row.scenario} | {_both(row.ours)} | {peer.label if peer else '—'} | "
            f"{_both(peer) if peer else ''} | {f'{ratio:.2f}×' if ratio else ''} | "
            f"{f'{cpu:.2f}×' if cpu else ''} | {target} | {row.ours.peak:.0f} MiB | "
            f"{f'{peer.peak:.0f} MiB' if peer else ''} |"
        )
    return "\n".join(lines)


def scaling_table(series: dict[str, dict[int, Series]], sizes: list[int], limit: float) -> str:
    """Each measure at every size, with the ratio of the two largest sizes."""
    big, small = sizes[-1], sizes[-2] if len(sizes) > 1 else sizes[-1]
    head = " | ".join(f"{n:,} req." for n in sizes)
    lines = [
        f"| measure | {head} | {big:,}/{small:,} | target |",
        "| --- | " + "---: | " * len(sizes) + "---: | --- |",
    ]
    for name, by_size in series.items():
        cells = " | ".join(_both(by_size[n]) if n in by_size else "—" for n in sizes)
        growth = ""
        verdict = ""
        if big in by_size and small in by_size and big != small:
            value = by_size[big].median / by_size[small].median
            growth = f"{value:.1f}×"
            verdict = f"≤ {limit:g}× {_verdict(value, limit)}" if name.startswith("prdkit") else ""
        lines.append(f"| {name} | {cells} | {growth} | {verdict} |")
    return "\n".join(lines)


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            for line in info:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    return "RAM unknown"


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine() -> str:
    """Date and machine the figures come from."""
    now = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    cpu = _cpu()
    return (
        f"{now}; {platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs, "
        f"{_memory()}; Python {sys.version.split()[0]}; load average {load}"
    )
