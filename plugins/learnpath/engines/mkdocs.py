"""The MkDocs adapter: feeds the core's pages to MkDocs and nothing more.

Everything that knows the roadmap lives in the core (`roadmap`, `site`); this module only
translates between it and MkDocs' events. ProperDocs, the continuation of MkDocs 1.x, runs it
unchanged; Zensical, which runs no plugins, has its own adapter beside this one.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from learnpath.engines.project import PLUGIN_DEFAULTS
from learnpath.roadmap.advice import roadmap_advice
from learnpath.roadmap.filecache import CheckedFiles
from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.problems import RoadmapInvalid, plural
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import SCRIPTS, STYLESHEETS, site_files
from learnpath.site.feed import WITHOUT_SITE_URL, with_feed_link
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import (
    OVERVIEW,
    PageSpec,
    build_summary,
    navigation,
    roadmap_pages,
)
from learnpath.site.render import Heading, PageRenderer, template_cache
from learnpath.site.searchview import search_view

if TYPE_CHECKING:  # only for hints: importing them at run time loads the whole dev server
    from mkdocs.livereload import LiveReloadServer
    from watchdog.events import FileSystemEvent
    from watchdog.observers.api import BaseObserver

log = logging.getLogger("mkdocs.plugins.learnpath")


class LearnpathConfig(Config):
    """The plugin's options in mkdocs.yml; engines/project.py says what each one does."""

    roadmap_dir = c.Type(str, default=PLUGIN_DEFAULTS["roadmap_dir"])
    overview_page = c.Type(str, default=PLUGIN_DEFAULTS["overview_page"])
    nav = c.Type(bool, default=PLUGIN_DEFAULTS["nav"])
    guide_section = c.Type(str, default=PLUGIN_DEFAULTS["guide_section"])


