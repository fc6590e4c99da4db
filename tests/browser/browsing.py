"""What the browser tests share: the served site, a reader's browser profile, what pages logged."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route

from sitebuild import REPO

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


@dataclass
class Site:
    """The built site and where it is served."""

    url: str  # ends with "/"
    root: Path
    site_key: str

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
        return f"learnpath:{self.site_key}"

    def progress(self, page: Page) -> dict[str, Any] | None:
        """The progress learnpath.js stored in the page's localStorage, if any."""
        text = page.evaluate("key => localStorage.getItem(key)", self.storage_key)
        return json.loads(text) if text else None


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


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
    """A fresh profile (empty localStorage) that never leaves 127.0.0.1.

    Requests to other hosts (Material's Google Fonts) get an empty answer and are recorded.
    """
    options.setdefault("viewport", {"width": 1280, "height": 900})
    context = browser.new_context(base_url=site.url, **options)
    context.set_default_timeout(TIMEOUT_MS)

    def answer(route: Route) -> None:
        log.elsewhere.append(route.request.url)
        route.fulfill(status=200, body="")

    # A predicate, not "**/*": the site's own requests then keep the browser's cache.
    context.route(lambda url: not url.startswith(site.url), answer)
    return context


def open_page(page: Page, path: str) -> Page:
    """Go to a generated page and wait until learnpath.js has added its controls."""
    page.goto(path)
    page.wait_for_selector("[data-lp-ready]", state="attached")
    return page
