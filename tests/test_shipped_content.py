"""The flagship roadmap meets the bar the project promises its readers."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise
from urllib.parse import urlsplit

import pytest

from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.validate import load_roadmap
from sitebuild import REPO

# Lists shown in the library without a stage pointing into them would be named here, on purpose.
LIBRARY_ONLY_LISTS: set[str] = set()
# Sites whose canonical URL (as checked in ../shared/reference) is served over plain http.
HTTP_ONLY_HOSTS = {
    "neuralnetworksanddeeplearning.com",
    "ccr.sigcomm.org",
    "varianceexplained.org",
    "incompleteideas.net",
}
# A topic names one best first pick and a few alternatives, not a catalogue.
MAX_RESOURCES_PER_TOPIC = 6
# The tag filter stays useful only while the vocabulary is small and every tag groups something.
MAX_DISTINCT_TAGS = 80
# Practices that run alongside the whole path: they start right after "Start here".
ALONGSIDE_STAGES = {"learning-together", "sharing-your-work"}


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap(REPO / "roadmap")


def test_the_path_has_at_least_ten_stages_in_order(roadmap: Roadmap) -> None:
    assert len(roadmap.stages) >= 10
    assert roadmap.stages[0].id == "start-here"
    position = {stage.id: stage.number for stage in roadmap.stages}
    for stage in roadmap.stages:
        for prerequisite in stage.prerequisites:
            assert position[prerequisite] < stage.number, (stage.id, prerequisite)


def test_every_stage_is_complete(roadmap: Roadmap) -> None:
    for stage in roadmap.stages:
        assert len(stage.resources) >= 5, stage.id
        assert 1 <= len(stage.projects) <= 3, stage.id
        assert all(project.deliverable for project in stage.projects), stage.id
        assert 3 <= len(stage.outcomes) <= 6, stage.id
        assert 2 <= len(stage.topics) <= 5, stage.id
        assert stage.description and stage.hours and stage.level, stage.id
        assert all(outcome.startswith("You can") for outcome in stage.outcomes), stage.id


def test_at_least_150_resources_in_at_least_8_lists(roadmap: Roadmap) -> None:
    assert len(roadmap.resources) >= 150
    assert len(roadmap.lists) >= 8
    free = sum(1 for resource in roadmap.resources.values() if resource.free)
    assert free > len(roadmap.resources) / 2, "most resources should be free"


def test_every_resource_has_the_facts_a_learner_filters_on(roadmap: Roadmap) -> None:
    for resource in roadmap.resources.values():
        assert resource.author, resource.id
        assert resource.free is not None, resource.id
        assert resource.level, resource.id
        assert resource.tags, resource.id
        assert resource.description and len(resource.description) >= 40, resource.id


def test_every_resource_is_used_by_some_stage(roadmap: Roadmap) -> None:
    used = {resource.id for stage in roadmap.stages for resource in stage.resources}
    assert sorted(set(roadmap.resources) - used) == []


def test_no_topic_lists_more_than_six_resources(roadmap: Roadmap) -> None:
    crowded = [
        (stage.id, topic.title, len(topic.resources))
        for stage in roadmap.stages
        for topic in stage.topics
        if len(topic.resources) > MAX_RESOURCES_PER_TOPIC
    ]
    assert crowded == []


def test_tags_form_a_small_vocabulary_without_near_duplicates(roadmap: Roadmap) -> None:
    counts = Counter(tag for resource in roadmap.resources.values() for tag in resource.tags)
    assert len(counts) <= MAX_DISTINCT_TAGS
    assert sorted(tag for tag, count in counts.items() if count == 1) == []
    stems = sorted(tag.removesuffix("s") for tag in counts)
    # "visual" and "visualization", "llm" and "llms": one tag may not be the start of another.
    assert [(a, b) for a, b in pairwise(stems) if b.startswith(a)] == []


def test_every_topic_names_the_resource_to_start_with(roadmap: Roadmap) -> None:
    missing = [
        (stage.id, topic.title)
        for stage in roadmap.stages
        for topic in stage.topics
        if topic.start is None
    ]
    assert missing == []


def test_tags_yml_defines_exactly_the_tags_resources_use_each_at_least_twice(
    roadmap: Roadmap,
) -> None:
    counts = Counter(tag for resource in roadmap.resources.values() for tag in resource.tags)
    assert 0 < len(roadmap.tags) <= MAX_DISTINCT_TAGS
    assert sorted(roadmap.tags) == sorted(counts)
    assert sorted(tag for tag in roadmap.tags if counts[tag] < 2) == []
    assert all(tag.description for tag in roadmap.tags.values())


def test_no_stage_assigns_a_paper_before_the_stage_that_teaches_reading_them(
    roadmap: Roadmap,
) -> None:
    reading = next(stage.number for stage in roadmap.stages if stage.id == "reading-papers")
    early = [
        (stage.id, resource.id)
        for stage in roadmap.stages
        if stage.number < reading
        for resource in stage.resources
        if resource.type == "paper"
    ]
    assert early == []


def test_practices_that_run_alongside_start_right_after_start_here(roadmap: Roadmap) -> None:
    assert {stage.id for stage in roadmap.stages[1:3]} == ALONGSIDE_STAGES
    for stage in roadmap.stages[1:3]:
        assert stage.prerequisites == ("start-here",), stage.id
        assert "alongside" in stage.summary, stage.id


def test_every_list_is_used_by_a_stage_or_listed_on_purpose(roadmap: Roadmap) -> None:
    used = {roadmap.list_of_resource[r.id] for stage in roadmap.stages for r in stage.resources}
    for resource_list in roadmap.lists:
        assert resource_list.id in used or resource_list.id in LIBRARY_ONLY_LISTS, resource_list.id


def test_no_two_resources_share_a_url(roadmap: Roadmap) -> None:
    counts = Counter(resource.url.rstrip("/") for resource in roadmap.resources.values())
    assert [url for url, count in counts.items() if count > 1] == []


def test_urls_are_https_unless_the_site_has_none(roadmap: Roadmap) -> None:
    for resource in roadmap.resources.values():
        parts = urlsplit(resource.url)
        assert parts.scheme == "https" or parts.hostname in HTTP_ONLY_HOSTS, resource.url


def test_no_link_to_papers_with_code(roadmap: Roadmap) -> None:
    """Papers with Code shut down in 2025."""
    assert not [r.url for r in roadmap.resources.values() if "paperswithcode" in r.url]


def test_about_page_credits_the_article_without_an_invented_link() -> None:
    about = (REPO / "docs" / "about.md").read_text(encoding="utf-8")
    assert "How I'd Learn ML in 2026" in about
    assert "Boris Meinardus" in about and "Towards AI" in about
    assert "towardsai.net" not in about and "medium.com" not in about
