"""The reader's site: themes in the path's order, cards that say which stages use them, a
resource shown once per stage page, and the path itself at /stages/, on every engine.

Expectations are worked out from the YAML here, not from the model, so a mistake in the model's
ordering cannot agree with itself.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from sitebuild import ENGINES, FIXTURES, REPO, BuildResult, build, make_project

READER = FIXTURES / "reader"
GOOD_STAGES = ["basics", "practice", "sharing"]
GOOD_STAGE_TITLES = {"basics": "1. The basics", "practice": "2. Practice", "sharing": "3. Sharing"}


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The small fixture roadmap on each engine (MkDocs' is the session's `good_site`)."""
    engine = request.param
    if engine == "mkdocs":
        return Site(request.getfixturevalue("good_site"))
    project = make_project(tmp_path_factory.mktemp(f"reader-{engine}"), FIXTURES / "good")
    result = build(project, engine=engine)
    assert result.returncode == 0, result.output
    return Site(result)


@pytest.fixture(scope="session", params=["folders", "html-files"])
def reader_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The reader fixture (ties, unused lists, repeats) on MkDocs, with pages as folders
    (`stages/first/`) and as files (`stages/first.html`): their links are written differently."""
    config = {"use_directory_urls": request.param == "folders"}
    project = make_project(tmp_path_factory.mktemp("reader"), READER, config=config)
    result = build(project, "--strict")
    assert result.returncode == 0, result.output
    return Site(result, directory_urls=config["use_directory_urls"])


class Site:
    """A built site read by source path (`stages/basics.md`), whatever its URL style."""

    def __init__(self, result: BuildResult, *, directory_urls: bool = True) -> None:
        self.root = result.site
        self.directory_urls = directory_urls

    def file(self, source: str) -> str:
        """The HTML file (relative to the site) of the page whose source is `source`."""
        stem = source.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return f"{stem}.html"
        return f"{stem}/index.html" if self.directory_urls else f"{stem}.html"

    def page(self, source: str) -> BeautifulSoup:
        path = self.root / self.file(source)
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def body(self, source: str) -> Tag:
        article = self.page(source).select_one("article.md-content__inner")
        assert article is not None, source
        return article

    def target(self, source: str, href: str) -> str:
        """The file a link on the page `source` leads to ('' if none), and its #fragment."""
        path, _, fragment = href.partition("#")
        if not path:
            return f"{self.file(source)}#{fragment}" if fragment else self.file(source)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.file(source)), path))
        if (self.root / resolved).is_dir():
            resolved = posixpath.join(resolved, "index.html")
        if not (self.root / resolved).is_file():
            return ""
        return f"{resolved}#{fragment}" if fragment else resolved


def first_stage_of_lists(roadmap_dir: Path) -> list[str]:
    """The list ids in path order, from the YAML: by the first stage using any of a list's
    resources; ties by file name; lists no stage uses last."""
    stages = yaml.safe_load((roadmap_dir / "roadmap.yml").read_text(encoding="utf-8"))["stages"]
    first: dict[str, int] = {}
    for position, stage_id in enumerate(stages):
        stage = yaml.safe_load((roadmap_dir / "stages" / f"{stage_id}.yml").read_text("utf-8"))
        for group in stage.get("topics", []) + stage.get("projects", []):
            for resource in group.get("resources", []):
                first.setdefault(resource, position)

    def earliest(path: Path) -> int:
        resources = yaml.safe_load(path.read_text(encoding="utf-8"))["resources"]
        return min(first.get(resource["id"], len(stages)) for resource in resources)

    return [
        path.stem
        for path in sorted(sorted((roadmap_dir / "resources").glob("*.yml")), key=earliest)
    ]


def stages_using(roadmap_dir: Path) -> dict[str, list[str]]:
    """For each resource id, the ids of the stages that use it, in path order, from the YAML."""
    stages = yaml.safe_load((roadmap_dir / "roadmap.yml").read_text(encoding="utf-8"))["stages"]
    used: dict[str, list[str]] = {}
    for stage_id in stages:
        stage = yaml.safe_load((roadmap_dir / "stages" / f"{stage_id}.yml").read_text("utf-8"))
        for group in stage.get("topics", []) + stage.get("projects", []):
            for resource in group.get("resources", []):
                if stage_id not in used.setdefault(resource, []):
                    used[resource].append(stage_id)
    return used


def library_order(site: Site) -> list[str]:
    sections = site.body("resources/index.md").select("section[data-lp-list]")
    return [section["data-lp-list"] for section in sections]


def nav_targets(site: Site, source: str, under: str) -> list[str]:
    """The pages under `under` that the primary navigation of `source` links to, in order."""
    found: list[str] = []
    for link in site.page(source).select("nav.md-nav--primary a[href]"):
        target = site.target(source, link["href"]).partition("#")[0]
        if target.startswith(under) and target not in found:
            found.append(target)
    return found


