"""The Python-Markdown extension that turns a generated page's marker into the page.

Zensical has no plugin API, but it renders every page with Python-Markdown in its own process
and runs whatever extensions the config names. So a generated page can be a stub whose last
line is a marker; this extension replaces the marker with the HTML the core renders and sets
the page's table of contents, as the MkDocs plugin does in `on_page_content`. Text above the
marker (a hand-written overview) is kept, as on MkDocs.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import PageSpec, roadmap_pages
from learnpath.site.render import Heading, PageRenderer, RenderedPage

MARKER = re.compile(r"^<!-- learnpath: (?P<page>\{.*\}) -->$")


def marker(path: str, build: str, *, intro: bool = False) -> str:
    """The marker line for the page generated at `path`; `build` changes with the roadmap, so
    an engine that caches pages by their source renders them again when the YAML changes."""
    page = json.dumps({"path": path, "build": build, "intro": intro}, sort_keys=True)
    return f"<!-- learnpath: {page} -->"


_SHARED: dict[tuple[str, str], tuple[Roadmap, MarkdownFields]] = {}


def share_roadmap(
    roadmap_dir: str, build: str, roadmap: Roadmap | None, fields: MarkdownFields | None = None
) -> None:
    """When Zensical runs in learnpath's own process (`learnpath build --engine zensical`), the
    roadmap that process loaded and checked for build `build`, and the Markdown fields it
    already converted (for the feed); None when the build is over."""
    if roadmap is None or fields is None:
        _SHARED.pop((roadmap_dir, build), None)
    else:
        _SHARED[(roadmap_dir, build)] = (roadmap, fields)


class _Site:
    """One roadmap, loaded once per build and rendered page by page as the engine asks."""

    def __init__(self, settings: dict[str, Any], build: str) -> None:
        shared = _SHARED.get((settings["roadmap_dir"], build))
        if shared is not None:
            roadmap, fields = shared
        else:
            roadmap = load_roadmap(settings["roadmap_dir"])
            fields = MarkdownFields(settings["field_extensions"], settings["field_configs"])
        self.pages: dict[str, PageSpec] = {
            page.path: page for page in roadmap_pages(roadmap, settings["overview_page"])
        }
        # Zensical resolves links in a page's HTML against its source file, as it does for
        # Markdown links: so links name source files, and it turns them into URLs.
        self.renderer = PageRenderer(
            roadmap, fields, settings["directory_urls"], links_to_sources=True
        )

    def render(self, path: str, *, intro: bool) -> RenderedPage:
        return self.renderer.render(self.pages[path], intro=intro)


_SITES: dict[str, _Site] = {}


def _site(settings: dict[str, Any], build: str) -> _Site:
    """The site of this build; a new build id (the YAML changed while serving) reloads it."""
    key = json.dumps([settings, build], sort_keys=True, default=str)
    if key not in _SITES:
        _SITES.clear()
        _SITES[key] = _Site(settings, build)
    return _SITES[key]


class _FindMarker(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        self.md.learnpath_page = None  # type: ignore[attr-defined]
        while lines and not lines[-1].strip():
            lines = lines[:-1]
        found = MARKER.match(lines[-1].strip()) if lines else None
        if found is None:
            return lines
        self.md.learnpath_page = json.loads(found["page"])  # type: ignore[attr-defined]
        return lines[:-1]


class _InsertPage(Postprocessor):
    def __init__(self, md: Markdown, settings: dict[str, Any]) -> None:
        super().__init__(md)
        self.settings = settings

    def run(self, text: str) -> str:
        page = getattr(self.md, "learnpath_page", None)
        if page is None:
            return text
        rendered = _site(self.settings, page["build"]).render(page["path"], intro=page["intro"])
        toc = [_toc_token(heading) for heading in rendered.toc]
        if page["intro"]:
            self.md.toc_tokens = [*getattr(self.md, "toc_tokens", []), *toc]  # type: ignore[attr-defined]
            return text + rendered.html
        self.md.toc_tokens = toc  # type: ignore[attr-defined]
        return rendered.html


def _toc_token(heading: Heading) -> dict[str, Any]:
    name = str(heading.title_html)
    return {
        "level": heading.level,
        "id": heading.id,
        "name": name,
        "html": name,
        "data-toc-label": "",
        "children": [_toc_token(child) for child in heading.children],
    }


class LearnpathPageExtension(Extension):
    """`learnpath.engines.marker` in a config's `markdown_extensions`."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "roadmap_dir": ["roadmap", "Folder holding roadmap.yml"],
            "overview_page": ["index.md", "Where the overview is generated"],
            "field_extensions": [[], "Markdown extensions for the roadmap's Markdown fields"],
            "field_configs": [{}, "Their settings"],
            "directory_urls": [True, "Whether pages live at page/ rather than page.html"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        settings = self.getConfigs()
        md.preprocessors.register(_FindMarker(md), "learnpath_marker", 40)
        # Last, so nothing rewrites the page once it is in place.
        md.postprocessors.register(_InsertPage(md, settings), "learnpath_page", 0)


def makeExtension(**kwargs: Any) -> LearnpathPageExtension:
    return LearnpathPageExtension(**kwargs)
