"""Smoke tests of the site Zensical builds: learnpath.js keeps progress, filters the library,
and Zensical's own search finds resources, as on the MkDocs build (tests/test_engines.py
compares the pages themselves)."""

from __future__ import annotations

import pytest
from browsing import BrowserLog, Site, open_context, open_page
from playwright.sync_api import Browser, Page, expect

from learnpath.roadmap.validate import load_roadmap
from sitebuild import REPO

pytestmark = pytest.mark.browser


@pytest.fixture
def zensical_page(browser: Browser, zensical_site: Site, log: BrowserLog) -> Page:
    context = open_context(browser, zensical_site, log)
    return log.watch(context.new_page())


def test_progress_is_kept_across_a_reload(
    zensical_page: Page, zensical_site: Site, log: BrowserLog
) -> None:
    stage = load_roadmap(REPO / "roadmap").stages[0]
    resource = stage.resources[0]
    open_page(zensical_page, f"stages/{stage.id}/")
    box = zensical_page.locator(f'article[data-lp-resource="{resource.id}"] input').first
    box.check()
    zensical_page.reload()
    open_page(zensical_page, f"stages/{stage.id}/")
    expect(box).to_be_checked()
    stored = zensical_site.progress(zensical_page)
    assert stored is not None and resource.id in str(stored)
    assert log.errors == []


def test_navigation_marks_each_stage_status(
    zensical_page: Page, zensical_site: Site, log: BrowserLog
) -> None:
    """Zensical's navigation is its own markup: each stage link still gets its status."""
    stages = zensical_site.path()
    open_page(zensical_page, "")
    zensical_site.keep(zensical_page, {"stages": {stages[1]["id"]: "done"}})
    open_page(zensical_page, f"stages/{stages[2]['id']}/")
    for stage in stages:
        link = zensical_page.locator(f'.md-nav a.md-nav__link[href$="stages/{stage["id"]}/"]')
        words = ", done (your choice)" if stage is stages[1] else ", not started"
        expect(link.first.locator(".lp-nav-status .lp-sr")).to_have_text(words)
    assert log.errors == []


def test_library_filters_narrow_the_cards(zensical_page: Page, log: BrowserLog) -> None:
    roadmap = load_roadmap(REPO / "roadmap")
    open_page(zensical_page, "resources/")
    zensical_page.get_by_label("Type", exact=True).select_option("video")
    videos = {r.id for r in roadmap.resources.values() if r.type == "video"}
    count = zensical_page.locator(".lp-filters__count")
    expect(count).to_have_text(f"Showing {len(videos)} of {len(roadmap.resources)} resources.")
    assert log.errors == []


def test_zensical_search_finds_a_resource(zensical_page: Page, log: BrowserLog) -> None:
    title = "Google Colab"
    zensical_page.goto("")
    zensical_page.locator(".md-search__button").click()  # Zensical's search box is a dialog
    zensical_page.get_by_role("combobox", name="Search").press_sequentially("Colab", delay=5)
    expect(zensical_page.get_by_role("option", name=title).first).to_be_visible()
    assert log.errors == []