# 1. Themes in path order


def test_themes_follow_the_path_in_the_library_nav_and_overview(engine_site: Site) -> None:
    """`data` comes first by file name, but the path needs `programming` first (stage 1)."""
    site = engine_site
    assert library_order(site) == ["programming", "data"]
    assert nav_targets(site, "index.md", "resources/") == [
        site.file(page)
        for page in ("resources/index.md", "resources/programming.md", "resources/data.md")
    ]
    overview = site.body("index.md")
    lists = [site.target("index.md", a["href"]) for a in overview.select("ul.lp-lists a[href]")]
    assert lists == [site.file("resources/programming.md"), site.file("resources/data.md")]


def test_ties_keep_file_order_and_lists_no_stage_uses_come_last(reader_site: Site) -> None:
    expected = ["delta", "gamma", "epsilon", "beta", "alpha"]
    assert first_stage_of_lists(READER) == expected  # the rule, worked out from the YAML
    assert library_order(reader_site) == expected
    lists = nav_targets(reader_site, "index.md", "resources/")[1:]
    assert lists == [reader_site.file(f"resources/{list_id}.md") for list_id in expected]


def test_shipped_themes_follow_the_path(shipped_site: BuildResult) -> None:
    expected = first_stage_of_lists(REPO / "roadmap")
    assert library_order(Site(shipped_site)) == expected
    assert expected[0] != sorted(expected)[0], "the shipped file order is not the path's"


# 2. Cards name the stages that use them


@pytest.mark.parametrize("source", ["resources/index.md", "resources/programming.md"])
def test_cards_say_which_stages_use_them_linked_to_each_stage(
    engine_site: Site, source: str
) -> None:
    site = engine_site
    card = site.body(source).select_one('article[data-lp-resource="python-tutorial"]')
    used = card.select_one("p.lp-used")
    assert used.get_text() == "Used in: 1. The basics"
    [link] = used.select("a[href]")
    assert site.target(source, link["href"]) == site.file("stages/basics.md")
    assert not card.has_attr("data-lp-stages"), "the stages are read from the links"


def test_a_resource_no_stage_uses_says_nothing_and_stage_pages_skip_the_line(
    engine_site: Site,
) -> None:
    library = engine_site.body("resources/index.md")
    assert library.select_one('[data-lp-resource="unused-video"] .lp-used') is None
    for stage in GOOD_STAGES:
        assert engine_site.body(f"stages/{stage}.md").select(".lp-used") == [], stage


def test_used_in_links_resolve_from_the_list_page_and_the_library(reader_site: Site) -> None:
    """The cards are rendered once and shown on both pages, which sit at different depths
    when pages are folders: every link must still lead to its stage."""
    site = reader_site
    stage_titles = {
        "first": "1. First steps",
        "second": "2. Second steps",
        "third": "3. Third steps",
    }
    used = stages_using(READER)
    for source in ["resources/index.md", *(f"resources/{name}.md" for name in used_lists())]:
        cards = site.body(source).select("article[data-lp-resource]")
        assert cards, source
        for card in cards:
            resource = card["data-lp-resource"]
            links = card.select("p.lp-used a[href]")
            assert [a.get_text() for a in links] == [
                stage_titles[stage] for stage in used.get(resource, [])
            ], (source, resource)
            targets = [site.target(source, a["href"]) for a in links]
            assert targets == [site.file(f"stages/{s}.md") for s in used.get(resource, [])]
    shared = site.body("resources/index.md").select_one('[data-lp-resource="shared-book"]')
    assert shared.select_one(".lp-used").get_text() == "Used in: 1. First steps · 2. Second steps"


def used_lists() -> list[str]:
    return [path.stem for path in sorted((READER / "resources").glob("*.yml"))]


def test_every_shipped_card_names_the_stages_that_use_it(shipped_site: BuildResult) -> None:
    site = Site(shipped_site)
    used = stages_using(REPO / "roadmap")
    cards = site.body("resources/index.md").select("article[data-lp-resource]")
    assert len(cards) > 200
    for card in cards:
        links = card.select("p.lp-used a[href]")
        targets = [site.target("resources/index.md", a["href"]) for a in links]
        expected = [
            site.file(f"stages/{stage}.md") for stage in used.get(card["data-lp-resource"], [])
        ]
        assert targets == expected, card["data-lp-resource"]


# 3. A resource shown once per stage


