"""A learner's notes (per resource and per stage, plain text, kept with the progress) and the
progress link that carries everything to another device, driven through their accessible
names: "Add a note", "Notes on <title>", "Copy progress link", "Replace my progress", "Merge"."""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

import pytest
from browsing import BrowserLog, Site, open_context, open_page
from playwright.sync_api import Browser, BrowserContext, Page, expect

pytestmark = pytest.mark.browser

HOSTILE = 'Line one <img src=x onerror="window.lpPwned=1"> **not bold**\nline two'


def write_note(page: Page, button_index: int, title: str, text: str) -> None:
    """Open the `button_index`th "Add a note" of the page and type `text`; wait until saved."""
    page.get_by_role("button", name="Add a note").nth(button_index).click()
    box = page.get_by_role("textbox", name=f"Notes on {title}", exact=True)
    expect(box).to_be_focused()
    box.fill(text)
    expect(box.locator("xpath=following-sibling::p")).to_have_text("Saved in this browser.")


def a_stage_with_its_first_card(page: Page, site: Site) -> tuple[dict, str, str]:
    stage = site.path()[3]
    open_page(page, f"stages/{stage['id']}/")
    card = page.locator("article[data-lp-resource]").first
    return (
        stage,
        str(card.get_attribute("data-lp-resource")),
        card.locator(".lp-title").inner_text(),
    )


def test_notes_on_a_resource_and_a_stage_survive_a_reload_as_plain_text(
    page: Page, site: Site
) -> None:
    stage, resource, title = a_stage_with_its_first_card(page, site)
    # Collapsed by default: no textbox until the button opens it.
    expect(page.get_by_role("textbox", name=re.compile("^Notes on "))).to_have_count(0)
    card = page.locator(f'article[data-lp-resource="{resource}"]')
    card.get_by_role("button", name="Add a note").click()
    box = page.get_by_role("textbox", name=f"Notes on {title}", exact=True)
    box.fill(HOSTILE)
    expect(card.locator(".lp-note__status")).to_have_text("Saved in this browser.")
    # The stage's own note sits near its status.
    write_note(page, 0, stage["title"], "Stage note")

    page.reload()
    page.wait_for_selector("[data-lp-ready]", state="attached")
    button = card.get_by_role("button", name="Your note")
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(page.get_by_role("textbox", name=f"Notes on {title}", exact=True)).to_have_value(HOSTILE)
    page.get_by_role("button", name="Your note").first.click()
    expect(page.get_by_role("textbox", name=f"Notes on {stage['title']}")).to_have_value(
        "Stage note"
    )
    assert site.progress(page)["notes"] == {  # type: ignore[index]
        "resources": {resource: HOSTILE},
        "stages": {stage["id"]: "Stage note"},
    }
    # The same resource on its list page shows the same note.
    open_page(page, "resources/")
    library_card = page.locator(f'article[data-lp-resource="{resource}"]').first
    expect(library_card.get_by_role("button", name="Your note")).to_be_visible()
    assert page.evaluate("window.lpPwned") is None


def test_a_note_past_10000_characters_says_so_and_keeps_the_first_10000(
    page: Page, site: Site
) -> None:
    _, resource, title = a_stage_with_its_first_card(page, site)
    card = page.locator(f'article[data-lp-resource="{resource}"]')
    card.get_by_role("button", name="Add a note").click()
    page.get_by_role("textbox", name=f"Notes on {title}", exact=True).fill("x" * 10_050)
    status = card.locator(".lp-note__status")
    expect(status).to_contain_text("at most 10,000 characters")
    expect(status).to_contain_text("the last 50 are not saved")
    expect(status).to_have_class(re.compile(r"\blp-error\b"))
    assert len(site.progress(page)["notes"]["resources"][resource]) == 10_000  # type: ignore[index]


def test_clearing_a_note_removes_it(page: Page, site: Site) -> None:
    _, resource, title = a_stage_with_its_first_card(page, site)
    card = page.locator(f'article[data-lp-resource="{resource}"]')
    card.get_by_role("button", name="Add a note").click()
    box = page.get_by_role("textbox", name=f"Notes on {title}", exact=True)
    box.fill("soon gone")
    expect(card.get_by_role("button", name="Your note")).to_be_visible()
    box.fill("")
    expect(card.get_by_role("button", name="Add a note")).to_be_visible()
    assert site.progress(page)["notes"]["resources"] == {}  # type: ignore[index]


