"""The MkDocs adapter: feeds the core's pages to MkDocs and nothing more.

Everything that knows the roadmap lives in the core (validate, pages, render); this module only
translates between it and MkDocs' events, so another engine can be supported by writing another
adapter of this size.
"""

from __future__ import annotations

import logging
from importlib import resources as package_files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from learnpath.advice import roadmap_advice
from learnpath.config import LearnpathConfig
from learnpath.export import published_files
from learnpath.markup import MarkdownFields
from learnpath.model import Roadmap
from learnpath.pages import LIBRARY, LIST, OVERVIEW, PROGRESS, STAGE, PageSpec, roadmap_pages
from learnpath.problems import RoadmapInvalid, plural
from learnpath.render import Heading, PageRenderer
from learnpath.validate import load_roadmap

if TYPE_CHECKING:  # only for a hint: importing it at run time loads the whole dev server
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.learnpath")

ASSETS = ("learnpath.css", "learnpath.js")
ASSET_DIR = "assets/learnpath"


class LearnpathPlugin(BasePlugin[LearnpathConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.roadmap: Roadmap | None = None
        self.pages: dict[str, PageSpec] = {}
        self.renderer: PageRenderer | None = None
        # Overview paths with a hand-written page: its text is kept, the path follows it.
        self.intro_pages: set[str] = set()

    def roadmap_dir(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.roadmap_dir).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate first: a broken roadmap stops the build before the site folder is cleaned,
        # so the last good site stays published.
        try:
            self.roadmap = roadmap = load_roadmap(self.roadmap_dir(config))
        except RoadmapInvalid as invalid:
            raise PluginError(invalid.report()) from None
        for advice in roadmap_advice(roadmap, self.roadmap_dir(config)):
            log.warning(str(advice))
        self.pages = {page.path: page for page in roadmap_pages(roadmap, self.config.overview_page)}
        # One line in MkDocs' own log, so a build says what it found before the long part.
        log.info(
            f"learnpath: {self.config.roadmap_dir}/ is valid: "
            f"{plural(len(roadmap.stages), 'stage')}, "
            f"{plural(len(roadmap.resources), 'resource')} in "
            f"{plural(len(roadmap.lists), 'list')}; generating {plural(len(self.pages), 'page')}"
        )
        fields = MarkdownFields(config.markdown_extensions, config.mdx_configs)
        self.renderer = PageRenderer(roadmap, fields, config.use_directory_urls)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if f"{ASSET_DIR}/{name}" not in target:
                target.append(f"{ASSET_DIR}/{name}")
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.roadmap is not None
        self.intro_pages = set()
        for path, spec in self.pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None and spec.kind == OVERVIEW:
                self.intro_pages.add(path)
                continue
            if existing is not None:
                log.warning(f"docs/{path} is replaced by the page learnpath generates there")
                files.remove(existing)
            files.append(File.generated(config, path, content=""))
        assets = package_files.files("learnpath") / "assets"
        for name in ASSETS:
            files.append(
                File.generated(config, f"{ASSET_DIR}/{name}", content=(assets / name).read_bytes())
            )
        for path, content in published_files(self.roadmap).items():
            files.append(File.generated(config, path, content=content))
        if self.config.nav and config.nav is None:
            config.nav = self.navigation(files)
        return files

    def navigation(self, files: Files) -> list[Any]:
        """Home, the stages in order, the library and lists, then the hand-written pages."""
        by_kind: dict[str, list[dict[str, str]]] = {}
        for page in self.pages.values():
            by_kind.setdefault(page.kind, []).append({page.title_html: page.path})
        nav: list[Any] = [{"Home": self.config.overview_page}]
        nav.append({"The path": by_kind.get(STAGE, [])})
        nav.append({"Resources": by_kind.get(LIBRARY, []) + by_kind.get(LIST, [])})
        nav += by_kind.get(PROGRESS, [])
        guide = [
            file.src_uri
            for file in files.documentation_pages()
            if file.src_uri not in self.pages and not file.generated_by
        ]
        if guide:
            nav.append({self.config.guide_section: sorted(guide, key=_guide_order)})
        return nav

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return markdown
        if spec.kind == OVERVIEW:
            page.meta.setdefault("hide", ["toc"])
        if page.file.src_uri in self.intro_pages:
            return markdown
        page.meta["title"] = spec.title_html
        # Generated pages skip Python-Markdown entirely: their HTML comes from the core.
        return ""

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None or self.renderer is None:
            return html
        intro = page.file.src_uri in self.intro_pages
        rendered = self.renderer.render(spec, intro=intro)
        toc = get_toc([_toc_token(heading) for heading in rendered.toc])
        if intro:
            page.toc = TableOfContents([*page.toc, *toc])
            return html + rendered.html
        page.toc = toc
        return rendered.html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # A generated page's body is written out by now and MkDocs would keep it until the build
        # ends: on a big roadmap that is most of the build's memory, held for nothing.
        if page.file.src_uri in self.pages:
            page.content = None
        return output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # Editing any YAML under roadmap/ rebuilds the site, like editing a page in docs/.
        server.watch(str(self.roadmap_dir(config)))
        return server


def _guide_order(path: str) -> tuple[int, str]:
    """Hand-written pages: the start-up pages first, the rest alphabetically."""
    first = ("about.md", "how-to-use.md", "format.md", "make-it-yours.md")
    return (first.index(path) if path in first else len(first), path)


def _toc_token(heading: Heading) -> dict[str, Any]:
    return {
        "level": heading.level,
        "id": heading.id,
        "name": heading.title_html,
        "children": [_toc_token(child) for child in heading.children],
    }
