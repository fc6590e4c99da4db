"""Model to HTML fragments, through Jinja2 templates with autoescape on.

The fragments are page bodies, not whole pages: the site engine (MkDocs today) wraps them in
its theme. Each fragment comes with its table of contents, read back from the headings the
templates wrote, so the engine never has to run Markdown over generated pages.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
)
from markdown.extensions.toc import slugify
from markupsafe import Markup, escape

from learnpath.roadmap.model import ResourceList, Roadmap
from learnpath.site.diagram import path_diagram
from learnpath.site.feed import FEED_PATH
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import (
    LIBRARY,
    LIBRARY_PAGE,
    LIST,
    NOTES,
    OVERVIEW,
    PATH,
    PROGRESS,
    STAGE,
    WHATS_NEW,
    PageSpec,
    list_path,
    page_url,
    relative_url,
    source_link,
    stage_path,
)
from learnpath.site.pathindex import deliverable_key, outcome_key
from learnpath.site.prompts import study_prompt
from learnpath.site.whatsnew import day_label, months_of

_HEADING = re.compile(r'<h([23]) id="([^"]+)"(?: class="([^"]*)")?>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_CARD_TITLE_ID = '<h3 class="lp-title" id="'
_CARD_TITLE = '<h3 class="lp-title" data-lp-anchor="'  # the id's text stays, as data
# A card's "Used in" line: its class cannot come from a Markdown field (`lp-` classes are
# taken out of them), so its links are the line's own.
_USED_IN = re.compile(r'<p class="lp-used"[^>]*>.*?</p>')

Link = Callable[[str], str]
"""Turns a page's source path into a link from the page being rendered."""


@dataclass
class Heading:
    """A table-of-contents entry; `title` is plain text, as written in the YAML."""

    level: int
    id: str
    title: str
    children: list[Heading] = field(default_factory=list)

    @property
    def title_html(self) -> Markup:
        """Engines show TOC names as trusted HTML: escaped here, exactly once."""
        return escape(self.title)


@dataclass
class RenderedPage:
    html: str
    toc: list[Heading]


def hours_label(hours: float) -> str:
    """`1.5 h`, `12 h`: whole numbers without a trailing `.0`."""
    return f"{hours:g} h"


def table_of_contents(fragment: str) -> list[Heading]:
    """h2 and h3 headings with ids become the TOC; resource titles (h3 on lists) are left out."""
    toc: list[Heading] = []
    for level, anchor, css_class, inner in _HEADING.findall(fragment):
        if css_class and "lp-title" in css_class:
            continue
        heading = Heading(int(level), anchor, html.unescape(_TAG.sub("", inner)).strip())
        if heading.level == 3 and toc:
            toc[-1].children.append(heading)
        else:
            toc.append(heading)
    return toc


