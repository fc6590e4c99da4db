"""The Zensical adapter: stage a folder Zensical can build, run Zensical on it, publish the site.

Zensical reads `mkdocs.yml` but runs no MkDocs plugin, so learnpath does ahead of it what the
plugin does during a MkDocs build: each generated page becomes a stub holding a marker (the
`marker` extension, which Zensical runs, renders it through the core), and the navigation,
assets and published files are put in place. The staged config inherits the author's own
`mkdocs.yml`, so their theme, palette and extensions apply unchanged; their `docs/` is copied,
never written to. The site is built inside the staging folder and moved into place only once
Zensical succeeds, so a failed build publishes nothing.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from learnpath.engines.marker import marker, share_roadmap
from learnpath.engines.project import Project
from learnpath.roadmap.advice import roadmap_advice
from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.problems import RoadmapInvalid, plural
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import SCRIPTS, STYLESHEETS, site_files
from learnpath.site.feed import WITHOUT_SITE_URL, with_feed_link
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import OVERVIEW, build_summary, navigation, roadmap_pages

STAGING = Path(".learnpath") / "zensical"


@dataclass
class Staged:
    """A staging folder ready for `zensical build -f config`; `build` names the roadmap's
    version its pages render (see `marker.marker`)."""

    config: Path
    site: Path
    build: str
    fields: MarkdownFields


def stage(project: Project, roadmap: Roadmap) -> Staged:
    """Write (or bring up to date) the staging folder for `roadmap`."""
    folder = project.root / STAGING
    docs = folder / "docs"
    wanted: dict[str, bytes] = {}
    for source in sorted(project.docs_dir.rglob("*")):
        if source.is_file() and not _is_hidden(source.relative_to(project.docs_dir)):
            wanted[source.relative_to(project.docs_dir).as_posix()] = source.read_bytes()
    build = _build_id(project.roadmap_dir)
    pages = roadmap_pages(roadmap, project.overview_page)
    for page in pages:
        intro = page.kind == OVERVIEW and page.path in wanted
        line = marker(page.path, build, intro=intro)
        if intro:
            text = wanted[page.path].decode("utf-8").rstrip("\n")
            wanted[page.path] = f"{text}\n\n{line}\n".encode()
            continue
        if page.path in wanted:
            print(f"learnpath: docs/{page.path} is replaced by the page learnpath generates there")
        meta: dict[str, Any] = {"title": str(page.title_html)}
        if page.hidden:
            meta["hide"] = list(page.hidden)
        wanted[page.path] = f"---\n{json.dumps(meta)}\n---\n\n{line}\n".encode()
    directory_urls = bool(project.settings.get("use_directory_urls", True))
    field_extensions, field_configs = project.field_settings()
    fields = MarkdownFields(field_extensions, field_configs)
    wanted.update(site_files(roadmap, fields, _site_url(project), directory_urls))
    _sync(docs, wanted)

    generated = {page.path for page in pages}
    guide = [path for path in wanted if path.endswith(".md") and path not in generated]
    settings = project.settings
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(project.config_file, folder),
        "docs_dir": "docs",
        "site_dir": "site",
        "extra_css": list(STYLESHEETS),
        "extra_javascript": list(SCRIPTS),
        "markdown_extensions": [
            {
                "learnpath.engines.marker": {
                    "roadmap_dir": str(project.roadmap_dir),
                    "overview_page": project.overview_page,
                    "field_extensions": field_extensions,
                    "field_configs": field_configs,
                    "directory_urls": bool(settings.get("use_directory_urls", True)),
                }
            }
        ],
    }
    if project.generate_nav and settings.get("nav") is None:
        config["nav"] = _plain(
            navigation(pages, guide, project.overview_page, project.guide_section)
        )
    theme = settings.get("theme") if isinstance(settings.get("theme"), dict) else {}
    if "variant" not in theme:
        # Zensical's own look is "modern"; "classic" is Material's, which the site is made for.
        config["theme"] = {"variant": "classic"}
    if theme.get("custom_dir"):  # relative to the author's mkdocs.yml, not to the staging
        config.setdefault("theme", {})["custom_dir"] = str(project.root / theme["custom_dir"])
    text = "# Written by learnpath for Zensical; edit mkdocs.yml instead.\n"
    text += yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    config_file = folder / "mkdocs.yml"
    if not config_file.exists() or config_file.read_text(encoding="utf-8") != text:
        config_file.write_text(text, encoding="utf-8")
    return Staged(config_file, folder / "site", build, fields)


def build(project: Project, site_dir: Path, *, strict: bool = False) -> int:
    """Build the site with Zensical into `site_dir`; 0 on success.

    The roadmap is checked here, as the MkDocs plugin checks it before MkDocs builds: problems
    stop the build, and warnings do too under `strict`."""
    try:
        roadmap = load_roadmap(project.roadmap_dir)
    except RoadmapInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    warnings = roadmap_advice(roadmap, project.roadmap_dir)
    for warning in warnings:
        print(f"WARNING -  learnpath: {warning}", file=sys.stderr)
    if warnings and strict:
        print(
            f"learnpath: {plural(len(warnings), 'warning')} in strict mode; nothing was published.",
            file=sys.stderr,
        )
        return 1
    print(
        build_summary(
            str(project.options["roadmap_dir"]),
            roadmap,
            roadmap_pages(roadmap, project.overview_page),
        ),
        flush=True,
    )
    if not _site_url(project):
        print(f"learnpath: site_url is not set in mkdocs.yml, so {WITHOUT_SITE_URL}", flush=True)
    staged = stage(project, roadmap)
    if (
        _run_zensical(staged, roadmap, project, strict=strict) != 0
        or not (staged.site / "index.html").exists()
    ):
        print("learnpath: Zensical did not build the site; nothing was published.", file=sys.stderr)
        return 1
    _link_feed(staged.site, roadmap, _site_url(project))
    _publish(staged.site, site_dir)
    print(f"learnpath: the site is in {site_dir}")
    return 0


def _run_zensical(staged: Staged, roadmap: Roadmap, project: Project, *, strict: bool) -> int:
    """Zensical's own `build`, in this process: the roadmap loaded and checked here is the one
    its pages render from (`share_roadmap`), rather than a second process loading it again;
    that and Zensical's start-up were a sixth of the route's time at 100 x 25."""
    from zensical import build as zensical_build

    share_roadmap(str(project.roadmap_dir), staged.build, roadmap, staged.fields)
    gc.freeze()  # the roadmap lives until the end: out of the collector's walks (see mkdocs.py)
    try:
        with contextlib.chdir(staged.config.parent):
            zensical_build(str(staged.config), {"clean": True, "strict": strict})
    except Exception as error:  # Zensical reports a failed build by raising; say it, no trace
        print(f"learnpath: Zensical stopped: {error}", file=sys.stderr)
        return 1
    finally:
        gc.unfreeze()
        share_roadmap(str(project.roadmap_dir), staged.build, None)
    return 0


def serve(project: Project, dev_addr: str | None) -> int:
    """Serve with Zensical, staging again whenever the roadmap or docs change."""
    try:
        roadmap = load_roadmap(project.roadmap_dir)
    except RoadmapInvalid as invalid:
        print(invalid.report(), file=sys.stderr)
        return 1
    staged = stage(project, roadmap)
    command = [sys.executable, "-m", "zensical", "serve", "-f", str(staged.config)]
    if dev_addr:
        command += ["--dev-addr", dev_addr]
    server = subprocess.Popen(command, cwd=staged.config.parent)
    watched = _snapshot(project)
    try:
        while server.poll() is None:
            time.sleep(0.5)
            now = _snapshot(project)
            if now == watched:
                continue
            watched = now
            try:
                stage(project, load_roadmap(project.roadmap_dir))
                print("learnpath: roadmap changed; Zensical is rebuilding")
            except RoadmapInvalid as invalid:
                print(invalid.report(), file=sys.stderr)
    except KeyboardInterrupt:
        server.terminate()
    return server.wait()


def _site_url(project: Project) -> str | None:
    return str(project.settings.get("site_url") or "") or None


def _link_feed(site: Path, roadmap: Roadmap, site_url: str | None) -> None:
    """Name the feed in the head of every page Zensical built, as the MkDocs plugin does when
    it writes each page: Zensical runs no plugin, so its pages are rewritten once built. (Not
    under `serve`, which builds pages as they are asked for.)"""
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        linked = with_feed_link(html, roadmap, page.relative_to(site).as_posix(), site_url)
        if linked != html:
            page.write_text(linked, encoding="utf-8")


def _build_id(roadmap_dir: Path) -> str:
    """Changes whenever a roadmap file does: the stubs carry it, so pages render anew."""
    digest = hashlib.sha1()
    for path in sorted(roadmap_dir.rglob("*.yml")):
        digest.update(path.relative_to(roadmap_dir).as_posix().encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()[:12]


def _snapshot(project: Project) -> dict[str, tuple[int, float]]:
    files: dict[str, tuple[int, float]] = {}
    for folder in (project.roadmap_dir, project.docs_dir):
        for path in folder.rglob("*"):
            try:
                status = path.stat()
            except OSError:
                continue
            files[str(path)] = (status.st_size, status.st_mtime)
    return files


def _sync(folder: Path, wanted: dict[str, bytes]) -> None:
    """Make `folder` hold exactly `wanted`, touching only what changed (Zensical watches it)."""
    for path, content in wanted.items():
        target = folder / path
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    if folder.is_dir():
        for existing in sorted(folder.rglob("*"), reverse=True):
            relative = existing.relative_to(folder).as_posix()
            if existing.is_file() and relative not in wanted:
                existing.unlink()
            elif existing.is_dir() and not any(existing.iterdir()):
                existing.rmdir()


def _publish(built: Path, site_dir: Path) -> None:
    """Replace `site_dir` with the new site, as MkDocs does when it cleans the site folder:
    moved into place when both are on one file system (the next build starts clean anyway),
    else copied."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(built, site_dir)
    except OSError:
        shutil.copytree(built, site_dir)


def _is_hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _plain(value: Any) -> Any:
    """Escaped titles are Markup objects; YAML wants plain strings."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return str(value)
