"""What the browser tests share: the served site, a reader's browser profile, what pages logged."""

from __future__ import annotations

import functools
import json
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Browser, BrowserContext, Page, Route

from sitebuild import REPO, build, make_project

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENSHOTS = REPO / "test-output" / "screenshots"
TIMEOUT_MS = 10_000

# Each palette: what the reader's system asks for, and Material's scheme that answers it.
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}

# Relative luminance contrast of text (WCAG), composed over its ancestors' backgrounds. SVG text
# is painted with `fill`, not `color`, and sits on the first shape of its group (a diagram
# node's box), which is composed over the backgrounds behind the drawing.
CONTRAST = """elements => {
  const rgba = (css) => {
    // color-mix() comes back as color(srgb r g b / a), its channels from 0 to 1.
    const srgb = css.match(/color\\(srgb ([^)]*)\\)/);
    const parts = srgb ? srgb[1].split(/[\\s\\/]+/).map((c, i) => i < 3 ? c * 255 : c)
      : (css.match(/rgba?\\(([^)]*)\\)/) || [, "0 0 0 0"])[1].split(/[\\s,\\/]+/);
    const [r, g, b, a] = parts.filter((c) => c !== "").map(Number);
    return [r, g, b, a === undefined ? 1 : a];
  };
  const over = (top, bottom) => top.slice(0, 3).map(
    (channel, i) => channel * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = ([r, g, b]) => [r, g, b].map((c) => {
    c /= 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const colours = (e) => {
    if (!(e instanceof SVGElement)) return [getComputedStyle(e).color, background(e)];
    const shape = e.parentElement.querySelector(":scope > rect, :scope > path, :scope > circle");
    const behind = background(e.ownerSVGElement);
    return [getComputedStyle(e).fill,
            shape ? over(rgba(getComputedStyle(shape).fill), behind) : behind];
  };
  return elements.filter((e) => e.getClientRects().length).map((e) => {
    const [colour, back] = colours(e);
    const text = over(rgba(colour), back);
    const [light, dark] = [luminance(text), luminance(back)].sort((x, y) => y - x);
    const name = e.getAttribute("class") || e.tagName;
    return [name + ": " + e.textContent.trim().slice(0, 30), (light + 0.05) / (dark + 0.05)];
  });
}"""