class LearnpathPlugin(BasePlugin[LearnpathConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.roadmap: Roadmap | None = None
        self.pages: dict[str, PageSpec] = {}
        self.renderer: PageRenderer | None = None
        # Overview paths with a hand-written page: its text is kept, the path follows it.
        self.intro_pages: set[str] = set()
        # A generated page's whole body while the search plugin indexes its search view.
        self.whole_pages: dict[str, str] = {}
        # Kept from one build to the next under `mkdocs serve` (see on_startup): the files that
        # passed their schema, and the Markdown fields already converted.
        self.checked_files = CheckedFiles()
        self.fields: tuple[tuple[str, str], MarkdownFields] | None = None
        self.observers: list[BaseObserver] = []  # watching the roadmap under `serve`

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this plugin from one rebuild to the next, and
        with it what did not change: a rebuild after saving one file reads the roadmap in a
        fraction of the time (filecache.py)."""

    def roadmap_dir(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path or ".").parent
        return (base / self.config.roadmap_dir).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Validate first: a broken roadmap stops the build before the site folder is cleaned,
        # so the last good site stays published.
        try:
            self.roadmap = roadmap = load_roadmap(self.roadmap_dir(config), self.checked_files)
        except RoadmapInvalid as invalid:
            raise PluginError(invalid.report()) from None
        warnings = roadmap_advice(roadmap, self.roadmap_dir(config))
        for advice in warnings:
            log.warning(str(advice))
        if warnings and config.strict:
            # MkDocs would build every page and fail at the end; stop before anything is
            # written, as every engine does, so the last good site stays published.
            counted = plural(len(warnings), "warning")
            raise PluginError(f"learnpath: {counted} in strict mode; nothing was published.")
        self.pages = {page.path: page for page in roadmap_pages(roadmap, self.config.overview_page)}
        # One line in MkDocs' own log, so a build says what it found before the long part.
        log.info(build_summary(self.config.roadmap_dir, roadmap, list(self.pages.values())))
        if not config.site_url:
            log.info(
                "learnpath: site_url is not set in mkdocs.yml, so Material's instant navigation "
                f"is off and every click reloads the page, and {WITHOUT_SITE_URL}"
            )
        self.renderer = PageRenderer(
            roadmap, self.markdown_fields(config), config.use_directory_urls
        )
        for target, paths in ((config.extra_css, STYLESHEETS), (config.extra_javascript, SCRIPTS)):
            target.extend(path for path in paths if path not in target)
        # What exists now (the roadmap, MkDocs' config and theme) lives until the build ends:
        # kept out of the garbage collector's walks, which otherwise grow with the roadmap
        # (2,000 stages: 11% of the plugin's time). Given back when the build ends.
        gc.freeze()
        return config

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        gc.unfreeze()

    def markdown_fields(self, config: MkDocsConfig) -> MarkdownFields:
        """The roadmap's Markdown fields, converted as the site's settings say: the same
        converter, and what it converted, as long as the settings stay the same."""
        settings = (repr(config.markdown_extensions), repr(config.mdx_configs))
        if self.fields is None or self.fields[0] != settings:
            fields = MarkdownFields(config.markdown_extensions, config.mdx_configs)
            self.fields = (settings, fields)
        return self.fields[1]

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
        assert self.renderer is not None
        for path, content in site_files(
            self.roadmap, self.renderer.markdown_fields, config.site_url, config.use_directory_urls
        ).items():
            files.append(File.generated(config, path, content=content))
        if self.config.nav and config.nav is None:
            guide = [
                file.src_uri
                for file in files.documentation_pages()
                if file.src_uri not in self.pages and not file.generated_by
            ]
            config.nav = navigation(
                list(self.pages.values()),
                guide,
                self.config.overview_page,
                self.config.guide_section,
            )
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        spec = self.pages.get(page.file.src_uri)
        if spec is None:
            return markdown
        if spec.hidden:
            page.meta.setdefault("hide", list(spec.hidden))
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

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """MkDocs compiles the theme's templates anew on every build and every rebuild under
        `serve`: with Material's, that was an eighth of a small roadmap's build. Jinja keeps
        them compiled between builds, as it does learnpath's own (`template_cache`)."""
        if env.bytecode_cache is None:
            env.bytecode_cache = template_cache()
        return env

    @event_priority(100)  # before any search plugin indexes the page
    def _hand_search_its_view(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """The search plugin parses `page.content`: for a generated page, give it the page
        without what it would skip (searchview.py); the whole page comes back after it."""
        source = page.file.src_uri
        if source in self.pages and source not in self.intro_pages and page.content:
            self.whole_pages[source] = page.content
            page.content = search_view(page.content)
        return context

    @event_priority(-100)  # after every search plugin
    def _give_back_the_page(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        whole = self.whole_pages.pop(page.file.src_uri, None)
        if whole is not None:
            page.content = whole
        return context

    on_page_context = CombinedEvent(_hand_search_its_view, _give_back_the_page)

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # A generated page's body is written out by now and MkDocs would keep it until the build
        # ends: on a big roadmap that is most of the build's memory, held for nothing.
        if page.file.src_uri in self.pages:
            page.content = None
        return self.name_the_feed(output, page.file.dest_uri, config)

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        # The theme's own pages (404.html) name the feed too; sitemap.xml has no head.
        return self.name_the_feed(output_content, template_name, config)

    def name_the_feed(self, html: str, page_file: str, config: MkDocsConfig) -> str:
        """The page written to `page_file` in the site, with the feed's <link> in its head."""
        if self.roadmap is None:
            return html
        return with_feed_link(html, self.roadmap, page_file, config.site_url)

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        # Editing any YAML under roadmap/ rebuilds the site, like editing a page in docs/.
        folder = str(self.roadmap_dir(config))
        if not self.watch_natively(server, folder):
            server.watch(folder)
        return server

    def watch_natively(self, server: LiveReloadServer, folder: str) -> bool:
        """Watch `folder` with the system's own file events (inotify, FSEvents...) rather than
        MkDocs' watcher, which looks for changes every half second: a saved stage shows up to
        half a second sooner, a quarter on average. Uses the server's rebuild signal, which
        MkDocs 1.6 keeps private; False (and MkDocs' watcher) when it is not there."""
        condition = getattr(server, "_rebuild_cond", None)
        if condition is None or not hasattr(server, "_want_rebuild"):
            return False
        # Here, not at the top: a build has no use for them.
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        class Rebuild(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                # Reading a file is an event too (the build reads them all): only changes count.
                if event.is_directory or event.event_type not in _CHANGES:
                    return
                with condition:
                    server._want_rebuild = True  # as MkDocs' own watcher does
                    condition.notify_all()

        try:
            observer = Observer()
            observer.schedule(Rebuild(), folder, recursive=True)
            observer.daemon = True
            observer.start()
        except OSError:  # no file events here (inotify watches used up...): poll, as MkDocs does
            return False
        self.observers.append(observer)
        return True

    def on_shutdown(self) -> None:
        for observer in self.observers:
            observer.stop()
        self.observers = []


_CHANGES = {"created", "deleted", "modified", "moved", "closed"}


def _toc_token(heading: Heading) -> dict[str, Any]:
    return {
        "level": heading.level,
        "id": heading.id,
        "name": heading.title_html,
        "children": [_toc_token(child) for child in heading.children],
    }
