"""Every page, as a reader meets it: no console errors, usable without JavaScript, searchable,
operable from the keyboard, readable in both palettes."""

from __future__ import annotations

import json

import pytest
from browsing import CONTRAST, PALETTES, SCREENSHOTS, BrowserLog, Site, open_context, open_page
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

CONTROLS_TEXT = (
    ".lp-check, .lp-stage-status label, .lp-stage-status select, .lp-progress__text, "
    ".lp-progress-tools .md-button, .lp-tools__message, .lp-filters label, .lp-filters select, "
    ".lp-filters input, .lp-filters .md-button, .lp-filters__count"
)


def test_no_console_errors_on_any_page(page: Page, site: Site, log: BrowserLog) -> None:
    pages = site.pages()
    assert len(pages) > 20
    for path in pages:
        page.goto(path)
        if page.locator("[data-lp-site]").count():
            page.wait_for_selector("[data-lp-ready]", state="attached")
    page.wait_for_timeout(300)  # let late errors (e.g. from the search worker) arrive
    assert log.errors == []
    # learnpath's own code comes from the site, never from a CDN.
    assert all("learnpath" not in url for url in log.elsewhere)
    assert {url.split("/")[2] for url in log.elsewhere} <= {
        "fonts.googleapis.com",
        "fonts.gstatic.com",
    }


def test_pages_work_without_javascript(browser: Browser, site: Site, log: BrowserLog) -> None:
    context = open_context(browser, site, log, java_script_enabled=False)
    page = context.new_page()
    generated = [path for path in site.pages() if path.startswith(("stages/", "resources/"))]
    for path in generated:
        soup = BeautifulSoup((site.root / path / "index.html").read_text("utf-8"), "html.parser")
        expected = [a["href"] for a in soup.select(".lp-title a")]
        page.goto(path)
        links = page.locator(".lp-title a")
        assert links.evaluate_all("links => links.map(a => a.getAttribute('href'))") == expected
        hidden = links.evaluate_all("links => links.filter(a => !a.getClientRects().length)")
        assert hidden == [], path
        assert page.locator(".md-content :is(input, select, button, [data-lp-ready])").count() == 0
    page.goto("")
    assert page.locator("a.lp-card").count() == len(site.stage_ids())
    assert page.locator("svg.lp-diagram a.lp-node").count() == len(site.stage_ids())
    context.close()


def test_search_finds_a_resource_by_its_title(page: Page, site: Site) -> None:
    soup = BeautifulSoup((site.root / "resources/index.html").read_text("utf-8"), "html.parser")
    titles = [a.get_text() for a in soup.select(".lp-title a")]
    title = next(t for t in titles if t.replace(" ", "").isalpha() and len(t.split()) >= 3)
    search_for(page, title)
    result = page.locator(".md-search-result__item", has_text=title).first
    expect(result).to_be_visible()


@pytest.mark.parametrize(
    ("query", "title"),
    [("Downey", "Think Python"), ("official", "The Python Tutorial")],
    ids=["author", "tag"],
)
def test_search_finds_a_resource_by_its_author_and_its_tag(
    browser: Browser, hostile_site: Site, log: BrowserLog, query: str, title: str
) -> None:
    """The fixture roadmap names each of these once: Think Python's author, the tutorial's tag."""
    context = open_context(browser, hostile_site, log)
    page = log.watch(context.new_page())
    search_for(page, query)
    # Results on one page are grouped, the best first; the rest are in the DOM, folded.
    expect(page.locator(".md-search-result__item", has_text=title)).not_to_have_count(0)
    expect(page.locator(".md-search-result__meta")).not_to_contain_text("No matching")
    context.close()


def search_for(page: Page, query: str) -> None:
    page.goto("")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=5)


def test_every_control_has_a_label(page: Page, site: Site) -> None:
    stage = site.stage_ids()[0]
    unlabelled = """controls => controls.filter(c => !(
        (c.labels && [...c.labels].some(l => l.textContent.trim()))
        || (c.getAttribute('aria-label') || '').trim()
        || (c.tagName === 'BUTTON' && c.textContent.trim()))).map(c => c.outerHTML)"""
    selector = (
        ".lp-check input, .lp-stage-status select, .lp-progress progress, "
        ".lp-progress-tools :is(button, input), .lp-filters :is(select, input, button)"
    )
    for path in ("", f"stages/{stage}/", "resources/"):
        open_page(page, path)
        assert page.locator(selector).count() > 3
        assert page.locator(selector).evaluate_all(unlabelled) == [], path


def test_checkbox_is_ticked_from_the_keyboard_with_a_visible_focus_ring(
    page: Page, site: Site
) -> None:
    open_page(page, f"stages/{site.stage_ids()[0]}/")
    page.get_by_label("Your status for this stage").focus()
    first = page.locator("input[data-lp-check]").first
    for _ in range(20):  # Tab along until the first checkbox has the focus
        if first.evaluate("box => box === document.activeElement"):
            break
        page.keyboard.press("Tab")
    assert first.evaluate("box => box === document.activeElement")
    ring = first.evaluate(
        "box => [box.matches(':focus-visible'), getComputedStyle(box).outlineStyle,"
        " parseFloat(getComputedStyle(box).outlineWidth)]"
    )
    assert ring[0] is True and ring[1] != "none" and ring[2] >= 2
    page.keyboard.press("Space")
    expect(first).to_be_checked()


