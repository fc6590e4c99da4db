"""A reader on a keyboard, a dark screen or a phone: the path is walked with Tab as a list of
stage cards and followed with Enter, the text of every card keeps its contrast in both
palettes, and the library fits a phone with its filters in reach."""

from __future__ import annotations

import pytest
from browsing import CONTRAST, PALETTES, BrowserLog, Site, open_context, open_page
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 800}
# Given to the first stages of the path, so that nodes and cards show every look they have.
STATUSES = ("done", "in-progress", "skipped")

# The text of resource cards (stage, list and library pages) and of stage cards and the path
# diagram (overview): titles, the facts line and each of its badges, tags, stage badges.
CARD_TEXT = ".lp-title a, .lp-meta, .lp-meta > span, .lp-tags, .lp-badge"
# What the card contrast test must have measured: an unclassed A is a resource's title link.
CARD_KINDS = {
    "A",
    "lp-meta",
    "lp-type",
    "lp-free",
    "lp-paid",
    "lp-beginner",
    "lp-intermediate",
    "lp-advanced",
    "lp-start",
    "lp-tags",
    "lp-badge",
}


DIAGRAM_TEXT = ".lp-node__title, .lp-node__details"


def keep_progress(page: Page, site: Site, stages: dict[str, str], resources: list[str]) -> None:
    site.keep(page, {"resources": dict.fromkeys(resources, True), "stages": stages})


def diagram_order(page: Page) -> list[str]:
    return page.locator("svg.lp-diagram a.lp-node").evaluate_all(
        "nodes => nodes.map(node => node.dataset.lpStage)"
    )


def path_order(site: Site) -> list[str]:
    return [stage["id"] for stage in site.path()]


def focused_card(page: Page) -> str | None:
    """The stage of the stage card that has the focus, if one has."""
    return page.evaluate(
        "() => document.activeElement.matches('.lp-path__stage a.lp-card')"
        " ? document.activeElement.closest('[data-lp-stage]').dataset.lpStage : null"
    )


def test_path_is_walked_with_tab_as_a_list_in_path_order_each_card_showing_its_focus(
    palette_context: BrowserContext, site: Site, palette: str
) -> None:
    """From the top of the overview, Tab reaches every stage card in the path's order, each with
    a visible focus ring whatever its status. The diagram is a picture and no tab stop (its
    links used to be), and screen readers skip it for the list that says it in words."""
    page = palette_context.new_page()
    open_page(page, "")
    order = diagram_order(page)
    assert sorted(order) == site.stage_ids()
    assert page.locator("svg.lp-diagram").get_attribute("aria-hidden") == "true"
    assert page.locator("a.lp-node:not([tabindex='-1'])").count() == 0
    keep_progress(page, site, dict(zip(order, STATUSES, strict=False)), [])
    open_page(page, "")
    page.mouse.move(0, 0)  # over the fixed header: nothing is ever hovered

    reached: list[str] = []
    unseen: list[str] = []
    for _ in range(100):  # the skip link, header, search, tabs and the first action come first
        page.keyboard.press("Tab")
        assert not page.evaluate("() => Boolean(document.activeElement.closest('svg'))")
        stage = focused_card(page)
        if stage is None:
            if reached:
                break
            continue
        reached.append(stage)
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
        )
        if outline[0] == "none" or outline[1] < 2:
            unseen.append(f"{stage}: {outline}")
    assert reached == path_order(site)
    assert unseen == []


def test_enter_on_a_focused_stage_card_opens_its_stage(page: Page, site: Site) -> None:
    open_page(page, "")
    second = path_order(site)[1]
    for _ in range(100):
        page.keyboard.press("Tab")
        if focused_card(page) == second:
            break
    assert focused_card(page) == second
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site.url}stages/{second}/")
    soup = BeautifulSoup(
        (site.root / f"stages/{second}/index.html").read_text("utf-8"), "html.parser"
    )
    expect(page.locator("h1")).to_have_text(soup.select_one("h1").get_text())
    page.wait_for_selector("[data-lp-stage-status] select")  # its own controls, too


