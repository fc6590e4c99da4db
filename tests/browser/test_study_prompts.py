"""'Copy study prompt' on every topic of a stage page: it copies a tutoring prompt written from
the roadmap (the topic, its stage, the stage's outcomes, the topic's resources), says "Copied",
and where the browser refuses the clipboard shows the prompt selected instead."""

from __future__ import annotations

import pytest
from browsing import BrowserLog, Site, open_context, open_page
from playwright.sync_api import Browser, expect

from learnpath.roadmap.validate import load_roadmap
from sitebuild import REPO

pytestmark = pytest.mark.browser


def test_every_topic_copies_a_prompt_with_its_title_outcomes_and_resources(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    roadmap = load_roadmap(REPO / "roadmap")
    stage = roadmap.stages[3]
    context = open_context(browser, site, log)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = log.watch(context.new_page())
    open_page(page, f"stages/{stage.id}/")
    buttons = page.get_by_role("button", name="Copy study prompt")
    expect(buttons).to_have_count(len(stage.topics))
    for number, topic in enumerate(stage.topics):
        section = page.locator("section.lp-topic").nth(number)
        expect(section.locator("h3")).to_have_text(topic.title)
        section.get_by_role("button", name="Copy study prompt").click()
        expect(section.get_by_role("status")).to_contain_text("Copied")
        prompt = str(page.evaluate("navigator.clipboard.readText()"))
        assert topic.title in prompt and stage.title in prompt
        if stage.level:
            assert stage.level in prompt
        for resource in topic.resources:
            assert resource.title in prompt and resource.url in prompt
        for outcome in stage.outcomes:
            assert outcome in prompt
        assert "what I already know" in prompt
        assert "<" not in prompt.replace("<-", "")  # plain text, no markup
    # The prompt itself is no part of the page a reader sees, nor of its search entries.
    expect(page.locator("pre[data-lp-prompt]").first).to_be_hidden()
    assert "what I already know" not in (site.root / "search/search_index.json").read_text("utf-8")
    context.close()
    assert log.errors == []


def test_where_the_clipboard_is_refused_the_prompt_is_shown_selected(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    context = open_context(browser, site, log)
    context.add_init_script(
        "navigator.clipboard.writeText = () => Promise.reject(new DOMException('no', "
        "'NotAllowedError'));"
    )
    page = log.watch(context.new_page())
    stage = load_roadmap(REPO / "roadmap").stages[3]
    open_page(page, f"stages/{stage.id}/")
    section = page.locator("section.lp-topic").first
    section.get_by_role("button", name="Copy study prompt").click()
    expect(section.get_by_role("status")).to_contain_text("did not let the site copy")
    shown = section.get_by_role("textbox", name="Study prompt")
    expect(shown).to_be_visible()
    expect(shown).to_be_focused()
    text = shown.input_value()
    assert stage.topics[0].title in text
    selected = page.evaluate(
        "() => { const box = document.activeElement;"
        " return box.value.slice(box.selectionStart, box.selectionEnd).length; }"
    )
    assert selected == len(text)
    context.close()
