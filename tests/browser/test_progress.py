"""A learner ticks resources and outcomes, marks stages, and keeps that progress in the browser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browsing import BrowserLog, Site, open_page
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def stage_page(site: Site, stage: str) -> BeautifulSoup:
    html = (site.root / "stages" / stage / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def stage_total(site: Site, stage: str) -> int:
    """Resources (once each) plus outcomes: what a stage's progress bar counts."""
    soup = stage_page(site, stage)
    resources = {card["data-lp-resource"] for card in soup.select("article[data-lp-resource]")}
    return len(resources) + len(soup.select("[data-lp-outcome]"))


def first_stage(site: Site) -> str:
    soup = BeautifulSoup((site.root / "index.html").read_text(encoding="utf-8"), "html.parser")
    return str(soup.select_one("li.lp-path__stage")["data-lp-stage"])


def shared_resource(site: Site) -> tuple[list[str], str]:
    """A resource that two stage pages show (each page shows a resource once), and those stages."""
    stages_of: dict[str, list[str]] = {}
    for stage in site.stage_ids():
        for card in stage_page(site, stage).select("article[data-lp-resource]"):
            stages_of.setdefault(card["data-lp-resource"], []).append(stage)
    for resource, stages in stages_of.items():
        if len(stages) > 1:
            return stages, resource
    raise AssertionError("the shipped roadmap should use some resource in two stages")


def overall_text(page: Page) -> str:
    return page.locator("[data-lp-progress=all] .lp-progress__text").inner_text()


def test_ticked_resource_stays_ticked_after_reload_in_every_copy(page: Page, site: Site) -> None:
    """Its card on another stage page and in the library shares the tick."""
    stages, resource = shared_resource(site)
    card = f'article[data-lp-resource="{resource}"]'
    open_page(page, f"stages/{stages[0]}/")
    page.locator(f"{card} input[type=checkbox]").check()
    page.reload()
    page.wait_for_selector("[data-lp-ready]", state="attached")
    for path in (f"stages/{stages[0]}/", f"stages/{stages[1]}/", "resources/"):
        open_page(page, path)
        expect(page.locator(card)).to_have_count(1)
        expect(page.locator(f"{card} input[type=checkbox]")).to_be_checked()
        expect(page.locator(card)).to_have_class(re.compile(r"\blp-done\b"))
    progress = site.progress(page)
    assert progress is not None
    assert progress["version"] == 1 and progress["resources"] == {resource: True}


def test_progress_is_restored_across_instant_navigation(
    page: Page, site: Site, log: BrowserLog
) -> None:
    stage = first_stage(site)
    total = stage_total(site, stage)
    open_page(page, "")
    # Material intercepts links once it has read sitemap.xml; a click before that is a page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.lpMarker = 'same document'")

    # Overview card -> stage page, without a page load.
    page.locator(f'li[data-lp-stage="{stage}"] a.lp-card').click()
    page.wait_for_url(f"**/stages/{stage}/")
    page.wait_for_selector("[data-lp-stage-status] select")
    assert page.evaluate("window.lpMarker") == "same document"
    page.locator("ul.lp-outcomes input[type=checkbox]").first.check()
    expect(page.locator(f'[data-lp-progress="{stage}"]')).to_contain_text(f"1 of {total} done")

    # Back to the overview: its card and overall bar know about the tick.
    page.go_back()
    page.wait_for_selector("[data-lp-progress=all] progress")
    assert page.evaluate("window.lpMarker") == "same document"
    card = page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"] .lp-progress__text')
    expect(card).to_have_text(f"In progress · 1 of {total} done")
    assert overall_text(page).startswith("1 of ")

    # A node of the SVG diagram navigates instantly too, and the tick is still there.
    page.locator(f'a.lp-node[data-lp-stage="{stage}"]').click()
    page.wait_for_selector("ul.lp-outcomes input[type=checkbox]")
    assert page.evaluate("window.lpMarker") == "same document"
    expect(page.locator("ul.lp-outcomes input[type=checkbox]").first).to_be_checked()
    assert log.errors == []


