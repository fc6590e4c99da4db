"""Checks that span files: ids are unique, every reference resolves, prerequisites form no cycle,
each topic starts with one of its own resources, and tags come from tags.yml when it exists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from learnpath.roadmap.checked import Checked
from learnpath.roadmap.explain import suggestion
from learnpath.roadmap.problems import Problem
from learnpath.roadmap.schema import RESERVED_IDS

if TYPE_CHECKING:
    from learnpath.roadmap.schema import (
        ProgressFile,
        ResourceListFile,
        RoadmapFile,
        StageFile,
        TagsFile,
    )


def _at(checked: Checked, location: tuple[str | int, ...], field: str, message: str) -> Problem:
    line, column = checked.source.position(location)
    return Problem(checked.source.shown_as, line, column, field, message)


Dangling = tuple[str, Problem]
"""A reference to something not found, with the folder it points into ("stages" or
"resources"; "" for a problem that is not about a missing target): unknown if that folder was
read whole, unchecked if part of it could not be."""


def check_references(
    roadmap: Checked[RoadmapFile] | None,
    stages: list[Checked[StageFile]],
    lists: list[Checked[ResourceListFile]],
    ids_in_failed_files: set[str],
    unread: Mapping[str, list[str]],
    progress: Checked[ProgressFile] | None = None,
    tags: Checked[TagsFile] | None = None,
) -> list[Problem]:
    """`ids_in_failed_files` are ids from files with errors: known, but not checked.
    `unread` names, for "stages" and "resources", what could not be read at all (a folder or
    a resource list): a reference that may point there is unchecked, not unknown.

    `roadmap` is None when roadmap.yml itself has errors: the other files are still checked
    against each other, so one pass reports everything. `tags` is None without a tags.yml, or
    when it has errors: then any tag is accepted, and only tags.yml's own problems are shown.
    """
    problems: list[Problem] = []
    dangling: list[Dangling] = []
    stage_ids = [checked.id for checked in stages] + sorted(ids_in_failed_files)
    if roadmap is not None:
        dangling += _check_stage_files(roadmap, stages, stage_ids, problems)
    known_resources = _check_resource_ids(lists, problems)
    known_resources.update(dict.fromkeys(ids_in_failed_files, "a file with errors"))
    for stage in stages:
        dangling += _check_stage_references(stage, stage_ids, known_resources)
        problems += _check_start_picks(stage)
    if tags is not None:
        problems += _check_tags(tags, lists)
    if progress is not None:
        dangling += _check_progress(progress, stages, lists, ids_in_failed_files)
    problems += _check_cycles(stages)
    unchecked = [problem for folder, problem in dangling if unread.get(folder)]
    problems += [problem for folder, problem in dangling if not unread.get(folder)]
    if unchecked:
        problems.append(_unchecked(unchecked, unread))
    return problems


def _unchecked(references: list[Problem], unread: Mapping[str, list[str]]) -> Problem:
    """One line for every reference that may point into what could not be read: its own
    problem is reported where it is, and guessing "unknown" for each would bury it."""
    files = sorted({problem.file for problem in references})
    where = files[0] if len(files) == 1 else f"{len(files)} files"
    missing = ", ".join(name for names in unread.values() for name in names)
    count = len(references)
    noun = "reference" if count == 1 else "references"
    return replace(
        min(references),
        field="",
        message=f"{count} {noun} in {where} could not be checked, because {missing} "
        "could not be read; fix that first",
    )


def reserved_id(folder: str, file_id: str) -> str:
    """Why a stage (`folder` "stages") or list ("resources") cannot be called `file_id`, or ''."""
    page = RESERVED_IDS.get(folder, {}).get(file_id)
    if page is None:
        return ""
    kind = "stage" if folder == "stages" else "list"
    return f"'{file_id}' cannot be a {kind} id: its page would replace {page}"


def _check_stage_files(
    roadmap: Checked[RoadmapFile],
    stages: list[Checked[StageFile]],
    stage_ids: list[str],
    problems: list[Problem],
) -> Iterator[Dangling]:
    """roadmap.yml lists each stage once, and every stage file is listed there."""
    listed = roadmap.content.stages
    files = {checked.id for checked in stages}
    for index, stage_id in enumerate(listed):
        field = f"stages[{index}]"
        if stage_id in listed[:index]:
            message = f"stage '{stage_id}' is listed twice"
            problems.append(_at(roadmap, ("stages", index), field, message))
        elif reserved := reserved_id("stages", stage_id):
            message = f"{reserved}; choose another id (and rename its file)"
            problems.append(_at(roadmap, ("stages", index), field, message))
        elif stage_id not in stage_ids:
            hint = suggestion(stage_id, sorted(files))
            message = f"no stage file for '{stage_id}' (expected stages/{stage_id}.yml){hint}"
            yield "stages", _at(roadmap, ("stages", index), field, message)
    for checked in stages:
        if checked.id not in listed:
            problems.append(
                Problem(
                    checked.source.shown_as, 1, 1, "",
                    f"stage '{checked.id}' is not listed in roadmap.yml's stages; "
                    "add it there or delete this file",
                )
            )  # fmt: skip


def _check_resource_ids(
    lists: list[Checked[ResourceListFile]], problems: list[Problem]
) -> dict[str, str]:
    """Resource ids are unique across all lists; returns id -> the file that defines it."""
    first_seen: dict[str, tuple[Checked[ResourceListFile], int]] = {}
    for checked in lists:
        for index, entry in enumerate(checked.content.resources):
            if entry.id not in first_seen:
                first_seen[entry.id] = (checked, index)
                continue
            # Lines are looked up only for a duplicate: most roadmaps have none.
            first, first_index = first_seen[entry.id]
            line, _ = first.source.position(("resources", first_index, "id"))
            problems.append(
                _at(
                    checked,
                    ("resources", index, "id"),
                    f"resources[{index}].id",
                    f"duplicate resource id '{entry.id}' "
                    f"(first defined at {first.source.shown_as}:{line})",
                )
            )
    return {resource_id: where.source.shown_as for resource_id, (where, _) in first_seen.items()}


def _check_stage_references(
    stage: Checked[StageFile], stage_ids: list[str], resource_ids: dict[str, str]
) -> Iterator[Dangling]:
    for index, prerequisite in enumerate(stage.content.prerequisites):
        location = ("prerequisites", index)
        field = f"prerequisites[{index}]"
        if prerequisite == stage.id:
            yield "", _at(stage, location, field, "a stage cannot be its own prerequisite")
        elif prerequisite not in stage_ids:
            hint = suggestion(prerequisite, stage_ids)
            yield "stages", _at(stage, location, field, f"unknown stage '{prerequisite}'{hint}")
    for group in ("topics", "projects"):
        for group_index, item in enumerate(getattr(stage.content, group)):
            for index, resource_id in enumerate(item.resources):
                if resource_id not in resource_ids:
                    hint = suggestion(resource_id, list(resource_ids))
                    yield (
                        "resources",
                        _at(
                            stage,
                            (group, group_index, "resources", index),
                            f"{group}[{group_index}].resources[{index}]",
                            f"unknown resource '{resource_id}' (not in any resources/*.yml){hint}",
                        ),
                    )


def _check_start_picks(stage: Checked[StageFile]) -> Iterator[Problem]:
    """A topic's `start` is one of its own resources: it is shown first, among them."""
    for index, topic in enumerate(stage.content.topics):
        if topic.start is None or topic.start in topic.resources:
            continue
        hint = suggestion(topic.start, topic.resources) or (
            "; add it to them, or start with one that is"
        )
        yield _at(
            stage,
            ("topics", index, "start"),
            f"topics[{index}].start",
            f"'{topic.start}' is not one of this topic's resources{hint}",
        )


