"""Where a reader's progress is kept: under the site's path, whatever the roadmap is called."""

from __future__ import annotations

import json
import re

import pytest
from browsing import BrowserLog, Origin, Site, open_context, open_page
from playwright.sync_api import Browser, Page, expect

from sitebuild import FIXTURES

pytestmark = pytest.mark.browser

FIXTURE_STAGE = "stages/basics/"
TICK = "article.lp-resource input[type=checkbox]"


def stored(page: Page) -> dict[str, str]:
    """Everything in the page's localStorage."""
    return page.evaluate("() => ({ ...localStorage })")


def store(page: Page, key: str, text: str) -> None:
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, text])


def backups(page: Page, site: Site) -> dict[str, str]:
    """Unreadable progress that learnpath.js put aside."""
    prefix = f"{site.storage_key}:unreadable-"
    return {key: text for key, text in stored(page).items() if key.startswith(prefix)}


def test_progress_survives_a_renamed_roadmap(
    browser: Browser, origin: Origin, log: BrowserLog
) -> None:
    before = origin.publish("renamed/", FIXTURES / "good")
    with open_context(browser, before, log) as context:
        page = log.watch(context.new_page())
        open_page(page, FIXTURE_STAGE)
        page.locator(TICK).first.check()
        resource = page.locator(TICK).first.get_attribute("data-lp-id")

        after = origin.publish("renamed/", FIXTURES / "good", title="A roadmap by another name")
        assert after.site_key != before.site_key
        open_page(page, FIXTURE_STAGE)
        expect(page.locator("[data-lp-site]")).to_have_attribute("data-lp-site", after.site_key)
        expect(page.locator(TICK).first).to_be_checked()
        assert after.progress(page)["resources"] == {resource: True}  # type: ignore[index]
    assert log.errors == []


def test_two_sites_on_one_origin_keep_their_own_progress(
    browser: Browser, origin: Origin, log: BrowserLog
) -> None:
    first = origin.publish("a/", FIXTURES / "good")
    second = origin.publish("b/", FIXTURES / "good")
    assert first.site_key == second.site_key  # one title: what used to mix their progress
    with open_context(browser, first, log) as context:
        page = log.watch(context.new_page())
        open_page(page, first.url + FIXTURE_STAGE)
        page.locator(TICK).first.check()
        resource = page.locator(TICK).first.get_attribute("data-lp-id")

        open_page(page, second.url + FIXTURE_STAGE)
        expect(page.locator(TICK).first).not_to_be_checked()
        assert second.progress(page) is None
        assert first.progress(page)["resources"] == {resource: True}  # type: ignore[index]
        # Named the way Material names its own storage, e.g. "/a/.__palette".
        assert [key for key in stored(page) if key.startswith("learnpath:")] == ["learnpath:/a/"]
    assert log.errors == []


def test_progress_under_the_old_title_key_is_carried_over_once(page: Page, site: Site) -> None:
    stage = site.stage_ids()[0]
    open_page(page, f"stages/{stage}/")
    box = page.locator(TICK).first
    resource = box.get_attribute("data-lp-id")
    old = {
        "version": 1,
        "resources": {resource: True},
        "outcomes": {},
        "stages": {stage: "in-progress"},
        "updated": None,
    }
    store(page, site.title_key, json.dumps(old))
    assert site.progress(page) is None

    open_page(page, f"stages/{stage}/")
    expect(box).to_be_checked()
    expect(page.get_by_label("Your status for this stage")).to_have_value("in-progress")
    # Carried over as it was, with the empty notes and pace that progress has had since.
    assert site.progress(page) == {**old, "notes": {"resources": {}, "stages": {}}, "pace": {}}

    # Once: the reader's later changes win over the old copy, which stays for any other site
    # of this origin that had the same title.
    box.uncheck()
    open_page(page, f"stages/{stage}/")
    expect(box).not_to_be_checked()
    assert site.progress(page)["resources"] == {resource: False}  # type: ignore[index]
    assert json.loads(stored(page)[site.title_key]) == old


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("{not JSON", "stages/{stage}/"),
        ('{"version": 2, "resources": {"x": true}}', ""),
    ],
    ids=["not-json-on-a-stage-page", "newer-format-on-the-overview"],
)
def test_unreadable_progress_is_put_aside_before_a_tick_overwrites_it(
    page: Page, site: Site, text: str, path: str
) -> None:
    stage = site.stage_ids()[0]
    open_page(page, "")
    store(page, site.storage_key, text)

    open_page(page, path.format(stage=stage))
    message = page.locator(".lp-tools__message")
    expect(message).to_have_count(1)
    expect(message).to_contain_text("Your saved progress could not be read")
    expect(message).to_have_class(re.compile(r"\blp-error\b"))
    expect(message).to_be_visible()
    put_aside = backups(page, site)
    assert list(put_aside.values()) == [text]
    expect(message).to_contain_text(next(iter(put_aside)))

    open_page(page, f"stages/{stage}/")
    expect(page.locator(".lp-tools__message")).to_have_count(0)  # told once, not on every page
    page.locator(TICK).first.check()
    resource = page.locator(TICK).first.get_attribute("data-lp-id")
    assert site.progress(page)["resources"] == {resource: True}  # type: ignore[index]
    assert backups(page, site) == put_aside
