"""A learner narrows the resource library down and shares the filtered view as a URL."""

from __future__ import annotations

from functools import cache
from urllib.parse import parse_qs, urlsplit

import pytest
from browsing import Site, open_page
from playwright.sync_api import Page, expect

from learnpath.roadmap.validate import load_roadmap
from sitebuild import REPO

pytestmark = pytest.mark.browser


@cache
def facts() -> dict[str, dict[str, str]]:
    """What the YAML says of each shipped resource: the truth the filters are checked against."""
    return {
        resource.id: {
            "type": resource.type,
            "free": {True: "free", False: "paid", None: "unknown"}[resource.free],
            "level": resource.level or "",
            "tags": " ".join(resource.tags),
        }
        for resource in load_roadmap(REPO / "roadmap").resources.values()
    }


@cache
def tag_titles() -> dict[str, str]:
    return {tag.id: tag.title for tag in load_roadmap(REPO / "roadmap").tags.values()}


def cards(page: Page) -> list[dict[str, str | bool]]:
    """Every resource card of the page: its facts from the YAML, and whether it is shown."""
    seen = page.eval_on_selector_all(
        "article[data-lp-resource]",
        """cards => cards.map(card => ({
            id: card.dataset.lpResource, shown: !card.hidden,
            title: card.querySelector('.lp-title').textContent.trim(),
            text: [...card.childNodes]
                .filter(node => !node.matches || !node.matches('.lp-check, .lp-used'))
                .map(node => node.textContent).join(' ').toLowerCase(),
        }))""",
    )
    return [{**card, **facts()[str(card["id"])]} for card in seen]


def shown_ids(page: Page) -> set[str]:
    return {str(card["id"]) for card in cards(page) if card["shown"]}


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_type_cost_and_level_filters_update_the_list_the_count_and_the_url(page: Page) -> None:
    open_page(page, "resources/")
    everything = cards(page)
    total = len({card["id"] for card in everything})
    count = page.locator(".lp-filters__count")
    expect(count).to_have_text(f"Showing {total} of {total} resources.")

    page.get_by_label("Type", exact=True).select_option("video")
    page.get_by_label("Cost", exact=True).select_option("free")
    wanted = {c["id"] for c in everything if c["type"] == "video" and c["free"] == "free"}
    assert wanted and len(wanted) < total
    expect(count).to_have_text(f"Showing {len(wanted)} of {total} resources.")
    assert shown_ids(page) == wanted
    assert query(page) == {"type": ["video"], "cost": ["free"]}

    page.get_by_label("Level", exact=True).select_option("beginner")
    beginners = {c["id"] for c in everything if c["id"] in wanted and c["level"] == "beginner"}
    assert beginners and beginners < wanted
    assert shown_ids(page) == beginners
    assert query(page) == {"type": ["video"], "cost": ["free"], "level": ["beginner"]}
    page.get_by_label("Level", exact=True).select_option("")
    # A theme with no free video left disappears, heading and all.
    for section in page.locator("section.lp-list").all():
        has_match = section.locator("article[data-lp-resource]:not([hidden])").count() > 0
        assert section.is_visible() == has_match


def test_a_shared_url_opens_with_its_filters_applied(page: Page) -> None:
    open_page(page, "resources/?type=book&cost=paid")
    expect(page.get_by_label("Type", exact=True)).to_have_value("book")
    expect(page.get_by_label("Cost", exact=True)).to_have_value("paid")
    everything = cards(page)
    wanted = {c["id"] for c in everything if c["type"] == "book" and c["free"] == "paid"}
    assert wanted
    assert shown_ids(page) == wanted
    expect(page.locator(".lp-filters__count")).to_have_text(
        f"Showing {len(wanted)} of {len({c['id'] for c in everything})} resources."
    )


def test_text_and_tag_filters_on_a_list_page_and_clearing_them(page: Page, site: Site) -> None:
    lists = sorted(p.parent.name for p in site.root.glob("resources/*/index.html"))
    open_page(page, f"resources/{lists[0]}/")
    everything = cards(page)
    target = everything[len(everything) // 2]
    title_word = max(str(target["title"]).split(), key=len).lower()
    tag = str(target["tags"]).split()[0]

    # The tag is typed: by its title from tags.yml, in any case; the URL carries its id.
    page.get_by_label("Tag", exact=True).fill(tag_titles()[tag].upper())
    page.get_by_label("Text", exact=True).fill(title_word)
    wanted = {
        str(c["id"])
        for c in everything
        if tag in str(c["tags"]).split() and title_word in str(c["text"])
    }
    assert target["id"] in wanted
    assert shown_ids(page) == wanted
    assert query(page) == {"tag": [tag], "text": [title_word]}

    page.get_by_role("button", name="Clear filters").click()
    expect(page.locator(".lp-filters__count")).to_have_text(
        f"Showing {len(everything)} of {len(everything)} resources."
    )
    assert query(page) == {}
    expect(page.get_by_label("Text", exact=True)).to_have_value("")


def test_a_filter_with_no_match_says_so(page: Page) -> None:
    open_page(page, "resources/?text=zzzyzzy-no-such-words")
    expect(page.locator(".lp-filters__count")).to_contain_text("Showing 0 of ")
    expect(page.locator(".lp-filters__count")).to_contain_text("none match")
    assert shown_ids(page) == set()
    assert not page.locator("section.lp-list").first.is_visible()


def test_filter_options_come_from_the_cards_on_the_page(page: Page, site: Site) -> None:
    lists = sorted(p.parent.name for p in site.root.glob("resources/*/index.html"))
    open_page(page, f"resources/{lists[-1]}/")
    everything = cards(page)
    options = page.get_by_label("Type", exact=True).locator("option")
    values = [value for value in options.evaluate_all("os => os.map(o => o.value)") if value]
    assert values == sorted({str(c["type"]) for c in everything})
    # Tag suggestions: each tag of the page's cards, by title, with how many resources have it.
    suggestions = page.locator("datalist#lp-filter-tags option").evaluate_all(
        "os => os.map(o => [o.value, o.label])"
    )
    counts: dict[str, int] = {}
    for card in {str(c["id"]): c for c in everything}.values():
        for tag in str(card["tags"]).split():
            counts[tag] = counts.get(tag, 0) + 1
    titles = tag_titles()
    assert sorted(suggestions) == sorted(
        [titles.get(tag, tag), f"{n} resources"] for tag, n in counts.items()
    )