def test_both_palettes_are_readable_and_saved_as_screenshots(
    palette_context: BrowserContext, site: Site, palette: str
) -> None:
    """Text of every control keeps 4.5:1 contrast; the pages, with some progress, are saved
    for a person to look at: test-output/screenshots/{overview,stage,library}-{palette}.png."""
    page = palette_context.new_page()
    index = {stage["id"]: stage for stage in site.path()}
    stages = list(index)
    progress = {
        "version": 1,
        "resources": {
            resource: True for stage in stages[:4] for resource in index[stage]["resources"][::2]
        },
        "outcomes": {index[stages[1]]["outcomes"][0]: True},
        "stages": {stages[0]: "done", stages[1]: "in-progress", stages[2]: "skipped"},
        "updated": None,
    }
    open_page(page, "")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [site.storage_key, json.dumps(progress)],
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    low: list[tuple[str, str, float]] = []
    shots = {"overview": "", "stage": f"stages/{stages[1]}/", "library": "resources/?cost=paid"}
    for name, path in shots.items():
        open_page(page, path)
        assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette][1]
        target = SCREENSHOTS / f"{name}-{palette}.png"
        page.screenshot(path=str(target), full_page=name != "library")
        assert target.stat().st_size > 10_000
        if name == "overview":  # an error message, to check its colour too
            page.evaluate(
                "() => { const m = document.querySelector('.lp-tools__message');"
                " m.textContent = 'Could not import x.json'; m.classList.add('lp-error'); }"
            )
        ratios = page.locator(CONTROLS_TEXT).evaluate_all(CONTRAST)
        assert ratios, name
        low += [(name, control, ratio) for control, ratio in ratios if ratio < 4.5]
    assert low == []


def test_injection_attempts_stay_text_when_enhanced(
    browser: Browser, hostile_site: Site, log: BrowserLog
) -> None:
    """Titles and descriptions with <script>, onerror and javascript: never run, neither on a
    full load nor when Material re-runs a page's scripts after an instant navigation."""
    context = open_context(browser, hostile_site, log)
    page = log.watch(context.new_page())
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in hostile_site.pages():
        page.goto(path)
    open_page(page, "resources/")
    page.wait_for_load_state("networkidle")
    page.get_by_label("Text", exact=True).fill("evil")
    expect(page.locator(".lp-filters__count")).to_contain_text("Showing 1 of ")
    page.get_by_role("checkbox", name="Done: Evil").check()
    page.evaluate("window.lpMarker = 'same document'")
    page.locator(".md-tabs__link", has_text="The path").click()  # the path page, instantly
    page.locator("ol.lp-path a.lp-card").first.click()  # then the first stage
    page.wait_for_selector("[data-lp-stage-status] select")
    assert page.evaluate("window.lpMarker") == "same document"
    assert dialogs == [] and log.errors == []
    context.close()


def test_markup_in_titles_shows_as_text_in_the_page_and_in_search(
    browser: Browser, hostile_titles_site: Site, log: BrowserLog
) -> None:
    """No title runs script or makes an element on any page, after instant navigation or in
    Material's search results, which show index titles as HTML."""
    context = open_context(browser, hostile_titles_site, log)
    page = log.watch(context.new_page())
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in hostile_titles_site.pages():
        page.goto(path)
        assert page.locator("img[src=x], #lp-x, iframe, u").count() == 0, path
    open_page(page, "")
    page.locator(".md-tabs__link", has_text="The path").click()  # the path page
    page.locator("ol.lp-path a.lp-card").first.click()  # then the first stage
    expect(page.locator(".md-header__topic").last).to_contain_text("<b>first</b>")
    search_for(page, "topic")
    result = page.locator(".md-search-result__item", has_text="& <u>more</u>").first
    expect(result).to_contain_text('Topic </title><script>alert("topic")</script> & <u>more</u>')
    expect(result).to_contain_text("1. x <img src=x onerror=alert(1)> & <b>first</b>")
    assert page.locator(".md-search-result :is(img, b, u, script)").count() == 0
    assert dialogs == [] and log.errors == []
    context.close()


def test_resource_links_say_they_open_a_new_tab(page: Page, site: Site) -> None:
    stage = site.stage_ids()[0]
    for path in (f"stages/{stage}/", "resources/"):
        open_page(page, path)
        link = page.locator("article.lp-resource .lp-title a").first
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_accessible_description("opens in a new tab")
        arrow = link.evaluate("a => getComputedStyle(a, '::after').content")
        assert "\u2197" in arrow, arrow
