"""What's new, the Atom feed and My notes: a curator dates a resource, and readers see it on
the What's new page and in their feed reader, on every engine.

The fixture roadmap dates four resources (tests/fixtures/good): two on one day in two lists,
one a month before, one the year before, and one with a hostile title. Expectations are
written out here, not computed by the model, so an ordering mistake cannot agree with itself.
"""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from jsonschema import Draft202012Validator, FormatChecker

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.schema import RESERVED_IDS
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import json_schemas
from learnpath.site.feed import NO_DATE, atom_feed
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import LIST, STAGE, WHATS_NEW, roadmap_pages
from learnpath.site.render import PageRenderer
from sitebuild import FIXTURES, REPO, BuildResult, build, make_project
from test_reader_site import Site

SITE_URL = "https://example.org/learn/"
"""Where conftest.py's `published_site` says the site is published."""
ATOM = "{http://www.w3.org/2005/Atom}"
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
EVIL_TITLE = 'Evil <script>alert("title")</script> resource'
# Newest first; a day's resources in the library's order (the programming list comes first on
# the path), as (date, title, list, stages that use it).
NEWEST = [
    ("2026-02-03", EVIL_TITLE, "programming", ["basics"]),
    ("2026-02-03", "A video nobody links to", "data", []),
    ("2026-01-15", "Think Python", "programming", ["basics"]),
    ("2025-12-30", "pandas user guide", "data", ["practice"]),
]
IDS = {
    EVIL_TITLE: "evil-resource",
    "A video nobody links to": "unused-video",
    "Think Python": "think-python",
    "pandas user guide": "pandas-docs",
}


@pytest.fixture
def dated_site(published_site: BuildResult) -> Site:
    """The fixture roadmap on each engine, published at `SITE_URL` (conftest.py)."""
    config = yaml.safe_load((published_site.site.parent / "mkdocs.yml").read_text("utf-8"))
    assert config["site_url"] == SITE_URL
    return Site(published_site)


def atom_problems(xml: bytes) -> list[str]:
    """What RFC 4287 requires of a feed and its entries that this one lacks."""
    feed = ElementTree.fromstring(xml)
    problems: list[str] = []
    if feed.tag != f"{ATOM}feed":
        return [f"the root is {feed.tag}, not an Atom feed"]

    def one(parent: ElementTree.Element, tag: str, where: str) -> None:
        found = parent.findall(f"{ATOM}{tag}")
        if len(found) != 1:
            problems.append(f"{where}: {len(found)} atom:{tag}, expected exactly one")
        elif tag == "updated" and not RFC_3339.match(found[0].text or ""):
            problems.append(f"{where}: updated {found[0].text!r} is not an RFC 3339 date-time")
        elif tag == "id" and ":" not in (found[0].text or ""):
            problems.append(f"{where}: id {found[0].text!r} is not an IRI")

    for tag in ("id", "title", "updated"):
        one(feed, tag, "feed")
    if not any(link.get("rel") == "self" for link in feed.findall(f"{ATOM}link")):
        problems.append("feed: no atom:link rel=self")
    entries = feed.findall(f"{ATOM}entry")
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = []
    for index, entry in enumerate(entries):
        where = f"entry {index}"
        for tag in ("id", "title", "updated"):
            one(entry, tag, where)
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no author, and the feed has none")
        alternates = [
            link for link in entry.findall(f"{ATOM}link") if link.get("rel") in (None, "alternate")
        ]
        if len(alternates) != 1 or not alternates[0].get("href"):
            problems.append(f"{where}: {len(alternates)} alternate links, expected one with href")
        if entry.find(f"{ATOM}content") is None and entry.find(f"{ATOM}summary") is None:
            problems.append(f"{where}: neither content nor summary")
        ids.append(entry.findtext(f"{ATOM}id"))
    if len(set(ids)) != len(ids):
        problems.append(f"entry ids repeat: {ids}")
    return problems


def built_file(site: Site, file: str) -> BeautifulSoup:
    """A built HTML file by its path in the site (`resources/data/index.html`)."""
    return BeautifulSoup((site.root / file).read_text(encoding="utf-8"), "html.parser")


