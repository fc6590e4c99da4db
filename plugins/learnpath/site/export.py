"""The roadmap as plain data: `roadmap.json` for other tools, and JSON Schemas for editors."""

from __future__ import annotations

import json
from importlib import resources as package_files
from typing import Any

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.schema import (
    ProgressFile,
    ResourceListFile,
    RoadmapFile,
    StageFile,
    TagsFile,
)
from learnpath.site.feed import FEED_PATH, atom_feed
from learnpath.site.markup import MarkdownFields
from learnpath.site.pathindex import PATH_SCRIPT, path_script

FORMAT_VERSION = 1
ASSET_DIR = "assets/learnpath"
"""Where the site's own script and styles are published."""
STYLESHEETS = (f"{ASSET_DIR}/learnpath.css", f"{ASSET_DIR}/theme.css")
# path.js first: the others read the path from it. It is written per build (`path_script`).
SCRIPTS = (
    PATH_SCRIPT,
    f"{ASSET_DIR}/learnpath.js",
    f"{ASSET_DIR}/filters.js",
    f"{ASSET_DIR}/notes.js",
    f"{ASSET_DIR}/planner.js",
    f"{ASSET_DIR}/share.js",
    f"{ASSET_DIR}/prompts.js",
    f"{ASSET_DIR}/theme.js",
)


def asset_files(roadmap: Roadmap, directory_urls: bool = True) -> dict[str, bytes]:
    """learnpath's scripts and styles, by the path they are published at."""
    assets = package_files.files("learnpath.site") / "assets"
    files = {
        path: (assets / path.rsplit("/", 1)[1]).read_bytes()
        for path in STYLESHEETS + SCRIPTS
        if path != PATH_SCRIPT
    }
    files[PATH_SCRIPT] = path_script(roadmap, directory_urls)
    return files


SCHEMA_MODELS = {
    "roadmap": RoadmapFile,
    "stage": StageFile,
    "resource-list": ResourceListFile,
    "progress": ProgressFile,
    "tags": TagsFile,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """One JSON Schema per file kind, from the same models the validator uses."""
    schemas = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        schemas[name] = schema
    return schemas


def roadmap_document(roadmap: Roadmap) -> dict[str, Any]:
    """The whole validated roadmap, with ids where the YAML had ids."""
    return {
        "format": FORMAT_VERSION,
        "title": roadmap.title,
        "tagline": roadmap.tagline,
        "description": roadmap.description,
        "total_hours": roadmap.total_hours,
        "stages": [
            {
                "id": stage.id,
                "number": stage.number,
                "title": stage.title,
                "summary": stage.summary,
                "description": stage.description,
                "hours": stage.hours,
                "level": stage.level,
                "prerequisites": list(stage.prerequisites),
                "outcomes": list(stage.outcomes),
                "topics": [
                    {
                        "title": topic.title,
                        "description": topic.description,
                        "resources": [r.id for r in topic.resources],
                        "start": topic.start.id if topic.start else None,
                        "prompt": topic.prompt,
                    }
                    for topic in stage.topics
                ],
                "projects": [
                    {
                        "title": project.title,
                        "description": project.description,
                        "deliverable": project.deliverable,
                        "resources": [r.id for r in project.resources],
                    }
                    for project in stage.projects
                ],
                "prompt": stage.prompt,
            }
            for stage in roadmap.stages
        ],
        "lists": [
            {
                "id": resource_list.id,
                "title": resource_list.title,
                "description": resource_list.description,
                # JSON mode: `added` is a date, written as YYYY-MM-DD.
                "resources": [
                    r.model_dump(mode="json", exclude_none=True) for r in resource_list.resources
                ],
            }
            for resource_list in roadmap.lists
        ],
        # The vocabulary of tags.yml; empty when the roadmap has none and any tag goes.
        "tags": [tag.model_dump(exclude_none=True) for tag in roadmap.tags.values()],
    }


def published_files(roadmap: Roadmap) -> dict[str, bytes]:
    """Machine-readable files served beside the pages."""
    # roadmap.json is for programs and grows with the roadmap: compact. Schemas are read by
    # people and editors: indented.
    files = {"roadmap.json": _json(roadmap_document(roadmap), indent=None)}
    for name, schema in json_schemas().items():
        files[f"schemas/{name}.schema.json"] = _json(schema)
    return files


def site_files(
    roadmap: Roadmap,
    fields: MarkdownFields,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> dict[str, bytes]:
    """Every file of the site that is not a page, by its path in the site: the scripts and
    styles, roadmap.json and the schemas, and the feed. Each engine publishes them as they are.
    `fields`: the build's Markdown fields, which the feed's summaries are written from."""
    return {
        **asset_files(roadmap, directory_urls),
        **published_files(roadmap),
        FEED_PATH: atom_feed(roadmap, fields, site_url, directory_urls),
    }


def _json(data: Any, indent: int | None = 2) -> bytes:
    separators = None if indent else (",", ":")
    text = json.dumps(data, indent=indent, separators=separators, ensure_ascii=False)
    return text.encode("utf-8") + b"\n"
