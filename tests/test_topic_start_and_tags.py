"""A topic's start pick comes first and says "Start here"; a tags.yml gives the tag filter
its titles and roadmap.json its vocabulary. Built with MkDocs from the fixture roadmap with a
tags.yml and a start pick that is not the first resource listed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sitebuild import FIXTURES, BuildResult, build, make_project, overlay


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    where = tmp_path_factory.mktemp("vocabulary")
    roadmap = overlay(FIXTURES / "good", FIXTURES / "vocabulary", where / "roadmap")
    result = build(make_project(where / "project", roadmap), "--strict")
    assert result.returncode == 0, result.output
    return result


def topic(site: BuildResult, stage: str, title: str) -> BeautifulSoup:
    page = site.page(f"stages/{stage}/")
    return next(
        section
        for section in page.select("section.lp-topic")
        if section.h3 and section.h3.get_text(strip=True) == title
    )


def test_the_start_pick_is_the_first_card_of_its_topic_and_says_start_here(
    site: BuildResult,
) -> None:
    cards = topic(site, "basics", "Loops & lists").select("article.lp-resource")
    assert [card["data-lp-resource"] for card in cards] == ["think-python", "python-tutorial"]
    assert cards[0].select_one(".lp-start").get_text() == "Start here"
    assert "lp-resource--start" in cards[0]["class"]
    assert cards[1].select_one(".lp-start") is None


def test_a_topic_without_a_start_pick_marks_nothing(site: BuildResult) -> None:
    section = topic(site, "practice", "Data")
    cards = section.select("article.lp-resource")
    assert [card["data-lp-resource"] for card in cards] == ["pandas-docs", "kaggle-learn"]
    assert "Start here" not in section.get_text()


def test_list_pages_and_the_library_mark_no_start_pick(site: BuildResult) -> None:
    """Starting is a topic's advice; a list is a catalogue."""
    for url in ("resources/", "resources/programming/"):
        assert site.page(url).select(".lp-start") == [], url


def test_the_tag_filter_gets_the_titles_of_tags_yml_as_data(site: BuildResult) -> None:
    """learnpath.js shows these titles as the tag options; their values stay the ids."""
    for url in ("resources/", "resources/data/"):
        holder = site.page(url).select_one("[data-lp-filters]")
        titles = json.loads(holder["data-lp-tags"])
        assert titles["data"] == "Working with data", url
        assert titles["security"] == "Security & <safety>", url


def test_roadmap_json_carries_start_picks_and_the_vocabulary(site: BuildResult) -> None:
    data = json.loads((site.site / "roadmap.json").read_text(encoding="utf-8"))
    topics = {topic["title"]: topic for stage in data["stages"] for topic in stage["topics"]}
    assert topics["Loops & lists"]["start"] == "think-python"
    assert topics["Data"]["start"] is None
    tags = {tag["id"]: tag for tag in data["tags"]}
    assert tags["python"] == {"id": "python", "title": "Python", "description": "The language."}
    assert len(tags) == 8


def test_without_tags_yml_the_filter_has_no_titles(good_site: BuildResult) -> None:
    holder = good_site.page("resources/").select_one("[data-lp-filters]")
    assert not holder.has_attr("data-lp-tags")
    assert json.loads((good_site.site / "roadmap.json").read_text())["tags"] == []


def test_the_tags_schema_is_published(site: BuildResult) -> None:
    schema = json.loads(Path(site.site / "schemas" / "tags.schema.json").read_text())
    assert schema["$id"] == "tags.schema.json"
    assert schema["required"] == ["tags"]
