"""Build real sites with MkDocs for the tests: a project folder in tmp, `mkdocs build`, parse."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENGINES = ("mkdocs", "properdocs", "zensical")


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path

    def page(self, url_path: str) -> BeautifulSoup:
        """Parse a built page given its URL path, e.g. 'stages/basics/'."""
        path = self.site / url_path
        if url_path.endswith("/") or url_path == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def make_project(
    where: Path,
    roadmap: Path,
    *,
    docs: dict[str, str] | None = None,
    site_url: str = "",
    config: dict | None = None,
) -> Path:
    """A project like a fork of this repo: the repo's mkdocs.yml, a roadmap/ and docs/."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copytree(roadmap, where / "roadmap", dirs_exist_ok=True)
    (where / "docs").mkdir(exist_ok=True)
    for name, text in (docs or {"about.md": "# About\n\nA hand-written page.\n"}).items():
        (where / "docs" / name).write_text(text, encoding="utf-8")
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as source:
        settings = yaml_load(source)  # MkDocs' loader: it knows mkdocs.yml's !ENV tags
    settings["site_url"] = site_url
    settings.update(config or {})
    (where / "mkdocs.yml").write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")
    return where


def build(
    project: Path,
    *extra: str,
    site: Path | None = None,
    env: dict[str, str] | None = None,
    engine: str = "mkdocs",
) -> BuildResult:
    """Build the site in a subprocess, as a user would, and keep its output: `mkdocs build`,
    or `learnpath build --engine ENGINE` for the other engines.

    `env`: variables to set for the build, as a CI workflow would."""
    site = site or project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1", **(env or {})}
    command = (
        [*MKDOCS, "build"]
        if engine == "mkdocs"
        else [sys.executable, "-m", "learnpath.cli", "build", "--engine", engine]
    )
    done = subprocess.run(
        [*command, "-f", str(project / "mkdocs.yml"), "-d", str(site), *extra],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
        check=False,
    )
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


def validate(folder: Path, *prefix: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the real `learnpath validate FOLDER` from the folder's parent, as an author would.

    `prefix`: a command to run it under (`unshare -U`); `timeout` turns a hang into a failure."""
    return subprocess.run(
        [*prefix, sys.executable, "-m", "learnpath.cli", "validate", str(folder)],
        capture_output=True,
        text=True,
        cwd=folder.parent,
        timeout=timeout,
        check=False,
    )


def overlay(base: Path, changes: Path, where: Path) -> Path:
    """A copy of `base` with the files of `changes` on top; `*.delete` files remove a file."""
    shutil.copytree(base, where)
    for source in changes.rglob("*"):
        if source.is_dir() or source.name == "expected.txt":
            continue
        target = where / source.relative_to(changes)
        if source.suffix == ".delete":
            target.with_suffix("").unlink()
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    return where
