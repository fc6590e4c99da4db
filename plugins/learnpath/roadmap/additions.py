"""Add a resource to a list file, dated, so a curator's addition reaches What's new and the feed.

The entry is appended as text after the list's last entry, in the file's own indentation, so
comments, quoting and blank lines stay as the author wrote them (dumping the YAML again would
lose them). It is checked twice: its fields against the schema before anything is written, and
the whole roadmap after; if the roadmap does not validate with it, the file is put back.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from learnpath.roadmap.explain import explain, suggestion
from learnpath.roadmap.problems import RoadmapInvalid, display_path
from learnpath.roadmap.schema import ResourceEntry
from learnpath.roadmap.validate import RESOURCES_DIR, load_roadmap
from learnpath.roadmap.yamlfile import YamlFile, YamlRefused, read_yaml_file

OPTIONS = {"id": "ID", "list": "LIST"}
"""How the command line names a field, when not `--<field>`."""
WRITTEN_ORDER = ("id", "title", "url", "type", "added", "author", "free", "level")


class AdditionRefused(Exception):
    """The resource was not added, and the files are as they were; the message says why."""


@dataclass(frozen=True)
class AddedResource:
    path: Path
    line: int
    entry: ResourceEntry

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def add_resource(roadmap_dir: Path, list_id: str, fields: dict[str, Any]) -> AddedResource:
    """Append the resource `fields` (id, title, url, type, and any of added, author, free,
    level; `added` defaults to today) to `resources/<list_id>.yml` of a valid roadmap."""
    fields = {"added": datetime.date.today(), **fields}
    try:
        entry = ResourceEntry.model_validate(fields)
    except ValidationError as invalid:
        raise AdditionRefused(_explained(invalid)) from None
    folder = roadmap_dir / RESOURCES_DIR
    path = folder / f"{list_id}.yml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yml"))
        hint = suggestion(list_id, known) or f"; `learnpath new list {list_id}` starts one"
        shown = display_path(path, roadmap_dir)
        raise AdditionRefused(f"LIST: no list '{list_id}': there is no {shown}{hint}")
    try:
        roadmap = load_roadmap(roadmap_dir)
    except RoadmapInvalid as invalid:
        message = f"nothing was added: fix the roadmap first.\n{invalid.report()}"
        raise AdditionRefused(message) from None
    if entry.id in roadmap.resources:
        where = _defined_at(roadmap_dir, roadmap.list_of_resource[entry.id], entry.id)
        raise AdditionRefused(
            f"ID: '{entry.id}' is already a resource, in {where}; choose another id"
        )

    source = read_yaml_file(path, display_path(path, roadmap_dir), roadmap_dir)
    original = path.read_bytes()
    text, line = _appended(source, original.decode("utf-8"), entry)
    path.write_text(text, encoding="utf-8")
    try:
        load_roadmap(roadmap_dir)
    except RoadmapInvalid as invalid:
        path.write_bytes(original)
        raise AdditionRefused(
            f"the roadmap would not validate with it, so {source.shown_as} is as it was.\n"
            f"{invalid.report()}"
        ) from None
    return AddedResource(path, line, entry)


def _explained(invalid: ValidationError) -> str:
    """Each problem with the option that gave the value: `--url: expected an http://...`."""
    lines = []
    for error in invalid.errors(include_url=False):
        field = str(error["loc"][0]) if error["loc"] else ""
        option = OPTIONS.get(field, f"--{field}")
        lines.append(f"{option}: {explain(error, ResourceEntry)}")
    if len(lines) == 1:
        return lines[0]
    return "\n  ".join([f"{len(lines)} problems, so nothing was added:", *lines])


def _defined_at(roadmap_dir: Path, list_id: str, resource_id: str) -> str:
    """`roadmap/resources/maths.yml:12`, where the resource's id is written."""
    path = roadmap_dir / RESOURCES_DIR / f"{list_id}.yml"
    where = display_path(path, roadmap_dir)
    try:
        source = read_yaml_file(path, where, roadmap_dir)
        ids = [entry.get("id") for entry in source.data["resources"]]
        line, _ = source.position(("resources", ids.index(resource_id), "id"))
        return f"{where}:{line}"
    except (YamlRefused, ValueError, KeyError, TypeError):
        return where  # validated a moment ago; should it have changed since, the file will do


def _appended(source: YamlFile, text: str, entry: ResourceEntry) -> tuple[str, int]:
    """`text` with `entry` after the last entry of its `resources`, and the entry's line."""
    entries = source.data["resources"]
    first_line, column = source.position(("resources", len(entries) - 1))
    lines = text.splitlines(keepends=True)
    dash = lines[first_line - 1][: column - 1]
    if dash.strip() != "-":
        raise AdditionRefused(
            f"{source.shown_as}: its resources are not written one '- id: ...' entry after "
            "another; add this one by hand"
        )
    dash_indent = len(dash) - len(dash.lstrip())
    last = first_line  # the last line that belongs to the last entry
    for number in range(first_line + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        if len(line) - len(line.lstrip()) <= dash_indent:
            if line.lstrip().startswith("#"):
                continue  # a comment at the list's level: it stays after the new entry
            break  # the next key of the file
        last = number
    # Entries separated by blank lines get one too.
    gap = "\n" if len(entries) > 1 and first_line > 1 and not lines[first_line - 2].strip() else ""
    if lines and not lines[last - 1].endswith("\n"):
        lines[last - 1] += "\n"
    lines.insert(last, gap + _entry_text(entry, dash, " " * (column - 1)))
    return "".join(lines), last + 1 + len(gap)


def _entry_text(entry: ResourceEntry, dash: str, indent: str) -> str:
    values = entry.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    written = []
    for key in WRITTEN_ORDER:
        if key not in values:
            continue
        value = values[key]
        if isinstance(value, bool):
            shown = "true" if value else "false"
        elif key in ("title", "url", "author"):
            shown = json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML string
        else:
            shown = str(value)  # ids, types, levels and dates: plain YAML as validated
        written.append(f"{key}: {shown}\n")
    return dash + indent.join(written)
