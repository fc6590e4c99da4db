"""Load a roadmap folder, check it completely, and build the model, or report every problem.

This is the core's front door: `load_roadmap(folder)` either returns a `Roadmap` whose references
all resolve, or raises `RoadmapInvalid` carrying every located problem found in one pass.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from learnpath.roadmap.checked import Checked, Model
from learnpath.roadmap.explain import explain
from learnpath.roadmap.filecache import CheckedFiles
from learnpath.roadmap.model import (
    Progress,
    ProgressNote,
    Project,
    ResourceList,
    Roadmap,
    Stage,
    Topic,
)
from learnpath.roadmap.problems import Problem, RoadmapInvalid, display_path, format_location
from learnpath.roadmap.references import check_references, reserved_id
from learnpath.roadmap.schema import (
    SLUG_PATTERN,
    ProgressFile,
    ResourceListFile,
    RoadmapFile,
    StageFile,
    TagsFile,
)
from learnpath.roadmap.sourcefiles import list_yaml_files
from learnpath.roadmap.yamlfile import YamlRefused, parse_yaml_bytes, read_yaml_bytes

ROADMAP_FILE = "roadmap.yml"
PROGRESS_FILE = "progress.yml"
TAGS_FILE = "tags.yml"
STAGES_DIR = "stages"
RESOURCES_DIR = "resources"


class _Collector:
    """Gathers problems from every step so they are reported together."""

    def __init__(self, root: Path, checked_files: CheckedFiles | None = None) -> None:
        self.root = root
        self.checked_files = checked_files
        self.problems: list[Problem] = []
        # Ids from files that failed: still "known", so one typo in a list does not also flag
        # every stage that points into that list, and an empty stage file is not "unknown".
        self.ids_in_failed_files: set[str] = set()
        # Files whose content could not be read at all: what they define is unknown, so
        # references that may point into them are reported once, as unchecked.
        self.unread: dict[str, list[str]] = {STAGES_DIR: [], RESOURCES_DIR: []}

    def shown(self, path: Path) -> str:
        return display_path(path, self.root)

    def read(
        self, path: Path, model: type[Model], file_id: str, *, is_list: bool = False
    ) -> Checked[Model] | None:
        """Parse and schema-check one file; record its problems and return None if any.

        `is_list`: a resource list, whose ids other files point to."""
        try:
            raw = read_yaml_bytes(path, self.shown(path), self.root)
            if self.checked_files is not None:
                kept = self.checked_files.get(path, model, file_id, raw)
                if kept is not None:
                    return kept
            source = parse_yaml_bytes(raw, path, self.shown(path), self.root)
        except YamlRefused as refused:
            self.problems.extend(refused.problems)
            return self.failed(file_id, path, unread=is_list)
        if source.data is None:
            message = f"file is empty; expected a mapping with the keys of a {model.__name__}"
            self.problems.append(Problem(source.shown_as, 1, 1, "", message))
            return self.failed(file_id, path, unread=is_list)
        try:
            content = model.model_validate(source.data)
        except ValidationError as invalid:
            for error in invalid.errors(include_url=False):
                location = tuple(error["loc"])
                at_key = error["type"] == "extra_forbidden"
                line, column = source.position(location, at_key=at_key)
                field = format_location(location)
                message = explain(error, model)
                self.problems.append(Problem(source.shown_as, line, column, field, message))
            unread = is_list and not self.remember_ids(source.data)
            return self.failed(file_id, path, unread=unread)
        checked = Checked(file_id, source.released(), content)
        if self.checked_files is not None:
            self.checked_files.keep(path, model, file_id, raw, checked)
        return checked

    def read_list(self, path: Path) -> Checked[ResourceListFile] | None:
        return self.read(path, ResourceListFile, self.file_id(path), is_list=True)

    def read_optional(self, path: Path, model: type[Model]) -> Checked[Model] | None:
        """A file a roadmap may go without (progress.yml, tags.yml): None when it is absent.

        `lexists`, so that a dangling link is read, and refused, rather than ignored."""
        return self.read(path, model, path.stem) if os.path.lexists(path) else None

    def failed(self, file_id: str, path: Path, *, unread: bool) -> None:
        """`unread`: a resource list whose ids could not be found."""
        self.ids_in_failed_files.add(file_id)
        if unread:
            self.unread[RESOURCES_DIR].append(self.shown(path))
        return None

    def remember_ids(self, data: object) -> bool:
        """Keep the resource ids of a list that failed; False if none could be found."""
        entries = data.get("resources") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            return False
        for entry in entries:
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                self.ids_in_failed_files.add(entry["id"])
        return True

    def yaml_files(self, folder: Path) -> list[Path]:
        if not folder.is_dir():
            self.problems.append(
                Problem(self.shown(folder), 0, 0, "", "folder is missing; create it")
            )
            return []
        try:
            files, strays = list_yaml_files(folder)
        except OSError as error:
            message = f"cannot list this folder ({error.strerror or error}); check its permissions"
            self.problems.append(Problem.whole_file(self.shown(folder), message))
            self.unread[folder.name].append(self.shown(folder))
            return []
        for stray in strays:
            self.problems.append(
                Problem(self.shown(stray), 0, 0, "", "use the .yml extension for roadmap files")
            )
        return files

    def file_id(self, path: Path) -> str:
        if not re.match(SLUG_PATTERN, path.stem):
            message = "file name must be a lowercase id such as 'deep-learning.yml'"
            self.problems.append(Problem.whole_file(self.shown(path), message))
        elif reserved := reserved_id(path.parent.name, path.stem):
            self.problems.append(
                Problem(self.shown(path), 1, 1, "", f"{reserved}; rename the file")
            )
        return path.stem


def load_roadmap(root: Path | str, checked_files: CheckedFiles | None = None) -> Roadmap:
    """Read `root/roadmap.yml`, `root/stages/*.yml` and `root/resources/*.yml` into a Roadmap.

    `checked_files`: kept from the last load in this process, to skip parsing and checking
    the files that have not changed (`learnpath serve`; see filecache.py)."""
    root = Path(root)
    collector = _Collector(root, checked_files)
    roadmap_path = root / ROADMAP_FILE
    if not os.path.lexists(roadmap_path):
        message = "not found; a roadmap folder needs roadmap.yml (`learnpath init` starts one)"
        raise RoadmapInvalid([Problem.whole_file(collector.shown(roadmap_path), message)])
    roadmap = collector.read(roadmap_path, RoadmapFile, "roadmap")
    stages = [
        checked
        for path in collector.yaml_files(root / STAGES_DIR)
        if (checked := collector.read(path, StageFile, collector.file_id(path)))
    ]
    lists = [
        checked
        for path in collector.yaml_files(root / RESOURCES_DIR)
        if (checked := collector.read_list(path))
    ]
    progress = collector.read_optional(root / PROGRESS_FILE, ProgressFile)
    tags = collector.read_optional(root / TAGS_FILE, TagsFile)
    collector.problems += check_references(
        roadmap,
        stages,
        lists,
        collector.ids_in_failed_files,
        collector.unread,
        progress,
        tags,
    )
    if checked_files is not None:
        checked_files.forget_unused()
    if collector.problems or roadmap is None:
        raise RoadmapInvalid(collector.problems)
    model = build_model(roadmap.content, stages, lists, tags.content if tags else None)
    if progress is not None:
        model = with_progress(model, progress.content)
    return model


def with_progress(roadmap: Roadmap, progress: ProgressFile) -> Roadmap:
    """Attach the public progress notes, newest first (undated last)."""
    stages = {stage.id: stage for stage in roadmap.stages}
    notes = [
        ProgressNote(
            status=entry.status,
            date=entry.date,
            note=entry.note,
            stage=stages[entry.stage] if entry.stage else None,
            resource=roadmap.resources[entry.resource] if entry.resource else None,
        )
        for entry in progress.entries
    ]
    notes.sort(key=lambda note: note.date.toordinal() if note.date else 0, reverse=True)
    return replace(roadmap, progress=Progress(progress.learner, tuple(notes)))


def build_model(
    roadmap: RoadmapFile,
    stage_files: list[Checked[StageFile]],
    list_files: list[Checked[ResourceListFile]],
    tags: TagsFile | None = None,
) -> Roadmap:
    """Resolve ids into objects; only called once every reference is known to exist."""
    resources = {entry.id: entry for checked in list_files for entry in checked.content.resources}
    list_of_resource = {
        entry.id: checked.id for checked in list_files for entry in checked.content.resources
    }
    by_id = {checked.id: checked.content for checked in stage_files}
    stages = []
    for number, stage_id in enumerate(roadmap.stages, start=1):
        stage = by_id[stage_id]
        topics = tuple(
            Topic(
                topic.title,
                topic.description,
                tuple(resources[r] for r in topic.resources),
                resources[topic.start] if topic.start else None,
                topic.prompt,
            )
            for topic in stage.topics
        )
        projects = tuple(
            Project(
                project.title,
                project.description,
                project.deliverable,
                tuple(resources[r] for r in project.resources),
            )
            for project in stage.projects
        )
        stages.append(
            Stage(
                id=stage_id,
                number=number,
                title=stage.title,
                summary=stage.summary,
                description=stage.description,
                hours=stage.hours,
                level=stage.level,
                prerequisites=tuple(stage.prerequisites),
                outcomes=tuple(stage.outcomes),
                topics=topics,
                projects=projects,
                prompt=stage.prompt,
            )
        )
    lists = tuple(
        ResourceList(
            checked.id,
            checked.content.title,
            checked.content.description,
            tuple(checked.content.resources),
        )
        for checked in list_files
    )
    return Roadmap(
        title=roadmap.title,
        tagline=roadmap.tagline,
        description=roadmap.description,
        stages=tuple(stages),
        lists=lists,
        resources=resources,
        list_of_resource=list_of_resource,
        tags={tag.id: tag for tag in tags.tags} if tags else {},
    )