def links(entry: ElementTree.Element, rel: str) -> list[ElementTree.Element]:
    return [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == rel]


# 1. What's new


def test_whats_new_lists_dated_resources_newest_first_by_month(dated_site: Site) -> None:
    site = dated_site
    page = site.body("whats-new.md")
    assert page.h1.get_text() == "What's new"
    assert page.select_one("[data-lp-site]") is not None
    assert [h2.get_text() for h2 in page.select("h2")] == [
        "February 2026", "January 2026", "December 2025"
    ]  # fmt: skip
    items = page.select("ul.lp-new > li")
    shown = []
    for item in items:
        time, resource, resource_list, *stages = item.select("time, a")
        assert time.name == "time"
        shown.append((
            time["datetime"],
            resource.get_text(),
            site.target("whats-new.md", resource_list["href"]),
            [site.target("whats-new.md", stage["href"]) for stage in stages],
        ))  # fmt: skip
    assert shown == [
        (
            day,
            title,
            f"{site.file(f'resources/{list_id}.md')}#{IDS[title]}",
            [site.file(f"stages/{stage}.md") for stage in stages],
        )
        for day, title, list_id, stages in NEWEST
    ]
    assert items[2].time.get_text() == "15 January 2026"


def test_whats_new_links_each_resource_and_its_card_on_the_list_page(dated_site: Site) -> None:
    site = dated_site
    page = site.body("whats-new.md")
    assert page.select_one("#lp-new-tab").get_text() == "opens in a new tab"
    for item in page.select("ul.lp-new > li"):
        resource, resource_list = item.select("a")[:2]
        assert resource["target"] == "_blank" and "noopener" in resource["rel"]
        assert resource["aria-describedby"] == "lp-new-tab"
        assert resource["href"].startswith("https://")
        target, _, anchor = site.target("whats-new.md", resource_list["href"]).partition("#")
        card = built_file(site, target).find(id=anchor)
        assert card is not None and card.get_text() == resource.get_text(), anchor


def test_whats_new_and_my_notes_follow_the_resources_in_the_nav(dated_site: Site) -> None:
    site = dated_site
    found: list[str] = []
    for link in site.page("index.md").select("nav.md-nav--primary a[href]"):
        target = site.target("index.md", link["href"]).partition("#")[0]
        if target and target not in found:
            found.append(target)
    last_list = site.file("resources/data.md")
    after = found[found.index(last_list) + 1 :]
    assert after[:2] == [site.file("whats-new.md"), site.file("notes.md")], found


def test_my_notes_is_a_shell_for_the_script_without_a_table_of_contents(dated_site: Site) -> None:
    site = dated_site
    page = site.body("notes.md")
    assert page.h1.get_text() == "My notes"
    assert page.select_one("[data-lp-site]") is not None
    assert page.select_one("#lp-new-tab") is not None
    assert page.select_one("p").get_text().startswith("Notes you write on resources and stages")
    view = page.select_one("div.lp-notes-view[data-lp-notes-view]")
    assert view is not None and view.get_text() == ""
    assert "JavaScript" in page.select_one("noscript").get_text()
    [toc] = site.page("notes.md").select(".md-sidebar--secondary")
    assert toc.has_attr("hidden"), "notes.js writes its headings: no empty contents beside them"
    assert not site.page("whats-new.md").select_one(".md-sidebar--secondary").has_attr("hidden")


def test_whats_new_without_dates_says_so() -> None:
    roadmap = load_roadmap(FIXTURES / "reader")
    assert roadmap.newest_resources() == ()
    page = next(p for p in roadmap_pages(roadmap) if p.kind == WHATS_NEW)
    body = BeautifulSoup(PageRenderer(roadmap, MarkdownFields()).render(page).html, "html.parser")
    assert body.select_one("p.lp-summary").get_text().startswith("No resource has a date yet")
    assert body.select("time, ul, h2") == []


