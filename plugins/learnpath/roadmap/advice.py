"""Things that are allowed but probably not meant: shown as warnings, fatal under `--strict`.

Warnings are located like errors (file:line:column: field: message). The model no longer
knows lines, so the few files a warning concerns are read again to find them: warnings are
rare, and a clean roadmap reads nothing twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.problems import Problem, display_path, format_location
from learnpath.roadmap.yamlfile import YamlFile, YamlRefused, read_yaml_file

# An inline Markdown link or image whose target has no scheme: a path, relative to a page the
# author cannot know. (Other schemes are the sanitiser's business; #anchors stay on the page.)
_RELATIVE_LINK = re.compile(r"\]\(\s*<?(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|//)([^)\s>]+)")

Location = tuple[str | int, ...]


def roadmap_advice(roadmap: Roadmap, root: Path) -> list[Problem]:
    """Every warning for the roadmap read from the folder `root`, located."""
    found: list[tuple[str, Location, str]] = []
    position = {stage.id: stage.number for stage in roadmap.stages}
    for stage in roadmap.stages:
        where = f"stages/{stage.id}.yml"
        for index, prerequisite in enumerate(stage.prerequisites):
            if position[prerequisite] > stage.number:
                found.append((
                    where, ("prerequisites", index),
                    f"stage '{stage.id}' needs '{prerequisite}', which comes later in "
                    "roadmap.yml's stages; move it earlier so readers meet it first",
                ))  # fmt: skip
        if not stage.resources:
            found.append((
                where, ("topics",),
                f"stage '{stage.id}' recommends no resources; add some to its topics",
            ))  # fmt: skip
    found += _unused_tags(roadmap)
    found += [
        (
            where, location,
            f"the link '{target}' is relative, and links in YAML fields are not rewritten for "
            "the page they end up on; use a full https:// address",
        )
        for where, location, text in _located_markdown_fields(roadmap)
        for target in _RELATIVE_LINK.findall(text)
    ]  # fmt: skip
    locate = _Locator(root)
    return [locate(where, location, message) for where, location, message in found]


def _unused_tags(roadmap: Roadmap) -> list[tuple[str, Location, str]]:
    """A tag in tags.yml that no resource uses would offer a filter that shows nothing."""
    used = {tag for resource in roadmap.resources.values() for tag in resource.tags}
    return [
        (
            "tags.yml", ("tags", index, "id"),
            f"tag '{tag_id}' is used by no resource; tag some resources with it or remove it",
        )
        for index, tag_id in enumerate(roadmap.tags)
        if tag_id not in used
    ]  # fmt: skip


class _Locator:
    """Turns (file in the roadmap folder, field path) into a located Problem."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.source = cache(self._source)

    def _source(self, where: str) -> YamlFile | None:
        path = self.root / where
        try:
            return read_yaml_file(path, display_path(path, self.root), self.root)
        except YamlRefused:  # changed since it was validated: still warn, without a line
            return None

    def __call__(self, where: str, location: Location, message: str) -> Problem:
        path = self.root / where
        source = self.source(where)
        line, column = source.position(location) if source else (0, 0)
        shown = source.shown_as if source else display_path(path, self.root)
        return Problem(shown, line, column, format_location(location), message)


def markdown_fields(roadmap: Roadmap) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for every Markdown field that has text."""
    return (
        (where, format_location(location), text)
        for where, location, text in _located_markdown_fields(roadmap)
    )


def _located_markdown_fields(roadmap: Roadmap) -> Iterator[tuple[str, Location, str]]:
    fields: list[tuple[str, Location, str | None]] = [
        ("roadmap.yml", ("description",), roadmap.description)
    ]
    for stage in roadmap.stages:
        where = f"stages/{stage.id}.yml"
        fields.append((where, ("description",), stage.description))
        for group, items in (("topics", stage.topics), ("projects", stage.projects)):
            fields += [
                (where, (group, index, "description"), item.description)
                for index, item in enumerate(items)
            ]
    for resource_list in roadmap.lists:
        where = f"resources/{resource_list.id}.yml"
        fields.append((where, ("description",), resource_list.description))
        fields += [
            (where, ("resources", index, "description"), resource.description)
            for index, resource in enumerate(resource_list.resources)
        ]
    return ((where, location, text) for where, location, text in fields if text)
