"""The validated roadmap, with every reference resolved: what templates and adapters read.

Nothing here knows YAML or HTML. Resources are the validated `ResourceEntry` records themselves;
stages hold the resources of their topics as objects, so rendering never looks an id up.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from learnpath.roadmap.schema import ResourceEntry, TagEntry

Resource = ResourceEntry
Tag = TagEntry


@dataclass(frozen=True)
class Topic:
    title: str
    description: str | None
    resources: tuple[Resource, ...]
    start: Resource | None = None
    """The resource to start with: one of `resources`."""
    prompt: str | None = None
    """The author's study prompt for this topic, plain text; None to have one written."""

    @property
    def resources_start_first(self) -> tuple[Resource, ...]:
        """The order a reader meets them: the start pick, then the others as written."""
        if self.start is None:
            return self.resources
        return (self.start, *(r for r in self.resources if r.id != self.start.id))


@dataclass(frozen=True)
class Project:
    title: str
    description: str | None
    deliverable: str | None
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Stage:
    id: str
    number: int
    title: str
    summary: str
    description: str | None
    hours: float | None
    level: str | None
    prerequisites: tuple[str, ...]
    outcomes: tuple[str, ...]
    topics: tuple[Topic, ...]
    projects: tuple[Project, ...]
    prompt: str | None = None
    """The author's study prompt for the topics that have none of their own."""

    @property
    def resources(self) -> tuple[Resource, ...]:
        """Every resource the stage points to, once each, in reading order."""
        seen: dict[str, Resource] = {}
        for group in (*self.topics, *self.projects):
            for resource in group.resources:
                seen.setdefault(resource.id, resource)
        return tuple(seen.values())

    @property
    def first_places(self) -> dict[str, Topic | Project]:
        """For each of its resources, the topic or project where a reader meets it first, in
        reading order: a resource in two places is shown there and referred to elsewhere."""
        places: dict[str, Topic | Project] = {}
        for group in (*self.topics, *self.projects):
            for resource in group.resources:
                places.setdefault(resource.id, group)
        return places


@dataclass(frozen=True)
class ResourceList:
    id: str
    title: str
    description: str | None
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class ProgressNote:
    """A public progress entry, resolved: `stage` or `resource` is set, never both."""

    status: str
    date: datetime.date | None
    note: str | None
    stage: Stage | None = None
    resource: Resource | None = None


@dataclass(frozen=True)
class Progress:
    learner: str | None
    notes: tuple[ProgressNote, ...]


@dataclass(frozen=True)
class Roadmap:
    title: str
    tagline: str | None
    description: str | None
    stages: tuple[Stage, ...]
    lists: tuple[ResourceList, ...]
    """The resource lists ("themes") in path order (`lists_in_path_order`), whatever order they
    are given in: file names say nothing to a reader, so the overview, the library, the
    navigation and roadmap.json all show a list where the path first needs it."""
    resources: dict[str, Resource] = field(repr=False)
    list_of_resource: dict[str, str] = field(repr=False)
    progress: Progress | None = None
    tags: dict[str, Tag] = field(default_factory=dict, repr=False)
    """The tag vocabulary of tags.yml, by id, in its order; empty when there is none."""

    def __post_init__(self) -> None:
        # Frozen, so set as the dataclass' own __init__ does; sorting is stable, so a roadmap
        # copied with `dataclasses.replace` keeps the same order.
        object.__setattr__(self, "lists", lists_in_path_order(self.lists, self.stages))

    def stage(self, stage_id: str) -> Stage:
        return self._stages_by_id[stage_id]

    @cached_property
    def _stages_by_id(self) -> dict[str, Stage]:
        # Every stage page links its prerequisites: a scan per lookup would make big roadmaps
        # quadratic.
        return {stage.id: stage for stage in self.stages}

    @property
    def total_hours(self) -> float:
        return sum(stage.hours or 0 for stage in self.stages)

    def newest_resources(self) -> tuple[tuple[Resource, ResourceList], ...]:
        """The resources with an `added` date, newest first, each with its list: What's new and
        the feed. Resources added the same day keep the library's order, so a build is the
        same every time."""
        dated = [
            (resource, resource_list)
            for resource_list in self.lists
            for resource in resource_list.resources
            if resource.added is not None
        ]
        # Stable: sorting on the date alone keeps the library's order within a day.
        dated.sort(key=lambda pair: pair[0].added or datetime.date.min, reverse=True)
        return tuple(dated)

    def stages_using(self) -> dict[str, list[Stage]]:
        """For each resource id, the stages that recommend it (for "used in" links)."""
        used: dict[str, list[Stage]] = {}
        for stage in self.stages:
            for resource in stage.resources:
                used.setdefault(resource.id, []).append(stage)
        return used


def lists_in_path_order(
    lists: tuple[ResourceList, ...], stages: tuple[Stage, ...]
) -> tuple[ResourceList, ...]:
    """The lists by the earliest stage that uses any of their resources: the order a reader
    following the path meets them. Ties keep their given (file) order; lists no stage uses
    come last, in that order too."""
    first_stage: dict[str, int] = {}
    for position, stage in enumerate(stages):
        for resource in stage.resources:
            first_stage.setdefault(resource.id, position)
    unused = len(stages)

    def first_needed(resource_list: ResourceList) -> int:
        return min((first_stage.get(r.id, unused) for r in resource_list.resources), default=unused)

    return tuple(sorted(lists, key=first_needed))