def with_some_progress(page: Page, site: Site) -> str:
    """The first three stages of the path done, in progress and skipped, and three resources of
    the first stage page ticked: every look a card or a node can take. Returns that stage."""
    stage = site.stage_ids()[0]
    open_page(page, f"stages/{stage}/")
    ticked = page.locator("article[data-lp-resource]").evaluate_all(
        "cards => cards.slice(0, 3).map(card => card.dataset.lpResource)"
    )
    order = diagram_order(open_page(page, ""))
    keep_progress(page, site, dict(zip(order, STATUSES, strict=False)), ticked)
    return stage


def contrasts(page: Page, path: str, selector: str, palette: str) -> list[tuple[str, float]]:
    open_page(page, path)
    assert page.locator("body").get_attribute("data-md-color-scheme") == PALETTES[palette][1]
    return page.locator(selector).evaluate_all(CONTRAST)


def test_card_text_keeps_4_5_to_1_contrast_in_both_palettes(
    palette_context: BrowserContext, site: Site, palette: str
) -> None:
    """Titles, facts, badges and tags of resource cards on a stage page and a list page, and the
    badges of the stage cards on the overview."""
    page = palette_context.new_page()
    stage = with_some_progress(page, site)
    a_list = next(
        path for path in site.pages() if path.startswith("resources/") and path != "resources/"
    )
    measured: set[str] = set()
    low: list[tuple[str, str, float]] = []
    for path in ("", f"stages/{stage}/", a_list):
        ratios = contrasts(page, path, CARD_TEXT, palette)
        measured |= {kind for text, _ in ratios for kind in text.split(":")[0].split()}
        low += [(path, text, round(ratio, 2)) for text, ratio in ratios if ratio < 4.5]
    assert CARD_KINDS - measured == set()
    assert low == []


def test_library_fits_a_phone_and_its_filters_work_there(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    context = open_context(browser, site, log, viewport=PHONE, is_mobile=True, has_touch=True)
    page = log.watch(context.new_page())
    open_page(page, "resources/")
    page.wait_for_load_state("load")
    scrolled = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    wider = page.locator(".md-content *").evaluate_all(
        "all => all.filter(e => e.getBoundingClientRect().right > innerWidth + 1)"
        ".slice(0, 5).map(e => e.tagName + '.' + e.getAttribute('class'))"
    )
    assert scrolled[0] <= scrolled[1], f"page scrolls sideways: {scrolled}, {wider}"

    count = page.locator(".lp-filters__count")
    total = count.text_content()
    # On a phone the text and tag stay in view; the other filters fold behind one button.
    kind = page.get_by_label("Type", exact=True)
    expect(kind).to_be_hidden()
    page.get_by_role("button", name="More filters").click()
    for control in (kind, page.get_by_label("Cost", exact=True), count):
        expect(control).to_be_visible()
        expect(control).to_be_in_viewport()
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    kind.select_option("video")
    expect(count).to_contain_text("Showing ")
    expect(count).not_to_have_text(total or "")
    shown = page.locator("article[data-lp-resource]:not([hidden])")
    types = shown.locator(".lp-type").all_text_contents()
    assert types and set(types) == {"video"}
    videos = shown.evaluate_all("cards => new Set(cards.map(card => card.dataset.lpResource)).size")
    expect(count).to_contain_text(f"Showing {videos} of ")
    assert log.errors == []
    context.close()


def test_diagram_text_keeps_4_5_to_1_contrast_in_both_palettes_whatever_the_stage_status(
    palette_context: BrowserContext, site: Site, palette: str
) -> None:
    """Each node's title and details, in its text fill on its box's fill: plain, done, in
    progress and skipped."""
    page = palette_context.new_page()
    with_some_progress(page, site)
    ratios = contrasts(page, "", DIAGRAM_TEXT, palette)
    assert len(ratios) == 2 * len(site.stage_ids())
    statuses = page.locator("svg.lp-diagram a.lp-node").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('class'))"
    )
    assert {"lp-status-done", "lp-status-in-progress"} <= set(" ".join(statuses).split())
    low = [(text, round(ratio, 2)) for text, ratio in ratios if ratio < 4.5]
    assert low == []
