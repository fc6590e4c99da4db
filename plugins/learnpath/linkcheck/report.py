"""Show link verdicts: a table for people, JSON for CI, and a progress line while waiting."""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from .checker import LinkResult, LinkStatus

ARCHIVE_LOOKUP = "https://web.archive.org/web/*/{url}"

# Worst first, so the rows that need work are at the top of the table.
_SEVERITY = [LinkStatus.BROKEN, LinkStatus.UNREACHABLE, LinkStatus.REDIRECTED, LinkStatus.OK]

# Below this many URLs a run is over before a progress line would help.
PROGRESS_MIN_TOTAL = 20


@dataclass(frozen=True)
class LinkReport:
    """A verdict on one URL and the roadmap resources that point at it."""

    result: LinkResult
    resources: tuple[str, ...]


def archive_lookup_url(url: str) -> str:
    """Where to look for an archived copy of a dead page; printed, never fetched."""
    return ARCHIVE_LOOKUP.format(url=url)


def count_by_status(reports: Sequence[LinkReport]) -> dict[str, int]:
    counts = Counter(report.result.status for report in reports)
    summary = {status.value: counts[status] for status in LinkStatus}
    summary["total"] = len(reports)
    summary["from_cache"] = sum(report.result.from_cache for report in reports)
    return summary


def render_json(reports: Sequence[LinkReport], *, archive: bool = False) -> str:
    """A stable document for CI: a summary and one object per URL, in roadmap order."""
    links = [_link_json(report, archive) for report in reports]
    return json.dumps({"summary": count_by_status(reports), "links": links}, indent=2)


def _link_json(report: LinkReport, archive: bool) -> dict[str, Any]:
    data = {"resources": list(report.resources), **report.result.to_dict()}
    data["from_cache"] = report.result.from_cache
    if archive:
        dead = report.result.status.is_dead
        data["archive_url"] = archive_lookup_url(report.result.url) if dead else None
    return data


def render_table(reports: Sequence[LinkReport], *, archive: bool = False) -> str:
    """One row per URL, worst first, with indented notes saying what to do about it."""
    ordered = sorted(reports, key=lambda report: _SEVERITY.index(report.result.status))
    url_width = min(max((len(report.result.url) for report in reports), default=3), 70)
    header = f"{'STATUS':<12}{'HTTP':<6}{'URL':<{url_width}}  RESOURCES"
    lines = [header]
    for report in ordered:
        result = report.result
        http = str(result.http_status) if result.http_status is not None else "-"
        resources = ", ".join(report.resources)
        lines.append(f"{result.status.value:<12}{http:<6}{result.url:<{url_width}}  {resources}")
        lines.extend(" " * 18 + note for note in _notes(result, archive))
    lines.append("")
    lines.append(_summary_line(reports))
    return "\n".join(lines)


def _notes(result: LinkResult, archive: bool) -> list[str]:
    notes = []
    if result.status is LinkStatus.REDIRECTED:
        if result.is_permanent_move:
            notes.append(f"moved to {result.final_url}  (permanent: update the roadmap)")
        else:
            notes.append(f"redirects to {result.final_url}  (temporary: keep the URL)")
    if result.status.is_dead:
        if result.error:
            notes.append(result.error)
        if result.redirects:
            chain = " -> ".join(f"{hop.url} ({hop.status})" for hop in result.redirects)
            notes.append(f"via {chain} -> {result.final_url}")
        if result.from_cache:
            checked = result.checked_at.isoformat(timespec="seconds")
            notes.append(f"cached verdict from {checked}; --max-age 0 checks again")
        if archive:
            notes.append(f"try the archive: {archive_lookup_url(result.url)}")
    return notes


def _summary_line(reports: Sequence[LinkReport]) -> str:
    counts = count_by_status(reports)
    parts = ", ".join(f"{counts[status.value]} {status.value}" for status in LinkStatus)
    noun = "link" if counts["total"] == 1 else "links"
    return f"{counts['total']} {noun}: {parts} ({counts['from_cache']} from cache)"


class Progress:
    """`checked 120/400` on stderr, so a long run shows it is alive without cluttering stdout.

    On a terminal the line is redrawn in place; in a CI log, where `\\r` piles up into
    one long line, a fresh line is written at every tenth of the way instead.
    """

    def __init__(
        self, total: int, stream: TextIO | None = None, min_total: int = PROGRESS_MIN_TOTAL
    ) -> None:
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = total >= min_total
        self._live = self.stream.isatty()
        self._last_draw = 0.0
        self._last_tenth = 0

    def advance(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        if self._live:
            now = time.monotonic()
            if now - self._last_draw >= 0.1 or self.done == self.total:
                self._last_draw = now
                self.stream.write(f"\rchecked {self.done}/{self.total}")
                self.stream.flush()
            return
        tenth = self.done * 10 // self.total
        if tenth > self._last_tenth:
            self._last_tenth = tenth
            self.stream.write(f"checked {self.done}/{self.total}\n")
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled and self._live and self.done:
            self.stream.write("\n")
            self.stream.flush()