def test_stage_status_shows_on_overview_card_and_diagram_node(page: Page, site: Site) -> None:
    """A status the learner chooses wins, says it is theirs, and leaves the counts as ticked."""
    stage = first_stage(site)
    total = stage_total(site, stage)
    card = page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"]')
    node = page.locator(f'a.lp-node[data-lp-stage="{stage}"]')
    bar = node.locator("rect.lp-node__bar")

    open_page(page, f"stages/{stage}/")
    page.get_by_label("Your status for this stage").select_option("done")
    expect(page.locator(f'[data-lp-progress="{stage}"]')).to_contain_text(
        f"Done (your choice) · 0 of {total} done"
    )
    open_page(page, "")
    expect(card).to_have_class(re.compile(r"\blp-status-done\b"))
    expect(card).to_have_class(re.compile(r"\blp-status-chosen\b"))
    expect(node).to_have_class(re.compile(r"\blp-status-done\b"))
    expect(card.locator(".lp-progress__text")).to_have_text(
        f"Done (your choice) · 0 of {total} done"
    )
    assert bar.get_attribute("width") == "0"  # nothing ticked, whatever the status
    assert overall_text(page).startswith("0 of ")

    open_page(page, f"stages/{stage}/")
    page.get_by_label("Your status for this stage").select_option("in-progress")
    open_page(page, "")
    expect(card).to_have_class(re.compile(r"\blp-status-in-progress\b"))
    expect(node).not_to_have_class(re.compile(r"\blp-status-done\b"))
    everything = int(re.match(r"\d+ of (\d+) done", overall_text(page)).group(1))  # type: ignore[union-attr]

    open_page(page, f"stages/{stage}/")
    page.get_by_label("Your status for this stage").select_option("skipped")
    open_page(page, "")
    expect(card).to_have_class(re.compile(r"\blp-status-skipped\b"))
    expect(node).to_have_class(re.compile(r"\blp-status-skipped\b"))
    # A skipped stage leaves the overall total.
    assert overall_text(page).startswith(f"0 of {everything - total} done")
    assert site.progress(page)["stages"] == {stage: "skipped"}  # type: ignore[index]


def test_a_stage_status_follows_its_ticks_until_the_learner_chooses_one(
    page: Page, site: Site
) -> None:
    """None ticked: not started; some: in progress; all: done. Every view agrees, and a chosen
    status can be cleared back to following the ticks."""
    stage = first_stage(site)
    total = stage_total(site, stage)
    open_page(page, f"stages/{stage}/")
    text = page.locator(f'[data-lp-progress="{stage}"] .lp-progress__text')
    select = page.get_by_label("Your status for this stage")
    expect(text).to_have_text(f"Not started · 0 of {total} done")
    expect(select.locator('option[value=""]')).to_have_text("Follow my ticks (not started)")
    boxes = page.locator("input[data-lp-check]")
    boxes.first.check()
    expect(text).to_have_text(f"In progress · 1 of {total} done")
    for index in range(boxes.count()):
        boxes.nth(index).check()
    expect(text).to_have_text(f"Done · {total} of {total} done")
    expect(select.locator('option[value=""]')).to_have_text("Follow my ticks (done)")
    expect(select).to_have_value("")

    open_page(page, "")
    card = page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"]')
    node = page.locator(f'a.lp-node[data-lp-stage="{stage}"]')
    for view in (card, node):
        expect(view).to_have_class(re.compile(r"\blp-status-done\b"))
        expect(view).not_to_have_class(re.compile(r"\blp-status-chosen\b"))
    expect(card.locator(".lp-progress__text")).to_have_text(f"Done · {total} of {total} done")

    open_page(page, f"stages/{stage}/")
    select.select_option("skipped")
    expect(text).to_have_text(f"Skipped (your choice) · {total} of {total} done")
    select.select_option("")
    expect(text).to_have_text(f"Done · {total} of {total} done")
    assert site.progress(page)["stages"] == {}  # type: ignore[index]


def test_progress_bars_follow_ticks_on_stage_card_node_and_overall(page: Page, site: Site) -> None:
    stage = first_stage(site)
    total = stage_total(site, stage)
    open_page(page, f"stages/{stage}/")
    stage_bar = page.locator(f'[data-lp-progress="{stage}"]')
    expect(stage_bar).to_have_text(f"Not started · 0 of {total} done")
    page.locator("article.lp-resource input[type=checkbox]").first.check()
    page.locator("ul.lp-outcomes input[type=checkbox]").first.check()
    expect(stage_bar).to_have_text(f"In progress · 2 of {total} done")
    assert stage_bar.locator("progress").evaluate("bar => [bar.value, bar.max]") == [2, total]

    open_page(page, "")
    card = page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"] .lp-progress')
    expect(card).to_have_text(f"In progress · 2 of {total} done")
    bar = page.locator(f'rect[data-lp-progress-bar="{stage}"]')
    full = float(bar.get_attribute("data-full-width") or 0)
    assert float(bar.get_attribute("width") or 0) == pytest.approx(full * 2 / total)
    assert re.fullmatch(r"2 of \d+ done \(\d+%\)", overall_text(page))


