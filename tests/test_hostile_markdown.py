"""A Markdown field that would take minutes to render, or crash the build, is refused with its
file, line and field, like any other mistake; every ordinary field is still accepted.

fixtures/hostile/ is fixtures/good/ with HOSTILE_MARKDOWN in a stage's description, a topic's
and a resource's; each test writes one family's text there. How long the accepted worst cases
take to render is measured by bench/hostile_markdown.py, not here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from learnpath.roadmap.advice import markdown_fields
from learnpath.roadmap.markdownlimits import markdown_problem
from learnpath.roadmap.validate import load_roadmap
from sitebuild import FIXTURES, REPO, build, make_project, overlay, validate

PLACEHOLDER = "HOSTILE_MARKDOWN"
DEEP_LIST = "- " * 2_000 + "x"

# Each family: a text Python-Markdown renders in quadratic time or not at all, and what the
# message says about it.
FAMILIES = {
    "brackets": ("[" * 5_000, "'[' open at once"),
    "images": ("![" * 3_000, "'[' open at once"),
    "link targets": ("[a](" * 3_000, "link targets '](' open at once"),
    "html tags": ("<a " * 3_000, "HTML tags open at once"),
    "nested lists": (DEEP_LIST, "nests lists, quotes and indentation"),
    "nested quotes": ("> " * 3_000 + "x", "nests lists, quotes and indentation"),
    "indentation": ("".join(" " * 4 * depth + "- a\n" for depth in range(30)), "levels deep"),
    "headings in one block": ("#\n" * 3_000, "headings, rules, link definitions or admonitions"),
    "setext headings": ("a\n=\n" * 3_000, "headings, rules, link definitions or admonitions"),
    "link definitions": ("[a]: b\nx\n" * 1_000, "headings, rules, link definitions"),
    "code blocks": ("```\n```\n" * 300, "code blocks and highlighted code spans"),
    "highlighted spans": ("`#!py a` " * 300, "code blocks and highlighted code spans"),
    "hl_lines": ('```py hl_lines="' + "1-9999 " * 100 + '"\na\n```', "code fence whose first"),
    "table pipes": ("`a`|" * 1_000, "'|' on line 1"),
    "markdown elements": ('<div markdown="1">\n\n' * 30, "with a markdown attribute"),
    "a lexer that backtracks": ('```maple\n"' + "a\\" * 29 + "\n```", "Pygments can take minutes"),
}


def hostile_roadmap(text: str, where: Path) -> Path:
    """fixtures/good with `text` as a stage's, a topic's and a resource's description."""
    folder = overlay(FIXTURES / "good", FIXTURES / "hostile", where)
    for path in folder.rglob("*.yml"):
        source = path.read_text(encoding="utf-8")
        if PLACEHOLDER in source:
            path.write_text(source.replace(PLACEHOLDER, json.dumps(text)), encoding="utf-8")
    return folder


def placements() -> list[str]:
    """'file:line:column: field:' of each placeholder in fixtures/hostile/."""
    fields = {
        "stages/basics.yml": ["description", "topics[0].description"],
        "resources/data.yml": ["resources[0].description"],
    }
    found = []
    for name, names in fields.items():
        lines = (FIXTURES / "hostile" / name).read_text(encoding="utf-8").splitlines()
        spots = [
            (number, line.index(PLACEHOLDER) + 1)
            for number, line in enumerate(lines, 1)
            if PLACEHOLDER in line
        ]
        found += [
            f"{name}:{line}:{column}: {field}: "
            for (line, column), field in zip(spots, names, strict=True)
        ]
    return found


@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_description_is_refused_with_file_line_and_field(
    family: str, tmp_path: Path
) -> None:
    text, message = FAMILIES[family]
    done = validate(hostile_roadmap(text, tmp_path / "roadmap"))

    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    reported = [line for line in done.stderr.splitlines() if message in line]
    for place in placements():
        assert any(place in line for line in reported), f"{place!r} not in:\n{done.stderr}"
    assert all(len(line.strip()) < 300 for line in reported)


def test_mkdocs_build_of_a_list_nested_thousands_deep_stops_with_the_located_problem(
    tmp_path: Path,
) -> None:
    project = make_project(tmp_path / "project", hostile_roadmap(DEEP_LIST, tmp_path / "deep"))

    result = build(project)

    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "RecursionError" not in result.output
    stage_description = placements()[0]
    assert f"{stage_description}nests lists, quotes and indentation" in result.output
    assert not (project / "site" / "index.html").exists()


@pytest.mark.parametrize("folder", [REPO / "roadmap", FIXTURES / "good"], ids=["shipped", "good"])
def test_every_markdown_field_of_a_real_roadmap_is_within_the_limits(folder: Path) -> None:
    over = [
        (where, field, markdown_problem(text))
        for where, field, text in markdown_fields(load_roadmap(folder))
        if markdown_problem(text)
    ]
    assert over == []


ORDINARY = {
    "prose with links": "See [the guide](https://e.org/a) and [its (long) notes](https://e.org/b)."
    " Half-open intervals such as [0, 1) are fine, and so is a <kbd>Ctrl</kbd> key.",
    "nested list": "- one\n    - two\n        - three\n            1. four\n\n- back",
    "quotes": "> A quote\n>\n> > with a quote inside\n> > - and a list",
    "code": "Some code:\n\n```python\ndef f(x):\n    if x:\n        return [x]\n```\n\n"
    "    indented code\n\nand `#!python inline()`.",
    "table": "| a | b |\n|---|---|\n| `x|y` | [z](https://e.org) |\n" * 3,
    "admonitions": '!!! note "Title"\n    Text.\n\n??? tip\n    More.\n\n# Heading\n\n---\n',
    "html": '<div markdown="1">\n\n*Markdown* inside.\n\n</div>\n\n<!-- a comment -->',
    "headings in one block": "# One\nText\n## Two\nMore text\n***\nEnd\n" * 10,
    "a long plain field": "word " * 3_999,
}


@pytest.mark.parametrize("kind", ORDINARY)
def test_ordinary_markdown_is_accepted(kind: str) -> None:
    assert markdown_problem(ORDINARY[kind]) is None
