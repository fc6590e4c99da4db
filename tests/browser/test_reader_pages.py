"""The reader's pages in Chromium, on the shipped site: the path at /stages/, "Used in" links
from the library to the stages, and a resource shown once on a stage page, its second place a
link that jumps to the first."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
from browsing import Site, open_page
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from learnpath.roadmap.validate import load_roadmap
from sitebuild import REPO

pytestmark = pytest.mark.browser


def stage_with_a_referral(site: Site) -> tuple[str, str]:
    """A stage whose page shows some resource in a second place, and that resource's id."""
    for stage in site.stage_ids():
        html = (site.root / "stages" / stage / "index.html").read_text(encoding="utf-8")
        again = BeautifulSoup(html, "html.parser").select_one("p.lp-again a[href^='#r-']")
        if again is not None:
            return stage, again["href"].removeprefix("#r-")
    raise AssertionError("the shipped roadmap should repeat some resource within a stage")


def test_the_path_page_answers_and_links_every_stage_in_order(page: Page, site: Site) -> None:
    response = page.goto("stages/")
    assert response is not None and response.status == 200
    page.wait_for_selector("[data-lp-ready]", state="attached")
    expect(page.locator("article h1")).to_have_text("The path")
    stages = load_roadmap(REPO / "roadmap").stages
    cards = page.locator("ol.lp-path a.lp-card")
    expect(cards).to_have_count(len(stages))
    hrefs = cards.evaluate_all("links => links.map(link => link.href)")
    assert hrefs == [urljoin(site.url, f"stages/{stage.id}/") for stage in stages]
    cards.nth(1).click()
    expect(page).to_have_url(urljoin(site.url, f"stages/{stages[1].id}/"))
    expect(page.locator("article h1")).to_have_text(stages[1].title)


def test_a_used_in_link_in_the_library_leads_to_the_stage(page: Page, site: Site) -> None:
    open_page(page, "resources/")
    link = page.locator("article[data-lp-resource] p.lp-used a").first
    card = link.locator("xpath=ancestor::article[1]")
    resource = card.get_attribute("data-lp-resource")
    stage_title = re.sub(r"^\d+\. ", "", link.inner_text())
    link.click()
    expect(page).to_have_url(re.compile(r"/stages/[a-z0-9-]+/$"))
    expect(page.locator("article h1")).to_have_text(stage_title)
    expect(page.locator(f'article[data-lp-resource="{resource}"]')).to_have_count(1)


def test_a_repeated_resource_is_one_card_and_its_second_place_jumps_to_it(
    page: Page, site: Site
) -> None:
    stage, resource = stage_with_a_referral(site)
    open_page(page, f"stages/{stage}/")
    cards = page.locator(f'article[data-lp-resource="{resource}"]')
    expect(cards).to_have_count(1)
    expect(cards.locator("input[type=checkbox]")).to_have_count(1)
    # Material's instant navigation makes every href absolute: match the end.
    again = page.locator(f'p.lp-again:has(a[href$="#r-{resource}"])').first
    expect(again).to_be_attached()
    expect(again.locator("input")).to_have_count(0)
    expect(page.locator(f'[data-lp-resource="{resource}"]')).to_have_count(1)
    again.scroll_into_view_if_needed()
    expect(cards).not_to_be_in_viewport()
    # Material saves the scroll position in the history entry a moment after a scroll; a click
    # before that would have the position saved over the jump. A reader is never that quick.
    page.wait_for_function("() => history.state && Math.abs(history.state.y - scrollY) < 1")
    again.locator("a").click()
    expect(page).to_have_url(re.compile(f"#r-{re.escape(resource)}$"))
    expect(cards).to_be_in_viewport()