def test_notes_round_trip_through_export_and_import(page: Page, site: Site, tmp_path: Path) -> None:
    _, resource, title = a_stage_with_its_first_card(page, site)
    write_note(page, 1, title, HOSTILE)
    open_page(page, "")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text("utf-8"))["notes"]["resources"] == {resource: HOSTILE}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert site.progress(page)["notes"]["resources"] == {}  # type: ignore[index]
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Import progress…").click()
    chooser.value.set_files(exported)
    expect(page.locator(".lp-tools__message")).to_contain_text("Imported")
    assert site.progress(page)["notes"]["resources"] == {resource: HOSTILE}  # type: ignore[index]


BAD_NOTES = {
    "kind.json": ({"resources": {}, "topics": {"x": "a"}}, 'notes of an unknown kind, "topics"'),
    "type.json": ({"resources": {"x": 3}, "stages": {}}, 'the note on "x" is not text'),
    "size.json": (
        {"resources": {"x": "y" * 10_001}, "stages": {}},
        'the note on "x" is longer than 10,000 characters',
    ),
    "shape.json": ("just text", '"notes" is not an object'),
}


def test_import_refuses_notes_of_the_wrong_kind_type_or_size(
    page: Page, site: Site, tmp_path: Path
) -> None:
    open_page(page, "")
    before = site.progress(page)
    for name, (notes, reason) in BAD_NOTES.items():
        bad = tmp_path / name
        progress = {"version": 1, "resources": {}, "outcomes": {}, "stages": {}, "notes": notes}
        bad.write_text(json.dumps(progress), encoding="utf-8")
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Import progress…").click()
        chooser.value.set_files(bad)
        message = page.locator(".lp-tools__message")
        expect(message).to_contain_text(f"Could not import {name}: {reason}")
        assert site.progress(page) == before


# ---- The progress link


def forget_messages(page: Page) -> None:
    """So that the next expectation waits for the next link's message, not the last one's."""
    page.evaluate("() => document.querySelectorAll('.lp-link-message').forEach(m => m.remove())")


def copied_link(page: Page) -> str:
    open_page(page, "")
    page.get_by_role("button", name="Copy progress link").click()
    expect(page.locator(".lp-tools__message")).to_contain_text("Progress link copied")
    return str(page.evaluate("navigator.clipboard.readText()"))


def reader(browser: Browser, site: Site, log: BrowserLog) -> BrowserContext:
    context = open_context(browser, site, log)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context


