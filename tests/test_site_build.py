"""The real site, built by MkDocs from the fixture roadmap: pages, links, badges, search, safety."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from learnpath.roadmap.validate import load_roadmap
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import roadmap_pages
from learnpath.site.render import PageRenderer
from sitebuild import FIXTURES, REPO, BuildResult, build, make_project

GENERATED = [
    "",
    "stages/basics/",
    "stages/practice/",
    "stages/sharing/",
    "resources/",
    "resources/programming/",
    "resources/data/",
]


def content(site: BuildResult, url: str) -> BeautifulSoup:
    article = site.page(url).select_one("article.md-content__inner")
    assert article is not None, url
    return article


def content_of(html: Path) -> BeautifulSoup:
    """The page body of a built HTML file (empty for pages without one)."""
    soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article.md-content__inner") or BeautifulSoup("", "html.parser")


def test_every_generated_page_exists_with_its_title(good_site: BuildResult) -> None:
    for url in GENERATED:
        assert content(good_site, url).h1 is not None, url
    assert content(good_site, "stages/basics/").h1.get_text() == "The basics"
    assert content(good_site, "").h1.get_text() == "Test <Roadmap> & Friends"


def test_hand_written_pages_are_kept_and_in_the_nav(good_site: BuildResult) -> None:
    about = good_site.page("about/")
    assert "A hand-written page." in about.get_text()
    nav_links = [a["href"] for a in good_site.page("").select("nav.md-nav--primary a[href]")]
    assert any(href.rstrip("/").endswith("about") for href in nav_links)


def test_nav_follows_the_roadmap_order(good_site: BuildResult) -> None:
    page = good_site.page("")
    titles = [
        a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")
    ]
    stage_titles = [t for t in titles if t[:2] in ("1.", "2.", "3.")]
    assert stage_titles[:3] == ["1. The basics", "2. Practice", "3. Sharing"]


def test_all_internal_links_resolve(good_site: BuildResult) -> None:
    for url in GENERATED:
        for anchor in content(good_site, url).select("a[href]"):
            href = anchor["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith("#"):
                continue
            target = posixpath.normpath(posixpath.join(url or ".", parts.path))
            path = good_site.site / target
            assert (path / "index.html").exists() or path.is_file(), f"{url}: {href}"


def test_stage_page_shows_summary_outcomes_topics_projects_and_neighbours(
    good_site: BuildResult,
) -> None:
    page = content(good_site, "stages/practice/")
    assert page.select_one(".lp-summary").get_text() == "Practise on real data."
    assert [li.get_text() for li in page.select(".lp-outcomes li")] == ["You can clean a dataset."]
    prerequisite = page.select_one(".lp-prerequisites a")
    assert prerequisite.get_text() == "The basics" and prerequisite["href"] == "../basics/"
    assert [h.get_text() for h in page.select(".lp-topic h3")] == ["Data"]
    assert page.select_one(".lp-deliverable").get_text() == "Deliverable: A notebook on GitHub."
    assert page.select_one("a[rel=prev]")["href"] == "../basics/"
    assert page.select_one("a[rel=next]")["href"] == "../sharing/"
    toc = [
        a.get_text(strip=True)
        for a in good_site.page("stages/practice/").select("nav.md-nav--secondary a")
    ]
    assert toc[:3] == ["What you will be able to do", "Topics", "Data"]


def test_resource_card_links_out_with_badges(good_site: BuildResult) -> None:
    card = content(good_site, "resources/").select_one('[data-lp-resource="think-python"]')
    link = card.select_one(".lp-title a")
    assert link["href"] == "https://allendowney.github.io/ThinkPython/"
    assert "noopener" in link["rel"]
    badges = [badge.get_text() for badge in card.select(".lp-meta > span")]
    assert badges == ["book", "free", "beginner", "30 h"]
    assert "by Allen B. Downey, 2024" in card.get_text()
    assert card.find("p", class_=False).em.get_text() == "free"  # the description
    assert card.select_one(".lp-tags").get_text() == "#python #book"
    paid = content(good_site, "resources/data/").select_one('[data-lp-resource="paid-book"]')
    assert "paid" in [badge.get_text() for badge in paid.select(".lp-meta > span")]


def test_overview_shows_the_path_with_hours_levels_and_counts(good_site: BuildResult) -> None:
    page = content(good_site, "")
    cards = page.select(".lp-path__stage")
    assert [card["data-lp-stage"] for card in cards] == ["basics", "practice", "sharing"]
    assert "10 h" in cards[0].get_text() and "beginner" in cards[0].get_text()
    assert "3 resources" in cards[0].get_text()
    assert "30.5 h" in page.select_one(".lp-stats").get_text()
    nodes = page.select("svg.lp-diagram a.lp-node")
    assert [node["data-lp-stage"] for node in nodes] == ["basics", "practice", "sharing"]
    edges = {(p["data-from"], p["data-to"]) for p in page.select("svg.lp-diagram path[data-from]")}
    assert edges == {("basics", "practice"), ("basics", "sharing"), ("practice", "sharing")}


def test_library_lists_every_resource_once(good_site: BuildResult) -> None:
    ids = [
        card["data-lp-resource"] for card in content(good_site, "resources/").select(".lp-resource")
    ]
    assert sorted(ids) == sorted(
        ["python-tutorial", "think-python", "evil-resource", "pandas-docs", "kaggle-learn",
         "paid-book", "unused-video"]
    )  # fmt: skip


def test_search_index_finds_each_resource_on_the_page_that_lists_it(
    good_site: BuildResult,
) -> None:
    index = json.loads((good_site.site / "search" / "search_index.json").read_text())
    by_title: dict[str, set[str]] = {}
    for doc in index["docs"]:
        by_title.setdefault(doc["title"], set()).add(doc["location"])
    # Once, where its list page shows it: not again in the library or on stage pages.
    assert by_title["Think Python"] == {"resources/programming/#think-python"}
    assert "resources/data/#pandas-docs" in by_title["pandas user guide"]
    stage = [d for d in index["docs"] if d["location"].startswith("stages/basics/")]
    assert "Loops &amp; lists" in {d["title"] for d in stage}  # found by its topics
    assert "Allen B. Downey" not in " ".join(d["text"] for d in stage)  # not by its cards


def test_nothing_from_yaml_can_inject_script(good_site: BuildResult) -> None:
    for url in GENERATED:
        page = good_site.page(url)
        for script in page.find_all("script"):
            assert "alert" not in script.get_text(), url
        for tag in page.find_all(True):
            for attribute, value in tag.attrs.items():
                assert not attribute.startswith("on"), f"{url}: {tag.name} {attribute}"
                text = " ".join(value) if isinstance(value, list) else str(value)
                assert not text.strip().lower().startswith(("javascript:", "data:")), url
        assert page.find("iframe") is None and page.find("img", src="x") is None
    evil = content(good_site, "resources/").select_one('[data-lp-resource="evil-resource"]')
    assert 'Evil <script>alert("title")</script> resource' in evil.get_text()
    assert "<img src=x onerror=alert(1)>" in evil.select_one(".lp-meta").get_text()
    claimed = evil.find("p", string=re.compile("claims the page"))
    assert claimed.get("id") is None, "ids in fields could take the place of the page's own"
    assert claimed.get("class") == ["note"], "learnpath's and Material's classes are reserved"
    overview = content(good_site, "")
    assert overview.select_one(".lp-description strong").get_text() == "Bold"
    assert overview.select_one('.lp-description a[href="https://example.org/safe"]') is not None


def test_roadmap_json_and_schemas_are_published(good_site: BuildResult) -> None:
    data = json.loads((good_site.site / "roadmap.json").read_text())
    assert [stage["id"] for stage in data["stages"]] == ["basics", "practice", "sharing"]
    assert {"id", "title", "url", "type"} <= set(data["lists"][0]["resources"][0])
    for name in ("roadmap", "stage", "resource-list", "progress", "tags"):
        schema = json.loads((good_site.site / "schemas" / f"{name}.schema.json").read_text())
        assert schema["additionalProperties"] is False


def test_shipped_site_builds_strict_with_every_stage(shipped_site: BuildResult) -> None:
    roadmap = load_roadmap(REPO / "roadmap")
    # Each stage is a folder of stages/, beside the path page's stages/index.html.
    stages = sorted(path.name for path in (shipped_site.site / "stages").iterdir() if path.is_dir())
    assert stages == sorted(stage.id for stage in roadmap.stages)
    assert "transformers-and-llms" in stages
    overview = content(shipped_site, "")
    assert len(overview.select(".lp-path__stage")) == len(roadmap.stages)
    assert "WARNING" not in shipped_site.output
    # overview, the path, stages, library, lists, What's new, My notes
    pages = 2 + len(roadmap.stages) + 1 + len(roadmap.lists) + 2
    assert (
        f"learnpath: roadmap/ is valid: {len(roadmap.stages)} stages, "
        f"{len(roadmap.resources)} resources in {len(roadmap.lists)} lists; "
        f"generating {pages} pages" in shipped_site.output
    )


def test_no_page_repeats_an_id(good_site: BuildResult, shipped_site: BuildResult) -> None:
    for result in (good_site, shipped_site):
        for html in result.site.rglob("*.html"):
            ids = [tag["id"] for tag in content_of(html).find_all(id=True)]
            assert len(ids) == len(set(ids)), (
                f"{html}: {sorted(i for i in ids if ids.count(i) > 1)}"
            )


def test_a_stage_called_topics_keeps_its_ids_apart(tmp_path: Path) -> None:
    """The stage page's own headings (outcomes, topics, projects) may share a name with it."""
    roadmap_dir = shutil.copytree(FIXTURES / "good", tmp_path / "roadmap")
    (roadmap_dir / "stages" / "basics.yml").rename(roadmap_dir / "stages" / "topics.yml")
    for path in roadmap_dir.rglob("*.yml"):
        path.write_text(re.sub(r"\bbasics\b(?=[\],\n])", "topics", path.read_text()))
    roadmap = load_roadmap(roadmap_dir)
    page = next(p for p in roadmap_pages(roadmap) if p.key == "topics")
    html = PageRenderer(roadmap, MarkdownFields()).render(page).html
    ids = [tag["id"] for tag in BeautifulSoup(html, "html.parser").find_all(id=True)]
    assert "topics" in ids and len(ids) == len(set(ids)), ids


