"""The build-speed benchmark compares like with like: both synthetic sites carry the same content.

bench/build_speed.py times learnpath building a synthetic roadmap from YAML against MkDocs
building the same roadmap written as Markdown by bench/synthetic.py. The ratio is only honest if
the two sites have the same pages, the same resource links, the same "Used in" links and the
same descriptions; these tests build both sides for each cell of the benchmark's matrix (text
style x config) and compare what a reader sees in each page's main content.
"""

from __future__ import annotations

import itertools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup, Tag

from sitebuild import REPO, build

sys.path.insert(0, str(REPO / "bench"))
from synthetic import CONFIGS, TEXTS, Resource, SyntheticRoadmap, make_roadmap, write_both

STAGES = 4
RESOURCES = 6
EXTERNAL = "https://example.org/"
RESOURCE_LINK = "https://example.org/stage-"
MAIN = "article.md-content__inner"
BASE = "https://site.invalid/"  # resolves relative links to absolute site paths

Link = tuple[str, str]  # (text, href)


@dataclass
class Site:
    """A built site; pages are parsed once, and only their main content is kept."""

    root: Path
    _pages: dict[str, Tag] = field(default_factory=dict)

    def html_files(self) -> set[str]:
        return {
            path.relative_to(self.root).as_posix()
            for path in self.root.rglob("*.html")
            if path.relative_to(self.root).as_posix() != "404.html"
        }

    def main(self, url_path: str) -> Tag:
        """The main content of the page at `url_path` (e.g. "stages/stage-0001/")."""
        if url_path not in self._pages:
            html = (self.root / url_path / "index.html").read_text(encoding="utf-8")
            found = BeautifulSoup(html, "html.parser").select(MAIN)
            assert len(found) == 1, f"{self.root / url_path}: {len(found)} {MAIN}"
            self._pages[url_path] = found[0]
        return self._pages[url_path]


@dataclass
class Pair:
    roadmap: SyntheticRoadmap
    learnpath: Site
    markdown: Site

    @property
    def sides(self) -> dict[str, Site]:
        return {"learnpath": self.learnpath, "markdown": self.markdown}


@pytest.fixture(
    scope="module",
    params=list(itertools.product(TEXTS, CONFIGS)),
    ids=lambda cell: f"{cell[0]}-{cell[1]}",
)
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pair:
    """One small synthetic roadmap built both ways, as build_speed.py builds it."""
    text, config_name = request.param
    roadmap = make_roadmap(STAGES, RESOURCES, text)
    folder = tmp_path_factory.mktemp(f"fairness-{text}-{config_name}")
    sites = []
    for config in write_both(roadmap, folder, config_name):
        result = build(config.parent, site=config.parent / "site")
        assert result.returncode == 0, result.output
        sites.append(Site(result.site))
    return Pair(roadmap, *sites)


# ---------------------------------------------------------------- reading the pages


def _text(element: Tag) -> str:
    return " ".join(element.get_text().split())


def _links(main: Tag, prefix: str) -> set[Link]:
    return {
        (_text(anchor), str(anchor["href"]))
        for anchor in main.find_all("a", href=True)
        if str(anchor["href"]).startswith(prefix)
    }


def _absolute(url_path: str, href: str) -> str:
    """`href` on the page at `url_path`, as a path from the site's root, without fragment."""
    return urlsplit(urljoin(BASE + url_path, href)).path


def _is_item(tag: Tag) -> bool:
    """A resource's own block: learnpath's card, or the Markdown side's list item."""
    return tag.name == "li" or (tag.name == "article" and "lp-resource" in tag.get("class", []))


def _items(main: Tag) -> dict[str, list[Tag]]:
    """Resource URL -> the blocks (card or list item) its link sits in on this page."""
    items: dict[str, list[Tag]] = {}
    for anchor in main.find_all("a", href=True):
        href = str(anchor["href"])
        if href.startswith(RESOURCE_LINK):
            item = anchor.find_parent(_is_item)
            assert item is not None, f"{href}: link outside a card or list item"
            items.setdefault(href, []).append(item)
    return items


def _used_in(main: Tag, url_path: str) -> dict[str, set[str]]:
    """Resource URL -> the stage pages its "Used in:" line links to (absolute site paths)."""
    used: dict[str, set[str]] = {}
    for url, items in _items(main).items():
        stages = used.setdefault(url, set())
        for item in items:
            for paragraph in item.find_all("p"):
                if _text(paragraph).startswith("Used in:"):
                    stages |= {
                        _absolute(url_path, str(a["href"]))
                        for a in paragraph.find_all("a", href=True)
                    }
    return used


def _plain(markdown_text: str) -> str:
    """A description as a reader sees it: rendered, markup dropped, whitespace normalised."""
    return _text(BeautifulSoup(markdown.markdown(markdown_text), "html.parser"))


def _expected_links(resources: tuple[Resource, ...] | list[Resource]) -> set[Link]:
    return {(resource.title, resource.url) for resource in resources}