def test_no_stage_or_list_id_can_take_the_place_of_a_page_every_site_has() -> None:
    """A stage's page is stages/<id>.md and a list's resources/<id>.md: every other page in
    those folders must have its name reserved, and the rest must sit outside them."""
    for roadmap in (load_roadmap(REPO / "roadmap"), load_roadmap(FIXTURES / "good")):
        for page in roadmap_pages(roadmap):
            if page.kind in (STAGE, LIST):
                continue
            folder, _, name = page.path.rpartition("/")
            if folder in RESERVED_IDS:
                assert name.removesuffix(".md") in RESERVED_IDS[folder], page.path
            else:
                assert folder == "", page.path  # not in a folder an id could reach


# 2. The feed


def test_the_feed_is_valid_atom_with_one_entry_per_dated_resource(dated_site: Site) -> None:
    xml = (dated_site.root / "feed.xml").read_bytes()
    assert atom_problems(xml) == []
    feed = ElementTree.fromstring(xml)
    assert feed.findtext(f"{ATOM}updated") == "2026-02-03T00:00:00Z"  # the newest `added`
    [self_link] = links(feed, "self")
    assert self_link.get("href") == SITE_URL + "feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [(e.findtext(f"{ATOM}updated")[:10], e.findtext(f"{ATOM}title")) for e in entries] == [
        (day, title) for day, title, _, _ in NEWEST
    ]
    parsed = feedparser.parse(xml)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert [entry.title for entry in parsed.entries] == [title for _, title, _, _ in NEWEST]
    assert parsed.entries[0].link == "https://example.org/evil?q=<script>"


def test_feed_entries_link_the_resource_and_its_card_inside_the_site(dated_site: Site) -> None:
    site = dated_site
    entries = ElementTree.fromstring((site.root / "feed.xml").read_bytes()).findall(f"{ATOM}entry")
    for entry, (_, title, list_id, stages) in zip(entries, NEWEST, strict=True):
        [resource] = links(entry, "alternate")
        assert resource.get("href").startswith("https://")
        related = [link.get("href") for link in links(entry, "related")]
        assert all(href.startswith(SITE_URL) for href in related), related
        paths = [href.removeprefix(SITE_URL) for href in related]
        listed, _, anchor = paths[0].partition("#")
        assert anchor == IDS[title]
        page = site.target("index.md", listed or "./")
        assert page == site.file(f"resources/{list_id}.md")
        assert built_file(site, page).find(id=anchor) is not None
        assert [site.target("index.md", path) for path in paths[1:]] == [
            site.file(f"stages/{stage}.md") for stage in stages
        ]


def test_every_page_names_the_feed_in_its_head(dated_site: Site) -> None:
    pages = sorted(dated_site.root.rglob("*.html"))
    assert len(pages) >= 12  # generated, hand-written and 404
    for html in pages:
        head = html.read_text(encoding="utf-8").partition("</head>")[0]
        found = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*>', head)
        assert len(found) == 1, html
        assert f'href="{SITE_URL}feed.xml"' in found[0], found[0]
        assert 'title="Test &lt;Roadmap&gt; &amp; Friends: new resources"' in found[0]


def test_without_site_url_links_are_relative_and_the_build_says_so(
    good_site: BuildResult, tmp_path: Path
) -> None:
    """The session's MkDocs site is built without site_url; Zensical is built here."""
    project = make_project(tmp_path / "project", FIXTURES / "good")
    zensical = build(project, engine="zensical")
    assert zensical.returncode == 0, zensical.output
    for result in (good_site, zensical):
        assert "the feed's links are relative" in result.output
        assert result.output.count("site_url is not set") == 1
        site = Site(result)
        xml = (site.root / "feed.xml").read_bytes()
        assert atom_problems(xml) == []
        feed = ElementTree.fromstring(xml)
        assert links(feed, "self")[0].get("href") == "feed.xml"
        for entry in feed.findall(f"{ATOM}entry"):
            listed, _, anchor = links(entry, "related")[0].get("href").partition("#")
            page = site.target("index.md", listed)
            assert page.startswith("resources/") and anchor, listed
        for html in ["index.html", "stages/basics/index.html", "whats-new/index.html"]:
            head = (site.root / html).read_text(encoding="utf-8").partition("</head>")[0]
            href = re.search(r'type="application/atom\+xml"[^>]*href="([^"]+)"', head)[1]
            assert posixpath.normpath(posixpath.join(posixpath.dirname(html), href)) == "feed.xml"
        page_link = site.body("whats-new.md").select_one('a[type="application/atom+xml"]')
        assert site.target("whats-new.md", page_link["href"]) == "feed.xml"


