"""Study prompts: each topic of a stage page carries a prompt a learner copies into their own AI
assistant, written from the roadmap (or by the author), in plain text, and kept out of search
and the table of contents.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from learnpath.roadmap.validate import load_roadmap
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import STAGE, roadmap_pages
from learnpath.site.prompts import TUTORING, plain_text, study_prompt
from learnpath.site.render import PageRenderer
from sitebuild import FIXTURES, REPO, BuildResult
from test_reader_site import Site

GOOD = FIXTURES / "good"
AUTHORS_TOPIC_PROMPT = (
    "Quiz me on reading Python tracebacks, one question at a time.\n"
    '<script>alert("prompt")</script> & keep it short.'
)
STAGE_PROMPT = "Act as an editor for my write-up; ask before you rewrite anything."


def prompts_of(page: Tag) -> dict[str, str]:
    """Each topic's title and the text of its prompt, as the copy button reads it."""
    found = {}
    for section in page.select("section.lp-topic"):
        [prompt] = section.select("pre[data-lp-prompt]")
        found[section.h3.get_text()] = prompt.get_text()
    return found


def rendered_prompts(stage_id: str) -> dict[str, str]:
    roadmap = load_roadmap(GOOD)
    page = next(p for p in roadmap_pages(roadmap) if p.kind == STAGE and p.key == stage_id)
    html = PageRenderer(roadmap, MarkdownFields(["attr_list"])).render(page).html
    return prompts_of(BeautifulSoup(html, "html.parser"))


def test_a_generated_prompt_is_written_from_the_roadmap() -> None:
    prompt = rendered_prompts("basics")["Loops & lists"]
    lines = prompt.splitlines()
    assert lines[0].startswith("You are my tutor")
    for line in [
        "Roadmap: Test <Roadmap> & Friends",
        "Stage 1 of 3: The basics (beginner level)",
        "Topic: Loops & lists",
        "Iterate over things.",  # the topic's description
        "- You can write a loop.",  # the stage's outcomes
        "- You can read an error message <b>calmly</b>.",
        "- The Python Tutorial (docs): https://docs.python.org/3/tutorial/",
        "- Think Python (book): https://allendowney.github.io/ThinkPython/",
    ]:
        assert line in lines, line
    tutoring = [line.split(". ", 1)[1] for line in lines if line[:2] in {f"{n}." for n in range(8)}]
    assert tutoring == list(TUTORING)
    assert lines[-1] == "Let's begin: ask me what I already know about Loops & lists."


@pytest.mark.parametrize(
    "asked",
    [
        "asking what I already know",  # starts from the learner
        "explain it back in my own words",
        "Quiz me",
        "a hint first",
        "Send me back to the resources above",
        "Never do a project or an exercise for me",
    ],
)
def test_the_prompt_asks_for_a_tutor_that_checks_understanding(asked: str) -> None:
    assert asked in rendered_prompts("practice")["Data"]


def test_the_start_pick_comes_first_and_is_named() -> None:
    roadmap = load_roadmap(REPO / "roadmap")
    stage = next(s for s in roadmap.stages if any(t.start for t in s.topics))
    topic = next(t for t in stage.topics if t.start)
    prompt = study_prompt(roadmap, stage, topic, MarkdownFields().block)
    listed = [line for line in prompt.splitlines() if line.startswith("- ") and "http" in line]
    assert listed[0] == f"- {topic.start.title} ({topic.start.type} - the one to start with): " + (
        topic.start.url
    )
    assert len(listed) == len(topic.resources)


def test_a_topic_without_resources_is_not_sent_to_them() -> None:
    roadmap = load_roadmap(GOOD)
    stage = roadmap.stage("practice")
    topic = replace(stage.topics[0], resources=(), start=None, description=None)
    prompt = study_prompt(roadmap, stage, topic, MarkdownFields().block)
    assert "resources" not in prompt
    assert "What the roadmap says" not in prompt
    assert "6. Keep your answers short" in prompt  # numbered without the left-out rule


def test_a_markdown_description_becomes_plain_text() -> None:
    fields = MarkdownFields(["admonition", "attr_list"])
    text = (
        "Read **the guide** and [the `docs`](https://example.org/docs) first:\n\n"
        "- one &amp; two\n- <https://example.org/auto>\n\n"
        '<b onclick="x">bold</b> <script>alert(1)</script>'
    )
    plain = plain_text(str(fields.block(text)))
    assert plain == (
        "Read the guide and the docs (https://example.org/docs) first:\n"
        "- one & two\n"
        "- https://example.org/auto\n"
        "bold"
    )


def test_an_authors_prompt_is_used_as_written_and_a_stages_fills_in(
    published_site: BuildResult,
) -> None:
    site = Site(published_site)
    basics = prompts_of(site.body("stages/basics.md"))
    assert basics["Errors"] == AUTHORS_TOPIC_PROMPT
    assert basics["Loops & lists"].startswith("You are my tutor")
    assert prompts_of(site.body("stages/sharing.md")) == {"Write it up": STAGE_PROMPT}
    for pre in site.body("stages/basics.md").select("pre[data-lp-prompt]"):
        assert pre.find() is None, "a prompt is text: no element comes out of it"
        assert pre.has_attr("hidden") and "lp-prompt" in pre["class"]


def test_prompts_stay_out_of_search_and_the_table_of_contents(
    published_site: BuildResult,
) -> None:
    site = Site(published_site)
    index = site.root / "search.json"  # Zensical's
    if not index.exists():
        index = site.root / "search" / "search_index.json"
    text = index.read_text(encoding="utf-8")
    for words in ("You are my tutor", "Quiz me on reading", "Act as an editor", "hint first"):
        assert words not in text, words
    entries = json.loads(text)
    found = [e["location"] for e in (entries.get("docs") or entries["items"])]
    assert any(location.startswith("stages/basics/") for location in found)
    # The table of contents' own sidebar (the navigation repeats it for phones).
    toc = [a.get_text(strip=True) for a in site.page("stages/basics.md").select(
        ".md-sidebar--secondary nav.md-nav--secondary a"
    )]  # fmt: skip
    assert toc == [
        "What you will be able to do", "Topics", "Loops & lists", "Errors", "Projects",
        "A tiny script",
    ]  # fmt: skip


def test_every_topic_of_every_shipped_stage_has_its_prompt(shipped_site: BuildResult) -> None:
    site = Site(shipped_site)
    roadmap_dir = REPO / "roadmap"
    stages = yaml.safe_load((roadmap_dir / "roadmap.yml").read_text(encoding="utf-8"))["stages"]
    resources = {
        entry["id"]: entry
        for path in (roadmap_dir / "resources").glob("*.yml")
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["resources"]
    }
    topics = 0
    for stage_id in stages:
        stage = yaml.safe_load((roadmap_dir / "stages" / f"{stage_id}.yml").read_text("utf-8"))
        prompts = prompts_of(site.body(f"stages/{stage_id}.md"))
        assert list(prompts) == [topic["title"] for topic in stage["topics"]], stage_id
        for topic in stage["topics"]:
            prompt = prompts[topic["title"]]
            assert f"Topic: {topic['title']}" in prompt
            assert f"{stage['title']} ({stage['level']} level)" in prompt
            for resource in topic["resources"]:
                assert f"{resources[resource]['title']} (" in prompt
                assert resources[resource]["url"] in prompt
            assert "<" not in prompt.replace("<=", ""), "no markup from the descriptions"
            topics += 1
    assert topics > 50