def test_a_resource_in_a_topic_and_a_project_is_shown_once_and_referred_to(
    engine_site: Site,
) -> None:
    site = engine_site
    page = site.body("stages/basics.md")
    [card] = page.select('[data-lp-resource="python-tutorial"]')
    assert card.name == "article" and card["id"] == "r-python-tutorial"
    assert card.find_parent("section").h3.get_text() == "Loops & lists"
    project = page.select("section.lp-project")[0]
    [again] = project.select("p.lp-again")
    assert again.get_text() == "The Python Tutorial: see “Loops & lists” above"
    assert site.target("stages/basics.md", again.a["href"]) == (
        site.file("stages/basics.md") + "#r-python-tutorial"
    )
    assert again.select("[data-lp-resource], input") == []


def test_referrals_in_topics_and_projects_point_to_the_first_card(reader_site: Site) -> None:
    page = reader_site.body("stages/first.md")
    cards = [card["data-lp-resource"] for card in page.select("[data-lp-resource]")]
    assert cards == ["shared-book", "tie-video", "delta-course", "gamma-docs"]
    agains = {a.a["href"]: a.get_text() for a in page.select("p.lp-again")}
    assert agains == {
        # the second topic's start pick was shown in the first: it keeps its "Start here"
        "#r-shared-book": "Start here A book used twice on the first stage and once on the "
        "second: see “Reading” above",
        "#r-tie-video": "A video in a topic and a project: see “Reading” above",
    }
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), ids
    assert page.find(id="r-shared-book")["data-lp-resource"] == "shared-book"
    assert page.find("h3", string="R shared book")["id"] != "r-shared-book"


def test_each_shipped_stage_page_shows_each_resource_once(shipped_site: BuildResult) -> None:
    site = Site(shipped_site)
    roadmap_dir = REPO / "roadmap"
    stages = yaml.safe_load((roadmap_dir / "roadmap.yml").read_text(encoding="utf-8"))["stages"]
    referrals = 0
    for stage_id in stages:
        stage = yaml.safe_load((roadmap_dir / "stages" / f"{stage_id}.yml").read_text("utf-8"))
        listed = [
            resource
            for group in stage.get("topics", []) + stage.get("projects", [])
            for resource in group.get("resources", [])
        ]
        page = site.body(f"stages/{stage_id}.md")
        cards = [card["data-lp-resource"] for card in page.select("[data-lp-resource]")]
        assert sorted(cards) == sorted(set(listed)), stage_id
        agains = page.select("p.lp-again a[href]")
        assert len(agains) == len(listed) - len(set(listed)), stage_id
        for link in agains:
            target = page.select_one(link["href"])
            assert target is not None and target.name == "article", (stage_id, link["href"])
        referrals += len(agains)
    assert referrals > 0, "the shipped roadmap repeats resources within stages"


# 4. /stages/ answers with the path


def test_the_path_page_lists_every_stage_in_order(engine_site: Site) -> None:
    site = engine_site
    page = site.body("stages/index.md")
    assert page.h1.get_text() == "The path"
    assert page.select_one("[data-lp-site]") is not None
    assert page.select_one("p.lp-summary").get_text().startswith("3 stages")
    cards = page.select("ol.lp-path a.lp-card[href]")
    assert [site.target("stages/index.md", a["href"]) for a in cards] == [
        site.file(f"stages/{stage}.md") for stage in GOOD_STAGES
    ]
    assert [a.select_one(".lp-card__title").get_text() for a in cards] == [
        "The basics", "Practice", "Sharing"
    ]  # fmt: skip
    assert site.page("stages/index.md").title.get_text().startswith("The path")


def test_the_path_page_opens_the_path_section_of_the_nav(engine_site: Site) -> None:
    site = engine_site
    expected = [site.file(f"stages/{stage}.md") for stage in ["index", *GOOD_STAGES]]
    for source in ("index.md", "stages/practice.md", "resources/index.md"):
        assert nav_targets(site, source, "stages/") == expected, source
    links = site.page("index.md").select("nav.md-nav--primary a[href]")
    titles = {site.target("index.md", a["href"]): a.get_text(" ", strip=True) for a in links}
    assert titles[site.file("stages/index.md")] == "The path"
    assert [titles[site.file(f"stages/{s}.md")] for s in GOOD_STAGES] == list(
        GOOD_STAGE_TITLES.values()
    )
    [tab] = [a for a in site.page("index.md").select(".md-tabs__link") if "path" in a.get_text()]
    assert site.target("index.md", tab["href"]) == site.file("stages/index.md")


def test_search_keeps_the_path_page_but_not_its_copy_of_the_stage_cards(
    engine_site: Site,
) -> None:
    """Its cards are the overview's: searching a stage's summary should not find them twice."""
    index = engine_site.root / "search.json"  # Zensical's
    if not index.exists():
        index = engine_site.root / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    entries = data.get("docs") or data.get("items")
    summary = "Learn the basics first."
    found = sorted(entry["location"] for entry in entries if summary in entry["text"])
    assert "stages/" not in found and len(found) == 2, found  # the overview, the stage
    [path] = [entry for entry in entries if entry["location"] == "stages/"]
    assert "The path" in path["title"]