@cache
def template_cache() -> BytecodeCache | None:
    """Compiled templates kept between builds, as Python keeps compiled modules: compiling them
    took a sixth of learnpath's own time in a small roadmap's build (and the theme's, which
    engines compile on every build, take more). Jinja's own cache, in a
    folder of the temporary directory only this user can write to (Jinja checks that); each
    entry is checked against its template's source, so an edited template compiles again. No
    cache when there is no such folder to be had: builds are only slower."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


class PageRenderer:
    """Renders every generated page of one roadmap for one build."""

    def __init__(
        self,
        roadmap: Roadmap,
        markdown_fields: MarkdownFields,
        directory_urls: bool = True,
        *,
        links_to_sources: bool = False,
    ) -> None:
        """`links_to_sources`: link pages by their source paths (`../stages/x.md`) for an engine
        that turns those into URLs itself, as Zensical does; by default links are final URLs,
        which MkDocs expects in HTML it did not render. The diagram's SVG links are left alone
        by engines, so they are always URLs."""
        self.roadmap = roadmap
        self.markdown_fields = markdown_fields
        self.directory_urls = directory_urls
        self.links_to_sources = links_to_sources
        self.environment = Environment(
            loader=PackageLoader("learnpath.site", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            bytecode_cache=template_cache(),
        )
        self.environment.filters["hours"] = hours_label
        self.environment.filters["day"] = day_label
        self.free_count = sum(1 for r in roadmap.resources.values() if r.free)
        self.site_key = slugify(roadmap.title, "-") or "roadmap"
        self.tag_titles = {tag_id: tag.title for tag_id, tag in roadmap.tags.items()}
        self.card_macros = self.environment.get_template("_resource.html").make_module(
            {"md": markdown_fields}
        )
        self.rendered_lists: dict[str, Markup] = {}
        self.stages_using = roadmap.stages_using()
        # From a list page (resources/<id>/) every link to a stage has one `../` more than from
        # the library (resources/), when pages are folders and links are URLs; from sources or
        # with .html pages, both pages sit in the same folder and their links are the same.
        self.library_is_shallower = directory_urls and not links_to_sources

    def page_link(self, path: str) -> Link:
        """Links from the page at `path`, in the form the engine wants (see `__init__`)."""
        if self.links_to_sources:
            return lambda to: source_link(path, to)
        return lambda to: relative_url(path, to, self.directory_urls)

    def file_link(self, path: str, to_file: str) -> str:
        """A link from the page at `path` to a file that is not a page (the feed), whose
        source path and URL are the same: from the page's source for an engine that resolves
        links against it (see `__init__`), else from the page's URL."""
        if self.links_to_sources:
            return source_link(path, to_file)
        source = page_url(path, self.directory_urls)
        folder = source if source.endswith("/") else posixpath.dirname(source)
        return posixpath.relpath(to_file, folder.rstrip("/") or ".")

    def list_cards(self, resource_list: ResourceList) -> Markup:
        """A list's cards, shown on its own page and again in the library.

        Rendered once, for the list page (their "Used in" links are written from there), for
        whichever of the two pages comes first, handed to the other, then let go: the cards
        are the bulk of both pages, and holding them longer would only cost memory.
        """
        cards = self.rendered_lists.pop(resource_list.id, None)
        if cards is None:
            link = self.page_link(list_path(resource_list.id))
            stage_link = cache(lambda stage_id: link(stage_path(stage_id)))
            cards = Markup(
                self.card_macros.list_cards(resource_list.resources, self.stages_using, stage_link)
            )
            self.rendered_lists[resource_list.id] = cards
        return cards

    def library_cards(self, resource_list: ResourceList) -> Markup:
        """The list's cards as the library shows them: without the titles' ids, which would make
        each resource a second, empty search entry (its list page's entry is the one to find),
        and with their "Used in" links written from the library."""
        cards = str(self.list_cards(resource_list)).replace(_CARD_TITLE_ID, _CARD_TITLE)
        if self.library_is_shallower:
            cards = _USED_IN.sub(lambda line: line[0].replace(' href="../', ' href="'), cards)
        return Markup(cards)

    def render(self, page: PageSpec, *, intro: bool = False) -> RenderedPage:
        """`intro`: the page already has hand-written text and its own title above ours."""
        # Ids the templates write themselves, so a topic called "Projects" cannot clash.
        used_ids = {"outcomes", "topics", "projects", "the-path", "resources"}

        def unique_id(title: str) -> str:
            base = slugify(title, "-") or "section"
            anchor, number = base, 1
            while anchor in used_ids:
                number += 1
                anchor = f"{base}-{number}"
            used_ids.add(anchor)
            return anchor

        context = {
            "roadmap": self.roadmap,
            "md": self.markdown_fields,
            # Pages link to the same few pages many times (What's new: each list and stage
            # once per resource): each link is worked out once per page.
            "link": cache(self.page_link(page.path)),
            "stage_path": stage_path,
            "list_path": list_path,
            "library_path": LIBRARY_PAGE,
            "outcome_key": outcome_key,
            "deliverable_key": deliverable_key,
            "unique_id": unique_id,
            "list_cards": self.list_cards,
            "library_cards": self.library_cards,
            "free_count": self.free_count,
            "tag_titles": self.tag_titles,
            "site_key": self.site_key,
            "intro": intro,
        }
        if page.kind == OVERVIEW:
            template = "overview.html"
            context["diagram"] = Markup(
                path_diagram(
                    self.roadmap, lambda to: relative_url(page.path, to, self.directory_urls)
                )
            )
        elif page.kind == PATH:
            template = "path.html"
        elif page.kind == STAGE:
            template = "stage.html"
            stages = self.roadmap.stages
            stage = self.roadmap.stage(page.key or "")
            index = stage.number - 1
            # Each card's anchor (r-<resource id>) is taken before any heading picks its id.
            used_ids.update(f"r-{resource.id}" for resource in stage.resources)
            context["stage"] = stage
            context["first_places"] = stage.first_places
            context["previous"] = stages[index - 1] if index > 0 else None
            context["next"] = stages[index + 1] if index + 1 < len(stages) else None
            block = self.markdown_fields.block
            context["study_prompt"] = lambda topic: study_prompt(self.roadmap, stage, topic, block)
        elif page.kind == LIBRARY:
            template = "library.html"
        elif page.kind == LIST:
            template = "list.html"
            context["resource_list"] = next(r for r in self.roadmap.lists if r.id == page.key)
        elif page.kind == PROGRESS:
            template = "progress.html"
            context["progress"] = self.roadmap.progress
        elif page.kind == WHATS_NEW:
            template = "whats_new.html"
            newest = self.roadmap.newest_resources()
            context["count"] = len(newest)
            context["months"] = months_of(newest)
            context["stages_using"] = self.stages_using
            context["feed_url"] = self.file_link(page.path, FEED_PATH)
        elif page.kind == NOTES:
            template = "notes.html"
        else:  # pragma: no cover - PageSpec kinds are fixed in pages.py
            raise ValueError(f"unknown page kind {page.kind!r}")
        fragment = self.environment.get_template(template).render(context)
        return RenderedPage(fragment, table_of_contents(fragment))