@dataclass
class Site:
    """The built site and where it is served."""

    url: str  # ends with "/"
    root: Path
    site_key: str  # the pages' data-lp-site: the slug of the roadmap's title

    def pages(self) -> list[str]:
        """URL paths of every HTML page, e.g. '', 'stages/the-maths/', '404.html'."""
        return [
            html.relative_to(self.root).as_posix().removesuffix("index.html")
            for html in sorted(self.root.rglob("*.html"))
        ]

    def stage_ids(self) -> list[str]:
        return sorted(path.parent.name for path in self.root.glob("stages/*/index.html"))

    @property
    def storage_key(self) -> str:
        """Where learnpath.js keeps progress: under the site's path, as Material keeps its own."""
        return f"learnpath:{urlsplit(self.url).path}"

    @property
    def title_key(self) -> str:
        """Where progress used to be kept, by the roadmap's title: carried over on a first visit."""
        return f"learnpath:{self.site_key}"

    def path(self) -> list[dict[str, Any]]:
        """The stages in the path's order, as the site publishes them for its scripts (path.js):
        id, number, title, url, hours, prerequisites, resources, outcomes."""
        script = (self.root / "assets/learnpath/path.js").read_text("utf-8")
        data = json.loads(script.removeprefix("window.learnpathPath = ").rstrip().rstrip(";"))
        return list(data["stages"])

    def keep(self, page: Page, progress: dict[str, Any]) -> None:
        """Store `progress` as learnpath.js does (the parts not given empty), for the next page
        loaded to show it."""
        stored = {"version": 1, "resources": {}, "outcomes": {}, "stages": {}, "updated": None}
        page.evaluate(
            "([key, value]) => localStorage.setItem(key, value)",
            [self.storage_key, json.dumps(stored | progress)],
        )

    def progress(self, page: Page) -> dict[str, Any] | None:
        """The progress learnpath.js stored in the page's localStorage, if any."""
        text = page.evaluate("key => localStorage.getItem(key)", self.storage_key)
        return json.loads(text) if text else None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Origin:
    """A server on a free port of 127.0.0.1 whose folder holds built sites, each at its own path,
    as user.github.io holds /a/ and /b/."""

    def __init__(self, where: Path) -> None:
        self.folder = where / "www"
        self.projects = where / "projects"
        self.builds = 0
        self.folder.mkdir(parents=True)
        # Bound first, so that the port is known when a site is built with it as site_url.
        handler = functools.partial(QuietHandler, directory=str(self.folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def publish(
        self,
        path: str,
        roadmap: Path,
        *,
        docs: dict[str, str] | None = None,
        title: str | None = None,
        engine: str = "mkdocs",
    ) -> Site:
        """Build `roadmap` (renamed to `title` if given) as the site at `path`, e.g. "" or "a/",
        in place of whatever was published there."""
        self.builds += 1
        project = self.projects / str(self.builds)
        make_project(project, roadmap, docs=docs, site_url=self.url + path)
        if title is not None:
            roadmap_file = project / "roadmap" / "roadmap.yml"
            settings = yaml.safe_load(roadmap_file.read_text(encoding="utf-8"))
            roadmap_file.write_text(yaml.safe_dump({**settings, "title": title}), encoding="utf-8")
        root = self.folder / path
        result = build(project, site=root, engine=engine)
        assert result.returncode == 0, result.output
        overview = (root / "index.html").read_text(encoding="utf-8")
        site_key = overview.split('data-lp-site="', 1)[1].split('"', 1)[0]
        return Site(self.url + path, root, site_key)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class BrowserLog:
    """What the pages said: console errors, uncaught exceptions, requests to other hosts."""

    errors: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors.append(text)
        print(text)  # shown with a failing test, whatever it was waiting for

    def watch(self, page: Page) -> Page:
        def console(message: Any) -> None:
            if message.type == "error":
                self.error(f"{page.url}: console: {message.text}")

        page.on("console", console)
        page.on("pageerror", lambda error: self.error(f"{page.url}: uncaught: {error}"))
        return page


def open_context(browser: Browser, site: Site, log: BrowserLog, **options: Any) -> BrowserContext:
    """A fresh profile (empty localStorage) that never leaves 127.0.0.1, with paths from `site`.

    Requests to other hosts (Material's Google Fonts) get an empty answer and are recorded.
    """
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(base_url=site.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    address = urlsplit(site.url)
    home = f"{address.scheme}://{address.netloc}/"  # other sites on the origin are home too

    def answer(route: Route) -> None:
        log.elsewhere.append(route.request.url)
        route.fulfill(status=200, body="")

    # A predicate, not "**/*": the site's own requests then keep the browser's cache.
    context.route(lambda url: not url.startswith(home), answer)
    return context


def open_page(page: Page, path: str) -> Page:
    """Go to a generated page and wait until learnpath.js has added its controls."""
    page.goto(path)
    page.wait_for_selector("[data-lp-ready]", state="attached")
    return page


# ---- Every kind of page, for the accessibility tests (test_axe.py, test_targets.py)

# The hand-written guide pages, by name: docs/about.md is published as about/.
GUIDES = tuple(
    sorted(
        path.relative_to(REPO / "docs").with_suffix("").as_posix()
        for path in (REPO / "docs").rglob("*.md")
    )
)
# Each kind is tested on one page of it. The shipped roadmap has no progress.yml, so the progress
# page comes from the fixture roadmap, tests/fixtures/good (the `hostile_site` fixture).
PAGE_KINDS = (
    "overview",
    "path",
    "stage",
    "library",
    "list",
    "progress",
    "whats-new",
    "notes",
    "not-found",
    *(f"guide:{guide}" for guide in GUIDES),
)
# What shows that learnpath.js has enhanced a page of a kind, beyond its data-lp-ready marker.
ENHANCED = {"stage": "input[data-lp-check]"}


def page_kind(path: str) -> str:
    """The kind of the page at URL path `path`, as `Site.pages` gives it: 'stages/x/' is a stage."""
    parts = path.removesuffix("/").split("/")
    if path == "":
        return "overview"
    if path == "404.html":
        return "not-found"
    if path in ("progress/", "whats-new/", "notes/"):
        return path.removesuffix("/")
    if parts[0] == "stages":
        return "path" if len(parts) == 1 else "stage"
    if parts[0] == "resources":
        return "library" if len(parts) == 1 else "list"
    return f"guide:{path.removesuffix('/')}"


def example_page(site: Site, kind: str) -> str:
    """The first page of `site` of that kind (its URL path); fails if the site has none."""
    pages = [path for path in site.pages() if page_kind(path) == kind]
    assert pages, f"the site at {site.root} has no page of kind {kind!r}: {site.pages()}"
    return pages[0]


def open_enhanced(page: Page, path: str, kind: str) -> Page:
    """Go to any page, generated or hand-written, and wait until its scripts are done: on a
    generated page, until learnpath.js has added its controls (theme.js runs right after it)."""
    page.goto(path)
    if page.locator("[data-lp-site]").count():
        page.wait_for_selector("[data-lp-ready]", state="attached")
    if kind in ENHANCED:
        page.wait_for_selector(ENHANCED[kind], state="attached")
    return page