def test_progress_link_restores_ticks_statuses_and_notes_in_a_fresh_browser(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    here = reader(browser, site, log)
    page = log.watch(here.new_page())
    stage, resource, _ = a_stage_with_its_first_card(page, site)
    page.locator(f'article[data-lp-resource="{resource}"] input[type=checkbox]').check()
    page.get_by_label("Your status for this stage").select_option("skipped")
    write_note(page, 0, stage["title"], HOSTILE)
    mine = site.progress(page)
    link = copied_link(page)
    assert link.startswith(f"{site.url}#progress=")
    assert len(link) < 32 * 1024

    there = open_context(browser, site, log)  # another device: nothing stored
    other = log.watch(there.new_page())
    requested: list[str] = []
    other.on("request", lambda request: requested.append(request.url))
    other.goto(link)
    dialog = other.get_by_role("dialog", name="Progress from a link")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("1 ticked item and 1 note")
    dialog.get_by_role("button", name="Replace my progress").click()
    expect(other.locator(".lp-link-message")).to_have_text(
        "Your progress was replaced with the link's."
    )
    # The fragment left the address bar, and no request ever carried it.
    assert other.url == site.url
    assert not any("progress=" in url for url in requested)
    theirs = site.progress(other)
    assert theirs is not None and mine is not None
    for key in ("resources", "outcomes", "stages", "notes"):
        assert theirs[key] == mine[key], key
    open_page(other, f"stages/{stage['id']}/")
    expect(other.get_by_label("Your status for this stage")).to_have_value("skipped")
    assert other.evaluate("window.lpPwned") is None
    here.close()
    there.close()
    assert log.errors == []


def test_progress_link_merges_or_is_cancelled(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    path = site.path()
    here = reader(browser, site, log)
    page = log.watch(here.new_page())
    open_page(page, "")
    first, second = path[0]["resources"][0], path[0]["resources"][1]
    linked = {
        "version": 1,
        "resources": {first: True},
        "outcomes": {},
        "stages": {path[1]["id"]: "done", path[2]["id"]: "skipped"},
        "notes": {"resources": {first: "from the link"}, "stages": {}},
        "updated": None,
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [site.storage_key, json.dumps(linked)])
    link = copied_link(page)
    local = {
        "version": 1,
        "resources": {second: True},
        "outcomes": {},
        "stages": {path[1]["id"]: "in-progress"},
        "notes": {"resources": {first: "mine"}, "stages": {}},
        "updated": None,
    }
    for choice, expected in (
        ("Cancel", local),
        (
            "Merge",
            {
                "resources": {first: True, second: True},
                "stages": {path[1]["id"]: "in-progress", path[2]["id"]: "skipped"},
                "notes": {"resources": {first: "mine"}, "stages": {}},
            },
        ),
    ):
        page.evaluate(
            "([k, v]) => localStorage.setItem(k, v)", [site.storage_key, json.dumps(local)]
        )
        page.goto("about:blank")  # the link opened afresh, as from another app
        page.goto(link)
        page.get_by_role("dialog").get_by_role("button", name=choice, exact=True).click()
        expect(page.locator(".lp-link-message")).to_be_visible()
        now = site.progress(page)
        assert now is not None
        for key, value in expected.items():
            if key != "version" and key != "updated" and key != "outcomes":
                assert now[key] == value, (choice, key)
    here.close()


def test_a_damaged_or_hostile_link_changes_nothing(page: Page, site: Site) -> None:
    open_page(page, "")
    before = site.progress(page)
    for fragment in ("#progress=not-base64-at-all!!", "#progress=AAAA", "#progress="):
        forget_messages(page)
        page.goto(f"{site.url}{fragment}")
        expect(page.locator(".lp-link-message")).to_contain_text("damaged or incomplete")
        assert page.url == site.url
        assert site.progress(page) == before
    # Valid encoding, invalid progress: checked as strictly as a file.
    bad = page.evaluate(
        """async () => {
          const data = JSON.stringify({version: 1, resources: {x: "yes"}, outcomes: {},
                                       stages: {}});
          const stream = new Blob([data]).stream()
            .pipeThrough(new CompressionStream('deflate-raw'));
          const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
          return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-')
            .replaceAll('/', '_').replace(/=+$/, '');
        }"""
    )
    forget_messages(page)
    page.goto(f"{site.url}#progress={bad}")
    page.get_by_role("button", name="Replace my progress").click()
    expect(page.locator(".lp-link-message")).to_contain_text(
        'Could not use this progress link: resources "x" is not true or false.'
    )
    assert site.progress(page) == before


def test_a_link_too_long_for_common_limits_suggests_the_file_export(page: Page, site: Site) -> None:
    """Notes that compress badly make a long link: over 32 kB it is refused with advice."""
    words = random.Random(7)
    notes = {
        f"note-{n}": "".join(words.choice(string.ascii_letters) for _ in range(9_000))
        for n in range(4)
    }
    progress = {
        "version": 1,
        "resources": {},
        "outcomes": {},
        "stages": {},
        "notes": {"resources": notes, "stages": {}},
        "updated": None,
    }
    open_page(page, "")
    page.evaluate(
        "([k, v]) => localStorage.setItem(k, v)", [site.storage_key, json.dumps(progress)]
    )
    open_page(page, "")
    page.get_by_role("button", name="Copy progress link").click()
    message = page.locator(".lp-tools__message")
    expect(message).to_contain_text("too long for many apps (over 32 kB)")
    expect(message).to_contain_text('Use "Export progress" instead')


def test_my_notes_lists_every_note_with_a_link_to_its_stage_or_resource(
    page: Page, site: Site
) -> None:
    open_page(page, "notes/")
    expect(page.locator("[data-lp-notes-view]")).to_contain_text("No notes yet.")
    stage, resource, title = a_stage_with_its_first_card(page, site)
    write_note(page, 0, stage["title"], "About the stage")
    write_note(page, 0, title, HOSTILE)
    open_page(page, "notes/")
    view = page.locator("[data-lp-notes-view]")
    stage_link = view.get_by_role("link", name=f"{stage['number']}. {stage['title']}")
    expect(stage_link).to_be_visible()
    resource_link = view.get_by_role("link", name=title, exact=True)
    expect(resource_link).to_be_visible()
    # Plain text, line breaks kept; the markup in it stays text.
    expect(view.locator(".lp-note__text").last).to_have_text(HOSTILE)
    assert view.locator("img").count() == 0
    assert page.evaluate("window.lpPwned") is None
    # The links lead to the stage page and to the resource's card on its list page.
    resource_link.click()
    expect(page).to_have_url(re.compile(rf"/resources/[^/]+/#{re.escape(resource)}$"))
    expect(page.locator(f"h3#{resource}")).to_have_text(title)
    open_page(page, "notes/")
    page.locator("[data-lp-notes-view]").get_by_role(
        "link", name=f"{stage['number']}. {stage['title']}"
    ).click()
    expect(page).to_have_url(f"{site.url}stages/{stage['id']}/")
