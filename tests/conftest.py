"""Shared fixtures: sites built once per test session from the fixture and shipped roadmaps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sitebuild import ENGINES, FIXTURES, REPO, BuildResult, build, make_project


@pytest.fixture(scope="session")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small fixture roadmap (with injection attempts) built with the repo's mkdocs.yml."""
    project = make_project(tmp_path_factory.mktemp("good"), FIXTURES / "good")
    result = build(project)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The real roadmap and docs of this repository, built in strict mode."""
    result = build(REPO, "--strict", site=tmp_path_factory.mktemp("shipped") / "site")
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session", params=ENGINES)
def published_site(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> BuildResult:
    """The small fixture roadmap built on each engine with a site_url, as the Pages workflow
    builds a site: for what depends on the engine, and on knowing the site's address."""
    engine = request.param
    project = make_project(
        tmp_path_factory.mktemp(f"published-{engine}"),
        FIXTURES / "good",
        site_url="https://example.org/learn/",
    )
    result = build(project, engine=engine)
    assert result.returncode == 0, result.output
    return result


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests run last: Playwright's sync API keeps an event loop running in the main
    thread for the whole session, and code under test that calls asyncio.run() cannot share it."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
