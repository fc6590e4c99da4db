"""axe-core on every kind of page, in both palettes: no serious or critical violation.

Run on the pages as a reader gets them, once learnpath.js has added its controls, so that they
are checked too; and with Material's search and navigation drawer open, which a static page
never shows. Where a violation comes from Material's defaults, the fix lives in the site's own
theme.css / theme.js; a failure lists what to fix, where, with the element's HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import (
    PAGE_KINDS,
    PALETTES,
    BrowserLog,
    Site,
    example_page,
    open_context,
    open_enhanced,
)
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

AXE = Axe()
BLOCKING = {"serious", "critical"}
SHOWN_NODES = 4  # of each violation, in a failure's message
PHONE = {"width": 390, "height": 844}


def kind_site(request: pytest.FixtureRequest, kind: str) -> Site:
    """The site with a page of that kind: the shipped one, or for progress the fixture roadmap's
    (the shipped roadmap has no progress.yml)."""
    return request.getfixturevalue("hostile_site" if kind == "progress" else "site")


# Material fades its search results and header tabs in and slides its drawer: halfway through,
# a colour is blended with what is behind it and axe would measure a contrast no one reads.
SETTLED = """() => document.getAnimations().every((animation) => animation.playState !== "running"
  || animation.effect.getComputedTiming().endTime === Infinity)"""


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The serious and critical violations axe-core finds on the page once it has settled."""
    page.wait_for_function(SETTLED)
    results = AXE.run(page, options={"resultTypes": ["violations"]})
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict[str, Any]], where: str) -> str:
    """What a developer needs to fix each violation: the rule, why, and the first elements."""
    lines = [f"{len(violations)} serious or critical axe-core violation(s) on {where}:"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" [{len(nodes)} element(s)] {violation['helpUrl']}"
        )
        for node in nodes[:SHOWN_NODES]:
            checks = node["any"] + node["all"] + node["none"]
            html = re.sub(r"\s+", " ", node["html"])[:200]
            lines.append(f"    {' '.join(map(str, node['target']))}: {html}")
            if checks:
                lines.append(f"      {checks[0]['message']}")
        if len(nodes) > SHOWN_NODES:
            lines.append(f"    ...and {len(nodes) - SHOWN_NODES} more")
    return "\n".join(lines)


@pytest.fixture
def reader(
    browser: Browser, request: pytest.FixtureRequest, log: BrowserLog, palette: str
) -> Iterator[tuple[Site, BrowserContext]]:
    """A reader of the shipped site whose system asks for the palette (Material follows it)."""
    site = request.getfixturevalue("site")
    context = open_context(browser, site, log, color_scheme=PALETTES[palette][0])
    yield site, context
    context.close()


def in_palette(page: Page, palette: str) -> None:
    """Material did pick the palette's scheme: a dark run that stayed light would prove little."""
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", PALETTES[palette][1])


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_page_kind_has_no_serious_violations(
    browser: Browser, request: pytest.FixtureRequest, log: BrowserLog, kind: str, palette: str
) -> None:
    """Each kind of page, with learnpath's controls added, passes axe-core in this palette."""
    site = kind_site(request, kind)
    path = example_page(site, kind)
    context = open_context(browser, site, log, color_scheme=PALETTES[palette][0])
    try:
        page = open_enhanced(log.watch(context.new_page()), path, kind)
        in_palette(page, palette)
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == [], describe(violations, f"{kind} page /{path} ({palette} palette)")


def test_search_dialog_with_results_has_no_serious_violations(
    reader: tuple[Site, BrowserContext], log: BrowserLog, palette: str
) -> None:
    """Material's search, open with results listed (the dialog, the count line, the matched
    words), passes axe-core: a static page never shows it."""
    _, context = reader
    page = open_enhanced(log.watch(context.new_page()), "", "overview")
    in_palette(page, palette)
    page.locator(".md-search__input").click()
    expect(page.locator(".md-search__output")).to_be_visible()
    # Typed before the search index is loaded, a query finds nothing: wait for it first.
    page.wait_for_function(
        "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)"
    )
    page.keyboard.type("python")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    expect(page.locator(".md-search-result mark").first).to_be_visible()
    violations = axe_violations(page)
    assert violations == [], describe(violations, f"the overview with search open ({palette})")


def test_navigation_drawer_on_a_phone_has_no_serious_violations(
    browser: Browser, site: Site, log: BrowserLog, palette: str
) -> None:
    """On a phone the navigation is a drawer, opened on the page's own section (a list page is
    in Resources), with a title band that a desktop never shows."""
    context = open_context(
        browser, site, log, color_scheme=PALETTES[palette][0], viewport=PHONE, is_mobile=True
    )
    try:
        page = open_enhanced(log.watch(context.new_page()), example_page(site, "list"), "list")
        in_palette(page, palette)
        page.locator('label.md-header__button[for="__drawer"]').click()
        expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == [], describe(violations, f"a list page's drawer on a phone ({palette})")


def test_a_page_reached_by_instant_navigation_has_no_serious_violations(
    reader: tuple[Site, BrowserContext], log: BrowserLog, palette: str
) -> None:
    """Material's instant navigation swaps the page without re-running scripts: the fixes of
    learnpath.js and theme.js must hold on a page reached that way too."""
    site, context = reader
    page = open_enhanced(log.watch(context.new_page()), "", "overview")
    # Material intercepts links once it has read sitemap.xml; a click before that is a page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.lpSamePage = true; }")
    stage = example_page(site, "stage")
    page.locator(f'.md-content a[href$="{stage}"]:not(.lp-node)').first.click()
    expect(page).to_have_url(site.url + stage)
    page.wait_for_selector("input[data-lp-check]", state="attached")
    assert page.evaluate("() => window.lpSamePage === true"), "the click reloaded the page"
    violations = axe_violations(page)
    assert violations == [], describe(violations, f"/{stage} after instant navigation ({palette})")