def test_own_script_and_styles_stay_small_and_load_nothing_from_elsewhere(
    shipped_site: BuildResult,
) -> None:
    """No framework and no CDN: what the pages add to Material is a few KB, served by the site."""
    budgets = {  # bytes, gzipped as served
        "learnpath.js": 9_000,
        "notes.js": 4_000,
        "planner.js": 6_000,
        "share.js": 3_500,
        "prompts.js": 2_000,
        "filters.js": 5_000,
        "learnpath.css": 6_500,
        "theme.js": 2_000,
        "theme.css": 2_000,
    }
    for name, budget in budgets.items():
        data = (shipped_site.site / "assets" / "learnpath" / name).read_bytes()
        assert len(gzip.compress(data, 9)) <= budget, name
        assert not re.search(rb"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", data), name


def test_a_link_with_credentials_in_a_field_loses_its_address() -> None:
    """Validation refuses such a field (fixtures/broken/credentials-in-markdown); should one
    reach the renderer anyway, its link keeps no address, as a javascript: link keeps none."""
    fields = MarkdownFields(["admonition", "attr_list"])
    for text in ("[dashboard](https://ada:s3cret@example.org/)", "see <https://ada@example.org/>"):
        html = str(fields.block(text))
        assert "href" not in html, html
    assert 'href="https://example.org/"' in str(fields.block("[ok](https://example.org/)"))


def test_stage_pages_show_one_previous_next_navigation(good_site: BuildResult) -> None:
    """learnpath's own stage-to-stage links, not the theme's footer links as well."""
    stage = good_site.page("stages/practice/")
    assert stage.select_one(".lp-stage-nav__previous") is not None
    footer = stage.select_one("nav.md-footer__inner")
    assert footer is None or footer.has_attr("hidden")
    about = good_site.page("about/")  # hand-written pages keep the theme's footer
    assert about.select_one("nav.md-footer__inner:not([hidden])") is not None


def test_a_build_without_site_url_says_instant_navigation_is_off(
    good_site: BuildResult, tmp_path: Path
) -> None:
    assert "site_url is not set in mkdocs.yml" in good_site.output  # built without one
    assert "set site_url to the address" in good_site.output
    project = make_project(tmp_path / "project", FIXTURES / "good", site_url="https://ex.org/")
    published = build(project)
    assert published.returncode == 0, published.output
    assert "site_url is not set" not in published.output