def _stage_resources(pair: Pair, index: int) -> list[Resource]:
    return [r for topic in pair.roadmap.stages[index].topics for r in topic.resources]


def _all_resources(pair: Pair) -> list[Resource]:
    return [r for resource_list in pair.roadmap.lists for r in resource_list.resources]


def _assert_same_links(pair: Pair, url_path: str, expected: set[Link]) -> None:
    """The resource links of the page, and all its example.org links, agree on both sides."""
    resource_links = {
        side: _links(site.main(url_path), RESOURCE_LINK) for side, site in pair.sides.items()
    }
    assert resource_links["learnpath"] == resource_links["markdown"], url_path
    assert resource_links["learnpath"] == expected, url_path
    external = {side: _links(site.main(url_path), EXTERNAL) for side, site in pair.sides.items()}
    assert external["learnpath"] == external["markdown"], url_path


# ---------------------------------------------------------------- the checks


def test_same_pages(pair: Pair) -> None:
    roadmap = pair.roadmap
    expected = {
        "index.html",
        "stages/index.html",
        "resources/index.html",
        "whats-new/index.html",
        "notes/index.html",
        *(f"stages/{stage.id}/index.html" for stage in roadmap.stages),
        *(f"resources/{rl.id}/index.html" for rl in roadmap.lists),
    }
    assert pair.learnpath.html_files() == pair.markdown.html_files()
    assert pair.learnpath.html_files() == expected


def test_same_resource_links_on_stage_pages(pair: Pair) -> None:
    for index, stage in enumerate(pair.roadmap.stages):
        expected = _expected_links(_stage_resources(pair, index))
        assert len(expected) == RESOURCES
        _assert_same_links(pair, f"stages/{stage.id}/", expected)


def test_same_resource_links_on_list_and_library_pages(pair: Pair) -> None:
    for resource_list in pair.roadmap.lists:
        expected = _expected_links(resource_list.resources)
        assert len(expected) == RESOURCES
        _assert_same_links(pair, f"resources/{resource_list.id}/", expected)
    everything = _expected_links(_all_resources(pair))
    assert len(everything) == STAGES * RESOURCES
    _assert_same_links(pair, "resources/", everything)


def test_same_resource_links_on_whats_new(pair: Pair) -> None:
    everything = _expected_links(_all_resources(pair))
    assert len(everything) == STAGES * RESOURCES
    _assert_same_links(pair, "whats-new/", everything)


def test_whats_new_entries_link_their_stage_and_list(pair: Pair) -> None:
    """Each What's new entry names its list and the stage using it, on both sides."""
    expected = {
        resource.url: {f"/stages/{stage.id}/", f"/resources/{rl.id}/"}
        for rl, stage in zip(pair.roadmap.lists, pair.roadmap.stages, strict=True)
        for resource in rl.resources
    }
    for side, site in pair.sides.items():
        found = {
            url: {
                _absolute("whats-new/", str(a["href"]))
                for item in items
                for a in item.find_all("a", href=True)
                if not str(a["href"]).startswith(EXTERNAL)
            }
            for url, items in _items(site.main("whats-new/")).items()
        }
        assert found == expected, side


def test_used_in_links(pair: Pair) -> None:
    """On list pages and the library, every resource links to the stage that uses it."""
    roadmap = pair.roadmap
    pages = {f"resources/{rl.id}/": rl.resources for rl in roadmap.lists}
    pages["resources/"] = tuple(_all_resources(pair))
    stage_of = {
        resource.url: {f"/stages/{stage.id}/"}
        for rl, stage in zip(roadmap.lists, roadmap.stages, strict=True)
        for resource in rl.resources
    }
    for url_path, resources in pages.items():
        expected = {resource.url: stage_of[resource.url] for resource in resources}
        used = {side: _used_in(site.main(url_path), url_path) for side, site in pair.sides.items()}
        assert used["learnpath"] == used["markdown"], url_path
        assert used["learnpath"] == expected, url_path
        # learnpath writes them in its own paragraph; make sure that is what was read.
        lp_used = pair.learnpath.main(url_path).select("p.lp-used")
        assert len(lp_used) == len(resources), url_path


def test_descriptions_on_list_and_stage_pages(pair: Pair) -> None:
    """Each resource's description, as rendered text, sits with its link on both sides."""
    roadmap = pair.roadmap
    for index, (rl, stage) in enumerate(zip(roadmap.lists, roadmap.stages, strict=True)):
        pages = {
            f"resources/{rl.id}/": rl.resources,
            f"stages/{stage.id}/": tuple(_stage_resources(pair, index)),
        }
        for url_path, resources in pages.items():
            for side, site in pair.sides.items():
                items = _items(site.main(url_path))
                assert len(items) == RESOURCES, (side, url_path)
                for resource in resources:
                    description = _plain(resource.description)
                    assert len(description.split()) >= 12, description
                    assert any(description in _text(item) for item in items[resource.url]), (
                        side,
                        url_path,
                        resource.id,
                        description,
                    )
