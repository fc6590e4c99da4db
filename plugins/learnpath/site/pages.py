"""Which pages a roadmap becomes, where they live, and how they link to each other.

Page paths are written as source paths (`stages/deep-learning.md`) because that is what every
static-site engine understands; `page_url` turns them into the URLs readers see.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.problems import plural

OVERVIEW = "overview"
PATH = "path"
STAGE = "stage"
LIBRARY = "library"
LIST = "list"
PROGRESS = "progress"
WHATS_NEW = "whats-new"
NOTES = "notes"

PATH_PAGE = "stages/index.md"
"""The path page: the stages' own folder answers with the list of stages."""
LIBRARY_PAGE = "resources/index.md"
"""The resource library: the lists' own folder answers with every resource."""
"""The path page: the stages' own folder answers with the list of stages."""
WHATS_NEW_PAGE = "whats-new.md"
NOTES_PAGE = "notes.md"
"""Beside stages/ and resources/, not in them: no stage or list id can take their place."""


@dataclass(frozen=True)
class PageSpec:
    """One generated page: its kind, the stage or list it shows, its path and title."""

    kind: str
    path: str
    title: str
    key: str | None = None

    @property
    def hidden(self) -> tuple[str, ...]:
        """What the theme leaves out on this page: the overview needs no table of contents,
        nor do the path page (one list, no sections) and My notes (filled in the browser, its
        headings unknown when the page is built), and a stage page has its own previous/next
        links, so not the theme's as well."""
        hidden = {OVERVIEW: ("toc",), PATH: ("toc",), NOTES: ("toc",), STAGE: ("footer",)}
        return hidden.get(self.kind, ())

    @property
    def title_html(self) -> Markup:
        """The title as an engine must receive it: engines put page and nav titles into their
        templates as trusted HTML, so a title from YAML is escaped here, exactly once."""
        return escape(self.title)


def roadmap_pages(roadmap: Roadmap, overview_path: str = "index.md") -> list[PageSpec]:
    """Every page the roadmap produces, in reading order. The lists come in the model's order,
    the path's (see `Roadmap.lists`)."""
    pages = [PageSpec(OVERVIEW, overview_path, roadmap.title)]
    pages.append(PageSpec(PATH, PATH_PAGE, "The path"))
    pages += [
        PageSpec(STAGE, stage_path(stage.id), f"{stage.number}. {stage.title}", stage.id)
        for stage in roadmap.stages
    ]
    pages.append(PageSpec(LIBRARY, LIBRARY_PAGE, "Resource library"))
    pages += [
        PageSpec(LIST, list_path(resource_list.id), resource_list.title, resource_list.id)
        for resource_list in roadmap.lists
    ]
    pages.append(PageSpec(WHATS_NEW, WHATS_NEW_PAGE, "What's new"))
    pages.append(PageSpec(NOTES, NOTES_PAGE, "My notes"))
    if roadmap.progress is not None:
        pages.append(PageSpec(PROGRESS, "progress.md", "My progress"))
    return pages


def stage_path(stage_id: str) -> str:
    return f"stages/{stage_id}.md"


def list_path(list_id: str) -> str:
    return f"resources/{list_id}.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a page, following MkDocs' `use_directory_urls` convention."""
    stem, _ = posixpath.splitext(path)
    if not directory_urls:
        return f"{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/"


def source_link(from_path: str, to_path: str) -> str:
    """A link from one page's source to another's (`../resources/index.md`)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def relative_url(from_path: str, to_path: str, directory_urls: bool = True) -> str:
    """A link from one page to another that works wherever the site is hosted."""
    source = page_url(from_path, directory_urls)
    target = page_url(to_path, directory_urls)
    base = posixpath.dirname(source) if not source.endswith("/") else source.rstrip("/")
    relative = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or target == "":
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


GUIDE_FIRST = ("about.md", "how-to-use.md", "format.md", "make-it-yours.md")


def navigation(
    pages: list[PageSpec], guide: list[str], overview_path: str, guide_section: str
) -> list[Any]:
    """The site's navigation in MkDocs' `nav` form, which every engine reads: home, the path
    page and the stages in order, the library and lists, What's new and the reader's own
    pages, then the hand-written `guide` pages. Titles come escaped: engines show nav titles
    as HTML."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for page in pages:
        by_kind.setdefault(page.kind, []).append({page.title_html: page.path})
    nav: list[Any] = [{"Home": overview_path}]
    # The path page opens its section, so the section's tab leads to the whole path. A plain
    # entry, not Material's section index (navigation.indexes), which a site may not enable.
    nav.append({"The path": by_kind.get(PATH, []) + by_kind.get(STAGE, [])})
    nav.append({"Resources": by_kind.get(LIBRARY, []) + by_kind.get(LIST, [])})
    nav += by_kind.get(WHATS_NEW, []) + by_kind.get(NOTES, []) + by_kind.get(PROGRESS, [])
    if guide:
        nav.append({guide_section: sorted(guide, key=_guide_order)})
    return nav


def _guide_order(path: str) -> tuple[int, str]:
    """Hand-written pages: the start-up pages first, the rest alphabetically."""
    return (GUIDE_FIRST.index(path) if path in GUIDE_FIRST else len(GUIDE_FIRST), path)


def build_summary(roadmap_dir: str, roadmap: Roadmap, pages: list[PageSpec]) -> str:
    """The line every engine logs before the long part: what was found, what will be made."""
    return (
        f"learnpath: {roadmap_dir}/ is valid: {plural(len(roadmap.stages), 'stage')}, "
        f"{plural(len(roadmap.resources), 'resource')} in {plural(len(roadmap.lists), 'list')}; "
        f"generating {plural(len(pages), 'page')}"
    )
