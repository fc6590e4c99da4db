"""The views of the path a learner relies on: each stage's status in the navigation of every
page, the overview's first action and its "Your progress" area, the diagram's statuses told
apart without colour and legible on a phone, and stage cards that say it all in words."""

from __future__ import annotations

import pytest
from browsing import PALETTES, BrowserLog, Site, open_context, open_page
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def keep(page: Page, site: Site, stages: dict[str, str], resources: list[str] = ()) -> None:
    site.keep(page, {"resources": dict.fromkeys(resources, True), "stages": stages})


def some_progress(page: Page, site: Site) -> dict[str, str]:
    """Stage 1 in progress by its ticks, stage 2 done and stage 3 skipped by choice, the rest
    not started: what each stage's status is then."""
    stages = site.path()
    keep(
        page,
        site,
        {stages[1]["id"]: "done", stages[2]["id"]: "skipped"},
        [stages[0]["resources"][0]],
    )
    expected = {stage["id"]: "not started" for stage in stages}
    expected |= {
        stages[0]["id"]: "in progress",
        stages[1]["id"]: "done (your choice)",
        stages[2]["id"]: "skipped (your choice)",
    }
    return expected


def test_navigation_marks_each_stage_status_with_an_icon_and_words_on_every_page(
    page: Page, site: Site
) -> None:
    open_page(page, "")
    expected = some_progress(page, site)
    stages = site.path()
    for where in ("about/", f"stages/{stages[4]['id']}/", "resources/"):
        page.goto(where)  # a guide page too, which learnpath did not generate
        page.wait_for_selector(".lp-nav-status", state="attached")
        for stage in stages:
            link = page.locator(f'.md-nav--primary a.md-nav__link[href$="stages/{stage["id"]}/"]')
            expect(link.first).to_be_attached()
            mark = link.first.locator(".lp-nav-status")
            # Words for screen readers, part of the link's name; an icon for the eye.
            expect(mark.locator(".lp-sr")).to_have_text(f", {expected[stage['id']]}")
            status = expected[stage["id"]].split(" (")[0].replace(" ", "-")
            expect(mark.locator("svg.lp-icon")).to_have_class(f"lp-icon lp-icon--{status}")
            assert expected[stage["id"]] in link.first.evaluate(
                "link => link.textContent.replace(/\\s+/g, ' ')"
            )
    # The icons differ in shape, not only in colour.
    shapes = page.locator(".md-nav--primary .lp-nav-status svg").evaluate_all(
        "icons => [...new Set(icons.map(icon => icon.innerHTML))].length"
    )
    assert shapes == 4


