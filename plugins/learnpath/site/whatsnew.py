"""What's new, as the page shows it: the dated resources in months, newest first, with dates
written in words. (`Roadmap.newest_resources` decides the order; the feed uses it too.)"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from learnpath.roadmap.model import Resource, ResourceList

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip
"""In English, as the site is, whatever the locale of the machine that builds it."""


@dataclass
class Month:
    """What's new groups resources by the month they were added in, newest first."""

    first_day: datetime.date
    entries: list[tuple[Resource, ResourceList]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{MONTHS[self.first_day.month - 1]} {self.first_day.year}"

    @property
    def anchor(self) -> str:
        return f"added-{self.first_day:%Y-%m}"


def months_of(newest: tuple[tuple[Resource, ResourceList], ...]) -> list[Month]:
    """`Roadmap.newest_resources` in months, keeping its order."""
    months: list[Month] = []
    for resource, resource_list in newest:
        assert resource.added is not None  # newest_resources keeps only dated ones
        first_day = resource.added.replace(day=1)
        if not months or months[-1].first_day != first_day:
            months.append(Month(first_day))
        months[-1].entries.append((resource, resource_list))
    return months


def day_label(day: datetime.date) -> str:
    """`29 November 2026`: the date as the page shows it; the <time> element keeps ISO."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