def test_the_feed_is_empty_not_broken_when_no_resource_is_dated() -> None:
    roadmap = load_roadmap(FIXTURES / "reader")
    xml = atom_feed(roadmap, MarkdownFields(), SITE_URL)
    assert atom_problems(xml) == []
    feed = ElementTree.fromstring(xml)
    assert feed.findall(f"{ATOM}entry") == []
    assert feed.findtext(f"{ATOM}updated") == f"{NO_DATE.isoformat()}T00:00:00Z"
    parsed = feedparser.parse(xml)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.title


def test_the_feed_is_the_same_for_the_same_roadmap(tmp_path: Path) -> None:
    """Builds are reproducible: nothing in the feed comes from the clock or the machine."""
    roadmap = load_roadmap(REPO / "roadmap")
    first = atom_feed(roadmap, MarkdownFields(), SITE_URL)
    again = atom_feed(load_roadmap(REPO / "roadmap"), MarkdownFields(), SITE_URL)
    assert first == again
    assert atom_problems(first) == []
    dated = [r for r in roadmap.resources.values() if r.added]
    assert len(ElementTree.fromstring(first).findall(f"{ATOM}entry")) == len(dated) > 200
    newest = max(r.added for r in dated)
    assert ElementTree.fromstring(first).findtext(f"{ATOM}updated") == f"{newest}T00:00:00Z"


def test_hostile_text_stays_text_in_the_feed(dated_site: Site) -> None:
    parsed = feedparser.parse((dated_site.root / "feed.xml").read_bytes())
    [evil] = [entry for entry in parsed.entries if entry.title == EVIL_TITLE]
    assert evil.title_detail.type == "text/plain"
    assert evil.summary_detail.type == "text/plain"
    assert "<img" in evil.summary  # the author, as the text it is
    assert '<script>alert("resource")' not in evil.summary  # the description's words only


# 3. roadmap.json and the schema know `added` and `prompt`


def test_roadmap_json_has_added_dates_and_prompts(dated_site: Site) -> None:
    data = json.loads((dated_site.root / "roadmap.json").read_text(encoding="utf-8"))
    resources = {r["id"]: r for lst in data["lists"] for r in lst["resources"]}
    assert resources["think-python"]["added"] == "2026-01-15"
    assert "added" not in resources["python-tutorial"]
    stages = {stage["id"]: stage for stage in data["stages"]}
    assert stages["sharing"]["prompt"].startswith("Act as an editor")
    assert stages["basics"]["topics"][1]["prompt"].startswith("Quiz me on reading")
    assert stages["basics"]["prompt"] is None


def test_shipped_resources_all_have_the_date_they_were_added() -> None:
    roadmap: Roadmap = load_roadmap(REPO / "roadmap")
    undated = [r.id for r in roadmap.resources.values() if r.added is None]
    assert undated == []


def test_the_json_schemas_know_added_and_prompt() -> None:
    schemas = json_schemas()
    resource_list = Draft202012Validator(schemas["resource-list"], format_checker=FormatChecker())
    entry = {"id": "a", "title": "A", "url": "https://example.org/", "type": "video"}
    listed = {"title": "L", "resources": [{**entry, "added": "2026-11-29"}]}
    assert list(resource_list.iter_errors(listed)) == []
    listed["resources"][0]["added"] = "2026-02-30"
    assert [e.json_path for e in resource_list.iter_errors(listed)] == ["$.resources[0].added"]
    stage = Draft202012Validator(schemas["stage"])
    topic = {"title": "T", "prompt": "Quiz me."}
    assert list(stage.iter_errors({"title": "S", "summary": "s", "prompt": "Quiz me.",
                                   "topics": [topic]})) == []  # fmt: skip
    too_long = {"title": "S", "summary": "s", "topics": [{**topic, "prompt": "x" * 4_001}]}
    assert [e.json_path for e in stage.iter_errors(too_long)] == ["$.topics[0].prompt"]