def _check_tags(tags: Checked[TagsFile], lists: list[Checked[ResourceListFile]]) -> list[Problem]:
    """With a vocabulary, each tag is defined once and every resource's tag is one of them: a
    typo would otherwise add a tag to the filter that groups one resource."""
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for index, tag in enumerate(tags.content.tags):
        line, _ = tags.source.position(("tags", index, "id"))
        if tag.id in first_line:
            first = f"{tags.source.shown_as}:{first_line[tag.id]}"
            message = f"duplicate tag id '{tag.id}' (first defined at {first})"
            problems.append(_at(tags, ("tags", index, "id"), f"tags[{index}].id", message))
        first_line.setdefault(tag.id, line)
    known = list(first_line)
    for checked in lists:
        for index, resource in enumerate(checked.content.resources):
            for position, tag_id in enumerate(resource.tags):
                if tag_id in first_line:
                    continue
                hint = suggestion(tag_id, known)
                problems.append(
                    _at(
                        checked,
                        ("resources", index, "tags", position),
                        f"resources[{index}].tags[{position}]",
                        f"unknown tag '{tag_id}' (not in {tags.source.shown_as}){hint}",
                    )
                )
    return problems


def _check_cycles(stages: list[Checked[StageFile]]) -> Iterator[Problem]:
    """Report each prerequisite cycle once, at the stage where it is first entered."""
    graph = {checked.id: checked for checked in stages}
    state: dict[str, str] = {}  # "visiting" while on the current path, "done" after
    path: list[str] = []

    def visit(stage_id: str) -> Iterator[Problem]:
        state[stage_id] = "visiting"
        path.append(stage_id)
        checked = graph[stage_id]
        for index, prerequisite in enumerate(checked.content.prerequisites):
            if prerequisite not in graph or prerequisite == stage_id:
                continue
            if state.get(prerequisite) == "visiting":
                cycle = [*path[path.index(prerequisite) :], prerequisite]
                yield _at(
                    checked,
                    ("prerequisites", index),
                    f"prerequisites[{index}]",
                    f"prerequisites form a cycle: {' -> '.join(cycle)}; remove one of them",
                )
            elif prerequisite not in state:
                yield from visit(prerequisite)
        path.pop()
        state[stage_id] = "done"

    for stage_id in graph:
        if stage_id not in state:
            yield from visit(stage_id)


def _check_progress(
    progress: Checked[ProgressFile],
    stages: list[Checked[StageFile]],
    lists: list[Checked[ResourceListFile]],
    ids_in_failed_files: set[str],
) -> Iterator[Dangling]:
    """Every id in progress.yml names a stage or resource of this roadmap."""
    stage_ids = [checked.id for checked in stages]
    resource_ids = [entry.id for checked in lists for entry in checked.content.resources]
    for index, entry in enumerate(progress.content.entries):
        for key, known, kind in (
            ("stage", stage_ids, "stage"),
            ("resource", resource_ids, "resource"),
        ):
            value = getattr(entry, key)
            if value is not None and value not in known and value not in ids_in_failed_files:
                hint = suggestion(value, known)
                yield (
                    f"{kind}s",
                    _at(
                        progress,
                        ("entries", index, key),
                        f"entries[{index}].{key}",
                        f"unknown {kind} '{value}'{hint}",
                    ),
                )
