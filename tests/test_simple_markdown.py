"""The fast path for plain Markdown fields gives what Python-Markdown gives, or steps aside."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from learnpath.roadmap.advice import markdown_fields
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.markup import MarkdownFields, field_settings
from learnpath.site.simplemarkdown import fast_path_applies, simple_html
from sitebuild import FIXTURES, REPO

sys.path.insert(0, str(REPO / "bench"))
from synthetic import make_roadmap, write_roadmap_folder

FRAGMENTS = [
    "word", "Word", "café", "ML", "2026", "3.5", " ", " ", " ", "\n", "\n\n", ".", ",", ";", ":",
    "!", "?", "'", '"', "(", ")", "-", "--", "*", "**", "***", "`", "``", "[", "]", "](",
    "https://example.org/a", "#", "1. ", "- ", "> ", "_", "<b>", "&", "=", "{: .x}", "  ",
    "\t", "!!! note", "[^1]", "*[ML]: x", "“", "”",
]  # fmt: skip
# What the fast path is for, mixed in so that generated texts often qualify for it.
PROSE = ["word ", "Word ", "**bold**", "*em*", "`code()`", "[a link](https://example.org/a)",
         " ", ", ", ". ", "\n", "\n\n"]  # fmt: skip
TRICKY = [
    "**bold**", "*em*", "`code`", "[a link](https://example.org/)", "**a** *b* `c` [d](https://e.org)",
    "x*y*z", "**a**b", "a**b**", "*a **b** c*", "** a**", "*a *", "a * b", "`a*b`", "` a `",
    "[a](https://e.org/x))", "([a](https://e.org/x))", "![a](https://e.org/x.png)",
    "[a](https://e.org 'title')", "[a]", "[a][b]", "a\nb", "a\n\nb", "a\n\n\n\nb\n", "a  \nb",
    "1. a", "1) a", "2026 was", "3.5 hours", "# h", "a # b", "a\n===", "a\n---", "> q", "- a",
    "+ a", "* a", "*a", ": def", "!!! note", "??? tip", "=== tab", "```", "~~~", "    code",
    "a|b", "a_b_c", "`#!python x`", "`:::python x`", "\"quoted\" 'single'", "(*a*)", "—*a*—",
    "*a*.", "**a**,", "**a**)", "[**a**](https://e.org)", "**[a](https://e.org)**", "é *ü*",
]  # fmt: skip


def site_field_settings() -> tuple[list, dict]:
    config = load_config(str(REPO / "mkdocs.yml"))
    return field_settings(config.markdown_extensions, config.mdx_configs)


SETTINGS = {"site": site_field_settings(), "plain": ([], {})}


@pytest.fixture(scope="module", params=list(SETTINGS))
def engine(request: pytest.FixtureRequest) -> markdown.Markdown:
    extensions, configs = SETTINGS[request.param]
    assert fast_path_applies(extensions, configs)
    return markdown.Markdown(extensions=extensions, extension_configs=configs)


def agrees(engine: markdown.Markdown, text: str) -> bool:
    fast = simple_html(text)
    return fast is None or fast == engine.reset().convert(text)


def test_every_field_of_the_shipped_and_synthetic_roadmaps_renders_the_same(
    engine: markdown.Markdown, tmp_path: Path
) -> None:
    write_roadmap_folder(make_roadmap(5, 6), tmp_path / "synthetic")
    texts = []
    for folder in (REPO / "roadmap", FIXTURES / "good", tmp_path / "synthetic"):
        texts += [text for _, _, text in markdown_fields(load_roadmap(folder))]
    assert [text for text in texts if not agrees(engine, text)] == []
    fast = sum(simple_html(text) is not None for text in texts)
    assert fast > len(texts) / 2, "most real descriptions should take the fast path"


def test_tricky_texts_render_the_same_or_step_aside(engine: markdown.Markdown) -> None:
    assert [text for text in TRICKY if not agrees(engine, text)] == []
    assert simple_html("x*y*z") is None and simple_html("a  \nb") is None


def test_generated_texts_render_the_same_or_step_aside(engine: markdown.Markdown) -> None:
    rng = random.Random(2026)
    alphabet = FRAGMENTS + PROSE * 6
    texts = ["".join(rng.choices(alphabet, k=rng.randint(1, 14))) for _ in range(20_000)]
    assert [text for text in texts if not agrees(engine, text)][:5] == []
    fast = sum(simple_html(text) is not None for text in texts)
    assert fast > 1_000, f"only {fast} generated texts took the fast path: the test is too weak"


def test_other_extensions_turn_the_fast_path_off() -> None:
    assert not fast_path_applies(["smarty"])
    assert not fast_path_applies(["pymdownx.emoji"])
    assert not fast_path_applies([markdown.extensions.Extension()])
    assert not fast_path_applies(
        ["pymdownx.inlinehilite"], {"pymdownx.inlinehilite": {"style_plain_text": True}}
    )
    # With smarty, quotes become typographic: only Python-Markdown knows, and it is asked.
    fields = MarkdownFields(["smarty"])
    assert fields.block("it's") == "<p>it\u2019s</p>"
