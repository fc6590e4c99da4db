"""A real browser on the built site: the shipped roadmap, served on 127.0.0.1, read by Chromium.

The site is built once per session with `site_url` set to the server's own address, because
Material's instant navigation only intercepts links listed in sitemap.xml, which uses site_url.
Chromium is Debian's, never a downloaded one; if it is missing the tests fail and say so.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from browsing import (
    CHROMIUM,
    LAUNCH_ARGS,
    BrowserLog,
    QuietHandler,
    Site,
    open_context,
)
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from sitebuild import FIXTURES, REPO, build, make_project


def served(where: Path, roadmap: Path, docs: dict[str, str] | None = None) -> Iterator[Site]:
    """Build `roadmap` for a free port of 127.0.0.1 and serve it there while the caller runs."""
    root = where / "site"
    # Bind first, so the port is ours before the site is built with it as site_url.
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(root))
    )
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    project = make_project(where / "project", roadmap, docs=docs, site_url=url)
    result = build(project, site=root)
    assert result.returncode == 0, result.output
    overview = (root / "index.html").read_text(encoding="utf-8")
    site_key = overview.split('data-lp-site="', 1)[1].split('"', 1)[0]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Site(url, root, site_key)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The shipped roadmap and docs."""
    docs = {
        path.relative_to(REPO / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in (REPO / "docs").rglob("*.md")
    }
    yield from served(tmp_path_factory.mktemp("shipped"), REPO / "roadmap", docs)


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The small fixture roadmap whose texts try to inject scripts."""
    yield from served(tmp_path_factory.mktemp("hostile"), FIXTURES / "good")


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
