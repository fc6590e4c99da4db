"""The search view (site/searchview.py): Material's indexer, given the view instead of the whole
page, finds exactly what it finds in the whole page, for every page the core renders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import Parser

from learnpath.roadmap.validate import load_roadmap
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import LIBRARY, STAGE, WHATS_NEW, roadmap_pages
from learnpath.site.render import PageRenderer
from learnpath.site.searchview import search_view
from sitebuild import FIXTURES, REPO, BuildResult

Entry = tuple[str | None, str, str]


def entries(html: str) -> list[Entry]:
    """What Material's indexer makes of `html`: (anchor, title, text) per section it keeps."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (section.id, "".join(section.title).strip(), "".join(section.text).strip())
        for section in parser.data
        if not section.is_excluded()
    ]


def meaningful(found: list[Entry]) -> list[Entry]:
    """Without the empty entries a heading inside an excluded element opens (the view drops
    them with the element: they carried neither a title nor a word of text)."""
    return [entry for entry in found if entry[1] or entry[2]]


@pytest.mark.parametrize(
    "roadmap_dir", [REPO / "roadmap", FIXTURES / "good"], ids=["shipped", "good"]
)
def test_the_indexer_finds_the_same_in_the_view_as_in_the_whole_page(roadmap_dir: Path) -> None:
    roadmap = load_roadmap(roadmap_dir)
    renderer = PageRenderer(roadmap, MarkdownFields(["attr_list", "md_in_html"], {}))
    sizes: dict[str, list[int]] = {}
    for page in roadmap_pages(roadmap):
        whole = renderer.render(page).html
        view = search_view(whole)
        assert meaningful(entries(view)) == meaningful(entries(whole)), page.path
        counts = sizes.setdefault(page.kind, [0, 0])
        counts[0] += len(view)
        counts[1] += len(whole)
    share = {kind: view / whole for kind, (view, whole) in sizes.items()}
    # What the indexer no longer parses: most of the library, stage pages and What's new.
    assert share[LIBRARY] < 0.05
    assert share[WHATS_NEW] < 0.2
    assert share[STAGE] < 0.6


def test_nested_elements_of_the_same_name_are_cut_whole() -> None:
    html = (
        '<p>kept</p><div class="a" data-search-exclude><div><div>x</div></div>'
        "<p>gone</p></div><p>also kept</p>"
        '<section data-search-exclude data-lp="1"><section>y</section></section>'
        "<pre>p</pre><p data-search-exclude>z<span>q</span></p><p>end</p>"
    )
    assert search_view(html) == "<p>kept</p><p>also kept</p><pre>p</pre><p>end</p>"


def test_a_page_without_marks_is_left_as_it_is() -> None:
    html = "<h2 id='a'>A</h2><p>data-search-exclude, written as text</p>"
    assert search_view(html) is html or search_view(html) == html


TAGS = ("div", "p", "section", "span", "article", "pre")
TEXT = st.text(alphabet="ab <>&", min_size=0, max_size=5).map(
    lambda text: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


def trees(depth: int = 3) -> st.SearchStrategy[tuple]:
    """(tag, excluded, children) trees, children being text or trees."""
    leaf = TEXT
    if depth == 0:
        return st.tuples(st.sampled_from(TAGS), st.booleans(), st.lists(leaf, max_size=2))
    return st.tuples(
        st.sampled_from(TAGS),
        st.booleans(),
        st.lists(st.one_of(leaf, trees(depth - 1)), max_size=3),
    )


def write(node: tuple | str, *, drop_excluded: bool) -> str:
    if isinstance(node, str):
        return node
    tag, excluded, children = node
    if excluded and drop_excluded:
        return ""
    mark = ' data-search-exclude class="x"' if excluded else ' class="y"'
    inner = "".join(write(child, drop_excluded=drop_excluded) for child in children)
    return f"<{tag}{mark}>{inner}</{tag}>"


@given(st.lists(st.one_of(TEXT, trees()), max_size=4))
def test_the_view_is_the_page_without_its_excluded_subtrees(forest: list) -> None:
    whole = "".join(write(node, drop_excluded=False) for node in forest)
    expected = "".join(write(node, drop_excluded=True) for node in forest)
    assert search_view(whole) == expected


def test_the_built_index_has_every_resource_entry_and_no_empty_ones(
    good_site: BuildResult,
) -> None:
    """Built with MkDocs, where the plugin hands Material's search the view: every resource is
    still an entry on its list page, the theme still shows the whole page, and no entry is the
    empty one a heading inside an excluded section used to open."""
    index = json.loads((good_site.site / "search" / "search_index.json").read_text())["docs"]
    locations = {doc["location"] for doc in index}
    assert "resources/programming/#think-python" in locations
    assert not [
        doc for doc in index if not doc["text"] and doc["location"].startswith("resources/#")
    ]
    library = good_site.page("resources/")
    assert library.select("section.lp-list article.lp-resource")  # the cards are on the page