def test_phone_drawer_shows_the_stage_statuses_too(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    context = open_context(browser, site, log, viewport=PHONE, is_mobile=True, has_touch=True)
    page = log.watch(context.new_page())
    open_page(page, "")
    some_progress(page, site)
    stages = site.path()
    open_page(page, f"stages/{stages[5]['id']}/")
    page.locator("label.md-header__button[for='__drawer']").click()
    done = page.locator(f'.md-nav--primary a[href$="stages/{stages[1]["id"]}/"] .lp-icon--done')
    expect(done.first).to_be_visible()
    box = done.first.bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    assert log.errors == []
    context.close()


def test_overview_leads_with_start_here_then_continue_with_the_next_stage(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    stages = site.path()
    for viewport in ({"width": 1280, "height": 800}, PHONE):
        context = open_context(browser, site, log, viewport=viewport)
        page = log.watch(context.new_page())
        open_page(page, "")
        action = page.locator("a[data-lp-next]")
        # The first screen's primary action, before any progress.
        expect(action).to_have_text("Start here")
        expect(action).to_be_in_viewport()
        assert "md-button--primary" in (action.get_attribute("class") or "")
        action.click()
        expect(page).to_have_url(f"{site.url}stages/{stages[0]['id']}/")
        page.locator("article[data-lp-resource] input[type=checkbox]").first.check()
        open_page(page, "")
        expect(action).to_have_text(f"Continue: 1. {stages[0]['title']}")
        keep(page, site, {stages[0]["id"]: "done", stages[1]["id"]: "skipped"})
        open_page(page, "")
        expect(action).to_have_text(f"Continue: 3. {stages[2]['title']}")
        expect(action).to_be_in_viewport()
        action.click()
        expect(page).to_have_url(f"{site.url}stages/{stages[2]['id']}/")
        context.close()
    assert log.errors == []


def test_your_progress_area_comes_after_the_path_and_reset_looks_destructive_and_asks(
    page: Page, site: Site
) -> None:
    open_page(page, "")
    area = page.locator("[data-lp-progress-tools]")
    expect(area.get_by_role("heading", name="Your progress")).to_be_visible()
    below_path = page.evaluate(
        "() => document.querySelector('ol.lp-path').compareDocumentPosition("
        "document.querySelector('[data-lp-progress-tools]')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
    assert below_path
    export = area.get_by_role("button", name="Export progress")
    reset = area.get_by_role("button", name="Reset progress")
    colour = "el => getComputedStyle(el).color"
    assert reset.evaluate(colour) != export.evaluate(colour)
    assert reset.evaluate(colour) == page.evaluate(
        "() => { const probe = document.createElement('span');"
        " probe.style.color = 'var(--lp-error)'; document.body.append(probe);"
        " const c = getComputedStyle(probe).color; probe.remove(); return c; }"
    )
    stages = site.path()
    keep(page, site, {stages[0]["id"]: "done"})
    open_page(page, "")
    page.once("dialog", lambda dialog: dialog.dismiss())
    reset.click()
    expect(page.locator("[data-lp-progress=all] .lp-progress__text")).not_to_have_text(
        "0 of 0 done (0%)"
    )
    expect(page.locator(f'li[data-lp-stage="{stages[0]["id"]}"]')).to_have_class(
        "lp-path__stage lp-status-done lp-status-chosen"
    )
    page.once("dialog", lambda dialog: dialog.accept())
    reset.click()
    expect(page.locator(".lp-tools__message")).to_have_text("Progress cleared.")
    expect(page.locator(f'li[data-lp-stage="{stages[0]["id"]}"]')).to_have_class("lp-path__stage")


STROKES = """nodes => nodes.map(node => {
  const box = getComputedStyle(node.querySelector('.lp-node__box'));
  const icon = node.querySelector('svg.lp-icon');
  return {stage: node.dataset.lpStage, stroke: box.stroke, width: box.strokeWidth,
          dash: box.strokeDasharray, icon: icon ? icon.getAttribute('class') : null,
          shape: icon ? icon.innerHTML : null};
})"""


@pytest.mark.parametrize("palette", list(PALETTES))
def test_diagram_tells_statuses_apart_by_shape_as_well_as_colour_with_a_legend(
    browser: Browser, site: Site, log: BrowserLog, palette: str
) -> None:
    context = open_context(browser, site, log, color_scheme=PALETTES[palette][0])
    page = log.watch(context.new_page())
    open_page(page, "")
    expected = some_progress(page, site)
    open_page(page, "")
    nodes = {n["stage"]: n for n in page.locator("a.lp-node").evaluate_all(STROKES)}
    stages = [stage["id"] for stage in site.path()]
    looks = {
        status: nodes[next(s for s in stages if expected[s].startswith(status))]
        for status in ("not started", "in progress", "done", "skipped")
    }
    # Each status has its own icon shape...
    assert len({look["shape"] for look in looks.values()}) == 4
    for status, look in looks.items():
        assert look["icon"] == f"lp-icon lp-icon--{status.replace(' ', '-')}"
    # ...and an outline of its own: no longer every node the same colour in dark mode.
    outlines = {(look["stroke"], look["width"], look["dash"]) for look in looks.values()}
    assert len(outlines) == 4
    assert looks["in progress"]["stroke"] != looks["not started"]["stroke"]
    assert looks["done"]["stroke"] != looks["not started"]["stroke"]
    legend = page.locator("ul.lp-legend li")
    expect(legend).to_have_text(["Not started", "In progress", "Done", "Skipped"])
    legend_shapes = legend.locator("svg").evaluate_all("icons => icons.map(i => i.innerHTML)")
    assert set(legend_shapes) == {look["shape"] for look in looks.values()}
    assert log.errors == []
    context.close()


def test_diagram_text_stays_12_px_or_more_on_a_phone_where_the_diagram_scrolls(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    context = open_context(browser, site, log, viewport=PHONE, is_mobile=True, has_touch=True)
    page = log.watch(context.new_page())
    open_page(page, "")
    sizes = page.locator("svg.lp-diagram text").evaluate_all(
        """texts => texts.map(text => {
          const svg = text.ownerSVGElement;
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          return parseFloat(getComputedStyle(text).fontSize) * scale;
        })"""
    )
    assert sizes and min(sizes) >= 12, min(sizes)
    frame = page.locator(".lp-diagram-frame")
    assert frame.evaluate("f => f.scrollWidth > f.clientWidth")
    # Scrollable, so the keyboard reaches it; the page itself does not scroll sideways.
    assert frame.get_attribute("tabindex") == "0"
    assert page.evaluate(
        "() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    # The list of stages under it is the legible form: every card fits the screen.
    for box in page.locator("a.lp-card").evaluate_all(
        "cards => cards.map(c => c.getBoundingClientRect().right)"
    ):
        assert box <= PHONE["width"]
    context.close()


def test_stage_cards_say_number_prerequisites_and_status_in_words(page: Page, site: Site) -> None:
    """The list screen readers get instead of the diagram: every stage, in path order, as a
    link whose text says its prerequisites and its status."""
    open_page(page, "")
    expected = some_progress(page, site)
    open_page(page, "")
    stages = site.path()
    numbers = {stage["id"]: f"{stage['number']}. {stage['title']}" for stage in stages}
    links = page.locator("ol.lp-path > li > a.lp-card")
    expect(links).to_have_count(len(stages))
    for stage, link in zip(stages, links.all(), strict=True):
        text = " ".join(link.inner_text().split())
        assert text.startswith(f"{stage['number']} {stage['title']}")
        if stage["prerequisites"]:
            before = "; ".join(numbers[p] for p in stage["prerequisites"])
            assert f"Builds on {before}" in text
        else:
            assert "No prerequisites" in text
        assert expected[stage["id"]].capitalize() in text


def test_the_diagram_is_hidden_from_screen_readers_and_the_list_is_not(
    context: BrowserContext, site: Site
) -> None:
    page = context.new_page()
    open_page(page, "")
    snapshot = page.locator("article").aria_snapshot()
    assert "lp-diagram" not in snapshot and "leads to" not in snapshot
    stages = site.path()
    assert f'link "{stages[1]["number"]} {stages[1]["title"]}' in snapshot
