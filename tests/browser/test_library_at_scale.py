"""The resource library at 200+ resources: filters that stay in reach while the cards scroll,
tags chosen by typing or by clicking a card's tag, "used in stage" and "hide what I have done",
and a table of contents that follows the filters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import BrowserLog, Site, open_context, open_page
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SHOWN = "article[data-lp-resource]:not([hidden])"


def shown(page: Page) -> set[str]:
    return set(page.locator(SHOWN).evaluate_all("cs => cs.map(c => c.dataset.lpResource)"))


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_filter_bar_and_live_count_stay_on_screen_while_the_cards_scroll(
    browser: Browser, site: Site, log: BrowserLog
) -> None:
    for viewport in ({"width": 1280, "height": 800}, PHONE):
        context = open_context(browser, site, log, viewport=viewport)
        page = log.watch(context.new_page())
        open_page(page, "resources/")
        page.get_by_label("Text", exact=True).fill("python")
        count = page.locator(".lp-filters__count")
        expect(count).to_contain_text("Showing ")
        page.mouse.wheel(0, 6000)
        page.wait_for_timeout(300)
        assert page.evaluate("() => scrollY") > 3000
        for control in (
            page.get_by_label("Text", exact=True),
            page.get_by_label("Tag", exact=True),
            count,
        ):
            expect(control).to_be_in_viewport()
        # Compact on a phone: the bar takes at most a third of the screen.
        bar = page.locator(".lp-filters").bounding_box()
        assert bar is not None and bar["height"] <= viewport["height"] / 3, bar
        context.close()
    assert log.errors == []


def test_tags_are_chosen_by_typing_or_by_clicking_a_cards_tag(page: Page, site: Site) -> None:
    open_page(page, "resources/")
    total = len(shown(page))
    tag_button = page.locator("article[data-lp-resource] button[data-lp-tag]").nth(3)
    tag = str(tag_button.get_attribute("data-lp-tag"))
    tag_button.click()
    tagged = set(
        page.locator(f'article[data-lp-resource]:has(button[data-lp-tag="{tag}"])').evaluate_all(
            "cs => cs.map(c => c.dataset.lpResource)"
        )
    )
    assert shown(page) == tagged and 0 < len(tagged) < total
    expect(page.locator(".lp-filters__count")).to_have_text(
        f"Showing {len(tagged)} of {total} resources."
    )
    assert query(page) == {"tag": [tag]}
    # The typed field shows what was chosen; its suggestion says how many resources have it.
    typed = page.get_by_label("Tag", exact=True).input_value()
    label = page.locator(f'datalist#lp-filter-tags option[value="{typed}"]').get_attribute("label")
    assert label == f"{len(tagged)} resources"
    # A name that is no tag says so and filters nothing.
    page.get_by_label("Tag", exact=True).fill("no-such-tag-at-all")
    expect(page.locator(".lp-filters__note")).to_have_text(
        "No such tag: pick one from the suggestions."
    )
    assert len(shown(page)) == total
    # Back through the URL, as a shared link.
    open_page(page, f"resources/?tag={tag}")
    assert shown(page) == tagged


def test_used_in_stage_filter_matches_the_stage_page(page: Page, site: Site) -> None:
    stage = site.path()[3]
    open_page(page, "resources/")
    options = page.get_by_label("Used in stage").locator("option").all_text_contents()
    assert options[0] == "Any stage"
    assert options[1:] == [
        f"{s['number']}. {s['title']}" for s in site.path() if s["resources"]
    ]  # in path order
    page.get_by_label("Used in stage").select_option(stage["id"])
    assert shown(page) == set(stage["resources"])
    assert query(page) == {"stage": [stage["id"]]}
    open_page(page, f"stages/{stage['id']}/")
    on_stage = set(
        page.locator("article[data-lp-resource]").evaluate_all(
            "cs => cs.map(c => c.dataset.lpResource)"
        )
    )
    assert on_stage == set(stage["resources"])


def test_hide_what_i_have_done_follows_the_ticks(page: Page, site: Site) -> None:
    open_page(page, "resources/")
    total = len(shown(page))
    first = page.locator("article[data-lp-resource]").first
    resource = str(first.get_attribute("data-lp-resource"))
    first.locator("input[type=checkbox]").check()
    page.get_by_label("Hide what I have done").check()
    assert resource not in shown(page) and len(shown(page)) == total - 1
    assert query(page) == {"hide": ["done"]}
    # Unticked elsewhere (another tab of the same site): it comes back.
    open_page(page, "resources/?hide=done")
    expect(page.get_by_label("Hide what I have done")).to_be_checked()
    assert resource not in shown(page)
    page.evaluate(
        "key => { const p = JSON.parse(localStorage.getItem(key)); p.resources = {};"
        " localStorage.setItem(key, JSON.stringify(p)); }",
        site.storage_key,
    )
    page.reload()
    expect(page.locator(".lp-filters__count")).to_have_text(
        f"Showing {total} of {total} resources."
    )


def test_table_of_contents_follows_the_filters(page: Page, site: Site) -> None:
    open_page(page, "resources/")
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary a.md-nav__link")
    themes = page.locator("section.lp-list h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    assert toc.evaluate_all("ls => ls.map(l => l.hash.slice(1))") == themes
    page.get_by_label("Used in stage").select_option(site.path()[0]["id"])
    visible = page.locator("section.lp-list:not([hidden]) h2[id]").evaluate_all(
        "hs => hs.map(h => h.id)"
    )
    assert 0 < len(visible) < len(themes)
    listed = toc.evaluate_all(
        "ls => ls.filter(l => l.getClientRects().length).map(l => l.hash.slice(1))"
    )
    assert listed == visible


def test_tags_on_a_stage_page_open_the_library_filtered_by_them(page: Page, site: Site) -> None:
    stage = site.path()[1]
    open_page(page, f"stages/{stage['id']}/")
    link = page.locator("article[data-lp-resource] .lp-tags a.lp-tag").first
    tag = str(link.text_content()).lstrip("#")
    link.click()
    expect(page).to_have_url(f"{site.url}resources/?tag={tag}")
    expect(page.locator(".lp-filters__count")).to_contain_text("Showing ")
    tagged = page.locator(f'article[data-lp-resource]:has(button[data-lp-tag="{tag}"])')
    assert shown(page) == set(tagged.evaluate_all("cs => cs.map(c => c.dataset.lpResource)"))