def test_export_then_reset_then_import_restores_progress(
    page: Page, site: Site, tmp_path: Path
) -> None:
    stage = first_stage(site)
    open_page(page, f"stages/{stage}/")
    page.locator("article.lp-resource input[type=checkbox]").first.check()
    page.locator("ul.lp-outcomes input[type=checkbox]").nth(1).check()
    page.get_by_label("Your status for this stage").select_option("in-progress")
    before = site.progress(page)
    assert before is not None

    open_page(page, "")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / download.value.suggested_filename
    download.value.save_as(exported)
    assert exported.name.endswith(".json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert {key: data[key] for key in ("resources", "outcomes", "stages")} == {
        key: before[key] for key in ("resources", "outcomes", "stages")
    }

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".lp-tools__message")).to_have_text("Progress cleared.")
    assert overall_text(page).startswith("0 of ")
    assert site.progress(page)["resources"] == {}  # type: ignore[index]

    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(exported)
    expect(page.locator(".lp-tools__message")).to_contain_text("Imported")
    assert overall_text(page).startswith("2 of ")
    after = site.progress(page)
    assert after is not None
    for key in ("resources", "outcomes", "stages"):
        assert after[key] == before[key]
    expect(page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"]')).to_have_class(
        re.compile(r"\blp-status-in-progress\b")
    )


BAD_FILES = {
    "notes.json": ("this is not JSON", "not a learnpath progress file"),
    "list.json": ("[1, 2]", "not a learnpath progress file"),
    "no-stages.json": ('{"version": 1, "resources": {}, "outcomes": {}}', '"stages" is missing'),
    "bad-tick.json": (
        '{"version": 1, "resources": {"x": "yes"}, "outcomes": {}, "stages": {}}',
        'resources "x" is not true or false',
    ),
    "bad-status.json": (
        '{"version": 1, "resources": {}, "outcomes": {}, "stages": {"x": "finished"}}',
        'stage "x" has an unknown status',
    ),
    # Names every JavaScript object inherits are not statuses either.
    "constructor-status.json": (
        '{"version": 1, "resources": {}, "outcomes": {}, "stages": {"x": "constructor"}}',
        'stage "x" has an unknown status',
    ),
    "proto-status.json": (
        '{"version": 1, "resources": {}, "outcomes": {}, "stages": {"x": "__proto__"}}',
        'stage "x" has an unknown status',
    ),
}


def test_bad_import_file_says_why_and_leaves_progress_alone(
    page: Page, site: Site, tmp_path: Path
) -> None:
    open_page(page, f"stages/{first_stage(site)}/")
    page.locator("article.lp-resource input[type=checkbox]").first.check()
    before = site.progress(page)

    open_page(page, "")
    message = page.locator(".lp-tools__message")
    for name, (content, reason) in BAD_FILES.items():
        bad = tmp_path / name
        bad.write_text(content, encoding="utf-8")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress…").click()
        chooser.value.set_files(bad)
        expect(message).to_contain_text(f"Could not import {name}: ")
        expect(message).to_contain_text(reason)
        expect(message).to_contain_text("Your progress is unchanged.")
        expect(message).to_have_class(re.compile(r"\blp-error\b"))
        assert site.progress(page) == before, name
        assert overall_text(page).startswith("1 of "), name


def test_progress_of_ids_gone_from_the_roadmap_is_kept(page: Page, site: Site) -> None:
    old = {
        "version": 1,
        "resources": {"a-resource-since-removed": True},
        "outcomes": {"old-stage:0123abcd": True},
        "stages": {"old-stage": "done"},
        "updated": None,
    }
    open_page(page, "")
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [site.storage_key, json.dumps(old)]
    )
    open_page(page, f"stages/{first_stage(site)}/")
    page.locator("article.lp-resource input[type=checkbox]").first.check()
    progress = site.progress(page)
    assert progress is not None
    assert progress["resources"]["a-resource-since-removed"] is True
    assert progress["outcomes"] == old["outcomes"] and progress["stages"] == old["stages"]
    assert len(progress["resources"]) == 2


def test_a_project_deliverable_is_ticked_and_counted_like_an_outcome(
    page: Page, site: Site
) -> None:
    stage = next(
        stage for stage in site.stage_ids() if stage_page(site, stage).select(".lp-deliverable")
    )
    total = stage_total(site, stage)
    open_page(page, f"stages/{stage}/")
    deliverable = page.locator(".lp-deliverable input[type=checkbox]").first
    expect(deliverable).to_have_accessible_name(re.compile(r"^Deliverable: "))
    deliverable.check()
    expect(page.locator(f'[data-lp-progress="{stage}"]')).to_contain_text(f"1 of {total} done")
    page.reload()
    open_page(page, f"stages/{stage}/")
    expect(page.locator(".lp-deliverable input[type=checkbox]").first).to_be_checked()
    keys = [key for key, ticked in site.progress(page)["outcomes"].items() if ticked]  # type: ignore[index]
    assert len(keys) == 1 and keys[0].startswith(f"{stage}:")
    open_page(page, "")
    card = page.locator(f'li.lp-path__stage[data-lp-stage="{stage}"] .lp-progress__text')
    expect(card).to_have_text(f"In progress · 1 of {total} done")
