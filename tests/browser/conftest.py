"""A real browser on the built site: the shipped roadmap, served on 127.0.0.1, read by Chromium.

The site is built once per session with `site_url` set to the server's own address, because
Material's instant navigation only intercepts links listed in sitemap.xml, which uses site_url.
Chromium is Debian's, never a downloaded one; if it is missing the tests fail and say so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, LAUNCH_ARGS, PALETTES, BrowserLog, Origin, Site, open_context
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from sitebuild import FIXTURES, REPO


def served(
    where: Path, roadmap: Path, docs: dict[str, str] | None = None, engine: str = "mkdocs"
) -> Iterator[Site]:
    """Build `roadmap` for a free port of 127.0.0.1 and serve it there while the caller runs."""
    origin = Origin(where)
    yield origin.publish("", roadmap, docs=docs, engine=engine)
    origin.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped roadmap and docs."""
    docs = {
        path.relative_to(REPO / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in (REPO / "docs").rglob("*.md")
    }
    yield from served(tmp_path_factory.mktemp("shipped"), REPO / "roadmap", docs)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped roadmap built by Zensical, for the smoke tests of that engine."""
    yield from served(tmp_path_factory.mktemp("zensical"), REPO / "roadmap", engine="zensical")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small fixture roadmap whose texts try to inject scripts."""
    yield from served(tmp_path_factory.mktemp("hostile"), FIXTURES / "good")


@pytest.fixture(scope="session")
def hostile_titles_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """A roadmap with markup in every title field: engines treat titles as HTML."""
    yield from served(tmp_path_factory.mktemp("hostile-titles"), FIXTURES / "hostile-titles")


@pytest.fixture(scope="session")
def origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Origin]:
    """A server with no site yet: tests publish roadmaps on it at paths of their own."""
    origin = Origin(tmp_path_factory.mktemp("origin"))
    yield origin
    origin.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium "
            "(apt-get install chromium) and never download a browser.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def context(browser: Browser, site: Site, log: BrowserLog) -> Iterator[BrowserContext]:
    """A fresh reader: empty localStorage, light palette."""
    context = open_context(browser, site, log)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext, log: BrowserLog) -> Page:
    return log.watch(context.new_page())


@pytest.fixture(params=list(PALETTES))
def palette(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def palette_context(
    browser: Browser, site: Site, log: BrowserLog, palette: str
) -> Iterator[BrowserContext]:
    """A reader whose system asks for a light or dark scheme; Material follows it."""
    context = open_context(browser, site, log, color_scheme=PALETTES[palette][0])
    yield context
    context.close()
