"""`learnpath init` and `learnpath new`: start a roadmap project, add stages and lists.

The project template lives in `scaffold/` as real files, so what a new user gets can be read
(and is tested by building it). Files are never overwritten unless asked.
"""

from __future__ import annotations

import json
import re
from importlib import resources as package_files
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from learnpath.roadmap.schema import SLUG_PATTERN
from learnpath.roadmap.yamlfile import YamlRefused, read_yaml_file
from learnpath.site.export import json_schemas

# Template file -> where it goes in the new project.
PROJECT_FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "gitignore": ".gitignore",  # stored without the dot, so packaging keeps it
    "docs/index.md": "docs/index.md",
    "roadmap/roadmap.yml": "roadmap/roadmap.yml",
    "roadmap/stages/first-steps.yml": "roadmap/stages/first-steps.yml",
    "roadmap/stages/next-steps.yml": "roadmap/stages/next-steps.yml",
    "roadmap/resources/starter.yml": "roadmap/resources/starter.yml",
    "roadmap/progress.yml": "roadmap/progress.yml",
    "roadmap/tags.yml": "roadmap/tags.yml",
    "workflows/site.yml": ".github/workflows/site.yml",
    "workflows/links.yml": ".github/workflows/links.yml",
}


def requirements() -> str:
    """requirements.txt for the new project's workflows: learnpath from where this copy came.

    learnpath is not on PyPI yet, so a bare `learnpath` line would fail in CI. When this copy
    was installed from a git repository, pin that repository and commit; otherwise say what to
    write (pip records the origin in direct_url.json, PEP 610).
    """
    try:
        origin = json.loads(distribution("learnpath").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, ValueError):
        origin = {}
    vcs = origin.get("vcs_info", {})
    if vcs.get("vcs") == "git" and origin.get("url"):
        commit = f"@{vcs['commit_id']}" if vcs.get("commit_id") else ""
        return f"learnpath @ git+{origin['url']}{commit}\n"
    return (
        "# learnpath is not on PyPI yet: point this line at the repository you install it from.\n"
        "learnpath @ git+https://github.com/YOUR-NAME/learnpath\n"
    )


class ScaffoldError(Exception):
    """Something `init` or `new` refuses to do; the message says what to do instead."""


def _template(name: str) -> str:
    return (package_files.files("learnpath") / "scaffold" / name).read_text(encoding="utf-8")


def _fill(text: str, target: str, title: str) -> str:
    # A JSON string is a valid YAML scalar, so any title is safe in YAML files.
    return text.replace("{title}", json.dumps(title) if target.endswith(".yml") else title)


def create_project(folder: Path, *, force: bool = False, title: str) -> list[Path]:
    """Write a complete, valid roadmap project that builds as it is."""
    planned = {folder / target: _fill(_template(name), target, title)
               for name, target in PROJECT_FILES.items()}  # fmt: skip
    planned[folder / "requirements.txt"] = requirements()
    for name, schema in json_schemas().items():
        planned[folder / "schemas" / f"{name}.schema.json"] = json.dumps(schema, indent=2) + "\n"
    existing = [path for path in planned if path.exists()]
    if existing and not force:
        shown = ", ".join(str(path) for path in existing[:3])
        more = f" and {len(existing) - 3} more" if len(existing) > 3 else ""
        raise ScaffoldError(
            f"{shown}{more} already exist; nothing was written. "
            "Choose an empty folder, or pass --force to overwrite them."
        )
    for path, text in planned.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return list(planned)


def _check_id(kind: str, new_id: str) -> None:
    if not re.match(SLUG_PATTERN, new_id):
        raise ScaffoldError(
            f"'{new_id}' is not a valid {kind} id: use lowercase letters, digits and single "
            "dashes, e.g. 'linear-algebra'"
        )


def _title_from(new_id: str) -> str:
    return new_id.replace("-", " ").capitalize()


def add_stage(roadmap_dir: Path, stage_id: str, *, title: str | None = None) -> Path:
    """Write stages/<id>.yml and append the id to roadmap.yml's stages, keeping its layout."""
    _check_id("stage", stage_id)
    path = roadmap_dir / "stages" / f"{stage_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    roadmap_file = roadmap_dir / "roadmap.yml"
    if not roadmap_file.exists():
        raise ScaffoldError(f"{roadmap_file} not found; run `learnpath init` first")
    updated = _append_stage(roadmap_file, stage_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/stage.schema.json\n"
        f"title: {json.dumps(title or _title_from(stage_id))}\n"
        "summary: One sentence on what this stage is for.\n"
        "hours: 10\n"
        "level: beginner\n"
        "outcomes:\n"
        "  - You can ...\n"
        "topics:\n"
        "  - title: A first topic\n"
        "    resources: []\n",
        encoding="utf-8",
    )
    roadmap_file.write_text(updated, encoding="utf-8")
    return path


def _append_stage(roadmap_file: Path, stage_id: str) -> str:
    """roadmap.yml with the new id added last in `stages`, comments and order untouched."""
    try:
        source = read_yaml_file(roadmap_file, str(roadmap_file), roadmap_file.parent)
    except YamlRefused as refused:
        raise ScaffoldError(f"fix roadmap.yml first: {refused}") from None
    stages = source.data.get("stages") if isinstance(source.data, dict) else None
    if not isinstance(stages, list) or not stages:
        raise ScaffoldError("roadmap.yml has no list of stages to add to")
    if stage_id in stages:
        raise ScaffoldError(f"'{stage_id}' is already listed in roadmap.yml")
    lines = source_text = roadmap_file.read_text(encoding="utf-8")
    lines = source_text.splitlines(keepends=True)
    last_line, last_column = source.position(("stages", len(stages) - 1))
    key_line, _ = source.position(("stages",), at_key=True)
    if last_line == key_line:  # flow style: stages: [a, b]
        text = lines[key_line - 1]
        closing = text.rindex("]")
        lines[key_line - 1] = f"{text[:closing].rstrip()}, {stage_id}{text[closing:]}"
    else:
        dash = " " * (last_column - 3) + "- "
        if not lines[last_line - 1].endswith("\n"):
            lines[last_line - 1] += "\n"
        lines.insert(last_line, f"{dash}{stage_id}\n")
    return "".join(lines)


def add_list(roadmap_dir: Path, list_id: str, *, title: str | None = None) -> Path:
    """Write resources/<id>.yml with one example entry to replace."""
    _check_id("list", list_id)
    path = roadmap_dir / "resources" / f"{list_id}.yml"
    if path.exists():
        raise ScaffoldError(f"{path} already exists")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# yaml-language-server: $schema=../../schemas/resource-list.schema.json\n"
        f"title: {json.dumps(title or _title_from(list_id))}\n"
        "description: What this list gathers, in a sentence.\n"
        "resources:\n"
        f"  - id: {list_id}-example\n"
        "    title: Replace me with a real resource\n"
        "    url: https://example.org/\n"
        "    type: article\n"
        "    free: true\n"
        "    level: beginner\n"
        "    description: Why it is worth the time, in one or two sentences.\n",
        encoding="utf-8",
    )
    return path
