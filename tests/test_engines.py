"""The same roadmap builds the same site on MkDocs, ProperDocs and Zensical.

Each engine builds the shipped roadmap and docs; every page MkDocs generates must exist on the
others with the same main text and the same table of contents, search must know every
resource, links must resolve, and a strict build must fail on learnpath's warnings.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.validate import load_roadmap
from sitebuild import ENGINES, FIXTURES, REPO, BuildResult, build, make_project, overlay

OTHER_ENGINES = [engine for engine in ENGINES if engine != "mkdocs"]


def shipped_project(where: Path) -> Path:
    docs = {
        path.relative_to(REPO / "docs").as_posix(): path.read_text(encoding="utf-8")
        for path in (REPO / "docs").rglob("*.md")
    }
    return make_project(where, REPO / "roadmap", docs=docs)


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap(REPO / "roadmap")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildResult]:
    """The shipped roadmap built by every engine, from one copy of the project."""
    project = shipped_project(tmp_path_factory.mktemp("engines") / "project")
    results = {}
    for engine in ENGINES:
        result = build(project, "--strict", site=project.parent / f"site-{engine}", engine=engine)
        assert result.returncode == 0, f"{engine}:\n{result.output}"
        results[engine] = result
    return results


def pages(site: BuildResult) -> list[str]:
    return sorted(
        path.relative_to(site.site).as_posix()
        for path in site.site.rglob("*.html")
        if path.name != "404.html"
    )


def article(site: BuildResult, page: str) -> BeautifulSoup:
    soup = BeautifulSoup((site.site / page).read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.md-content__inner")
    assert body is not None, page
    for permalink in body.select("a.headerlink"):  # the ¶ each engine adds its own way
        permalink.decompose()
    return body


def words(element: BeautifulSoup) -> str:
    return " ".join(element.get_text(" ").split())


def toc(site: BuildResult, page: str) -> list[tuple[str, str]]:
    soup = BeautifulSoup((site.site / page).read_text(encoding="utf-8"), "html.parser")
    return [
        (link["href"], words(link))
        for link in soup.select("nav.md-nav--secondary a.md-nav__link[href]")
    ]


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_every_engine_builds_the_same_pages(sites: dict[str, BuildResult], engine: str) -> None:
    assert pages(sites[engine]) == pages(sites["mkdocs"])


@pytest.mark.parametrize("engine", OTHER_ENGINES)
def test_each_page_has_the_same_main_text_and_table_of_contents(
    sites: dict[str, BuildResult], engine: str
) -> None:
    for page in pages(sites["mkdocs"]):
        if not (page.startswith(("stages/", "resources/")) or page == "index.html"):
            continue  # hand-written pages are the engines' own Markdown
        assert words(article(sites[engine], page)) == words(article(sites["mkdocs"], page)), page
        assert toc(sites[engine], page) == toc(sites["mkdocs"], page), page


@pytest.mark.parametrize("engine", ENGINES)
def test_search_knows_every_resource(
    sites: dict[str, BuildResult], engine: str, roadmap: Roadmap
) -> None:
    site = sites[engine].site
    index = site / ("search.json" if engine == "zensical" else "search/search_index.json")
    data = json.loads(index.read_text(encoding="utf-8"))
    entries = data.get("docs") or data.get("items")
    titles = {BeautifulSoup(entry["title"], "html.parser").get_text() for entry in entries}
    missing = [r.title for r in roadmap.resources.values() if r.title not in titles]
    assert missing == []


@pytest.mark.parametrize("engine", ENGINES)
def test_each_resource_is_one_search_result_on_its_list_page(
    sites: dict[str, BuildResult], engine: str, roadmap: Roadmap
) -> None:
    """Not three (library, list page, stage pages): the library's and stage pages' cards are
    kept out of the index, and the stage pages stay findable by their topics."""
    site = sites[engine].site
    index = site / ("search.json" if engine == "zensical" else "search/search_index.json")
    data = json.loads(index.read_text(encoding="utf-8"))
    entries = data.get("docs") or data.get("items")
    locations: dict[str, list[str]] = {}
    for entry in entries:
        title = BeautifulSoup(entry["title"], "html.parser").get_text()
        locations.setdefault(title, []).append(entry["location"])
    for resource in roadmap.resources.values():
        list_id = roadmap.list_of_resource[resource.id]
        assert locations[resource.title] == [f"resources/{list_id}/#{resource.id}"], resource.id
    anchors = {place for places in locations.values() for place in places}
    assert not {f"resources/#{resource_id}" for resource_id in roadmap.resources} & anchors
    topic = roadmap.stages[0].topics[0]
    assert any(
        place.startswith(f"stages/{roadmap.stages[0].id}/#") for place in locations[topic.title]
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_every_link_between_pages_resolves(sites: dict[str, BuildResult], engine: str) -> None:
    site = sites[engine]
    broken = []
    for page in pages(site):
        for link in article(site, page).select("a[href]"):
            href = urlsplit(link["href"])
            if href.scheme or href.netloc or not href.path:
                continue
            target = (site.site / page).parent / href.path
            if href.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.resolve().is_file():
                broken.append((page, link["href"]))
    assert broken == []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_script_and_styles_are_on_every_generated_page(
    sites: dict[str, BuildResult], engine: str
) -> None:
    site = sites[engine]
    for page in ("index.html", "stages/start-here/index.html", "resources/index.html"):
        html = (site.site / page).read_text(encoding="utf-8")
        assert re.search(r'src="[./]*assets/learnpath/learnpath\.js"', html), page
        assert re.search(r'href="[./]*assets/learnpath/learnpath\.css"', html), page
    assert (site.site / "assets" / "learnpath" / "learnpath.js").is_file()
    assert json.loads((site.site / "roadmap.json").read_text(encoding="utf-8"))["stages"]


@pytest.mark.parametrize("engine", ENGINES)
def test_strict_builds_fail_on_learnpaths_warnings_and_publish_nothing(
    tmp_path: Path, engine: str
) -> None:
    roadmap = overlay(
        FIXTURES / "good", FIXTURES / "warnings" / "prerequisite-later", tmp_path / "roadmap"
    )
    project = make_project(tmp_path / "project", roadmap)
    result = build(project, "--strict", engine=engine)
    assert result.returncode != 0, result.output
    assert "stage 'practice' needs 'basics', which comes later" in result.output
    assert "Traceback" not in result.output
    assert not (project / "site" / "index.html").exists()
    relaxed = build(project, engine=engine)
    assert relaxed.returncode == 0, relaxed.output
    assert (project / "site" / "index.html").exists()


def test_no_engine_writes_into_the_authors_docs(sites: dict[str, BuildResult]) -> None:
    project = next(iter(sites.values())).site.parent / "project"
    written = sorted(path.relative_to(project / "docs") for path in (project / "docs").rglob("*"))
    assert written == sorted(
        path.relative_to(REPO / "docs") for path in (REPO / "docs").rglob("*.md")
    )


def test_learnpath_build_leaves_out_materials_end_of_life_banner(tmp_path: Path) -> None:
    """docs/engines.md tells the timeline once; builds through learnpath stay quiet about it."""
    project = make_project(tmp_path / "project", FIXTURES / "good")
    environment = {key: value for key, value in os.environ.items() if key != "NO_MKDOCS_2_WARNING"}
    done = subprocess.run(
        [sys.executable, "-m", "learnpath.cli", "build", "-f", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=project,
        env=environment,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "learnpath: roadmap/ is valid" in done.stdout + done.stderr
    assert "end of life" not in done.stdout + done.stderr


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_serve_rebuilds_when_the_yaml_changes(tmp_path: Path, engine: str) -> None:
    """`learnpath serve` on a local port: editing a stage's title shows on its page."""
    project = make_project(tmp_path / "project", FIXTURES / "good")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "learnpath.cli", "serve", "--engine", engine, "-a", address],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert "The basics" in page_text(f"http://{address}/stages/basics/", "The basics")
        stage = project / "roadmap" / "stages" / "basics.yml"
        stage.write_text(
            stage.read_text(encoding="utf-8").replace("title: The basics", "title: First steps"),
            encoding="utf-8",
        )
        assert "First steps" in page_text(f"http://{address}/stages/basics/", "First steps")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def page_text(url: str, expected: str, seconds: float = 60) -> str:
    """The page at `url` once it contains `expected`, waiting for the server to (re)build."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as answer:
                text = answer.read().decode("utf-8")
            if expected in text:
                return text
        except OSError:
            pass  # not listening yet, or rebuilding
        time.sleep(0.3)
    return text


def test_the_zensical_route_loads_and_converts_the_roadmap_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zensical runs in learnpath's own process and renders from the roadmap and Markdown
    fields staging already has: its Markdown extension never loads the roadmap again."""
    from learnpath.engines import marker, zensical
    from learnpath.engines.project import Project

    project = make_project(tmp_path / "project", FIXTURES / "good")

    def second_load(*args: object, **kwargs: object) -> Roadmap:
        raise AssertionError("the roadmap was loaded a second time")

    monkeypatch.setattr(marker, "load_roadmap", second_load)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    assert zensical.build(Project.read(project / "mkdocs.yml"), site) == 0
    assert (site / "stages" / "basics" / "index.html").is_file()
    assert not marker._SHARED  # let go once the build is over
