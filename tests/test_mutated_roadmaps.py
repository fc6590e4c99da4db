"""A damaged roadmap file is reported, never crashed on: random mutations of real roadmaps.

Authors edit YAML by hand, merge pull requests and paste text from anywhere, so any file can
arrive with a line lost, doubled or moved, a value replaced by something odd, or bytes that are
not text. Whatever happens, `load_roadmap` must either return a roadmap or raise
`RoadmapInvalid` with problems an author can act on: each names a file of the roadmap, points at
a line (unless it is about the file as a whole) and says what is wrong in one short line.

The mutations start from the shipped roadmap and from the small fixture roadmap (the only one
with a progress.yml, so that dates are checked too). To hunt with many more, and new, examples
than CI runs: `LEARNPATH_FUZZ_EXAMPLES=5000 pytest tests/test_mutated_roadmaps.py`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import event, given, settings
from hypothesis import strategies as st
from mkdocs.utils.yaml import yaml_load

from learnpath.roadmap.advice import roadmap_advice
from learnpath.roadmap.model import Roadmap
from learnpath.roadmap.problems import Problem, RoadmapInvalid
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import published_files
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import roadmap_pages
from learnpath.site.render import PageRenderer
from sitebuild import FIXTURES, REPO

ROADMAPS = {"shipped": REPO / "roadmap", "fixture": FIXTURES / "good"}
SOURCES = {
    name: {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*.yml"))
    }
    for name, folder in ROADMAPS.items()
}

EXAMPLES = int(os.environ.get("LEARNPATH_FUZZ_EXAMPLES", "0"))
# By default, the same examples on every run (a CI failure replays locally): about 22 s for
# the first test and 8 s for the second on a 2-core machine. With LEARNPATH_FUZZ_EXAMPLES, new
# ones each run, to hunt. The deadline is far above a normal example (5-90 ms), so only a
# pathological slowdown fails it, not a busy runner.
FUZZ = settings(
    max_examples=EXAMPLES or 1000,
    deadline=5000,
    derandomize=not EXAMPLES,
    database=None,
    print_blob=True,
)
FUZZ_AND_RENDER = settings(FUZZ, max_examples=EXAMPLES // 6 or 160)

MAX_MESSAGE = 300
# The only problems that may have no line: those about a file as a whole. No mutation here
# renames or removes a file, so only these can apply to a mutated one.
WHOLE_FILE_MESSAGE = re.compile(r"file is empty|byte limit|cannot (be )?read|not UTF-8")

Mutation = tuple[str, bytes]
"""What was done to a file, in words, and the file's new content."""


class MutatedRoadmap:
    """A copy of a roadmap with one file changed."""

    def __init__(self, source: str, file: str, mutation: str, content: bytes) -> None:
        self.source, self.file, self.mutation, self.content = source, file, mutation, content

    def write(self, where: Path) -> Path:
        root = where / "roadmap"
        shutil.copytree(ROADMAPS[self.source], root)
        (root / self.file).write_bytes(self.content)
        return root

    def __repr__(self) -> str:
        return f"<{self.source} roadmap, {self.file}: {self.mutation}>"


# ---------------------------------------------------------------- values to write after a key


def _digits(count: int) -> str:
    # Written out, not str(10**n): Python refuses to turn an int of over 4,300 digits into text.
    return "1" + "0" * count


INTEGERS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=-(2**80), max_value=2**80).map(str),
    st.integers(min_value=4000, max_value=6000).map(_digits),
    st.sampled_from(
        [
            # Bases 16, 8, 2 and 60: short to write, over 4,300 digits once Python holds them.
            *("0x" + "f" * 3600, "0b" + "1" * 14300, "59:" * 2500 + "59", "0" + "7" * 4800),
            *(_digits(5000), "9" * 4301, "9" * 5000 + ":30"),
            *("0o777", "0b1010", "1_000", "+12", "-0", "0777", "190:20:30", "0:" + "59:" * 999),
        ]
    ),
)
FLOATS = st.one_of(
    st.floats().map(repr),
    st.sampled_from(
        [
            *(
                ".inf",
                "-.Inf",
                ".NaN",
                "1.0e+999",
                "1.0e-999",
                "1." + "5" * 5000,
                "1" * 5000 + ".0",
            ),
            *("685.230_15e+03", "190:20:30.15", "59:" * 2500 + "0.5", "1e5", "-.5", "0."),
        ]
    ),
)
DATES = st.one_of(
    st.dates().map(lambda day: day.isoformat()),
    st.tuples(st.integers(0, 9999), st.integers(0, 99), st.integers(0, 99)).map(
        lambda ymd: "{:04d}-{:02d}-{:02d}".format(*ymd)  # impossible too: month 13, year 0
    ),
    st.tuples(
        st.integers(0, 9999),
        st.integers(0, 19),
        st.integers(0, 39),
        st.integers(0, 29),
        st.integers(0, 69),
        st.sampled_from(["", "Z", "+05:00", " -5", "+99:99", ".123456789", ".1 +1"]),
    ).map(lambda parts: "{:04d}-{}-{}T{:02d}:{:02d}:00{}".format(*parts)),
    st.sampled_from(["2016-13-45", "2024-02-30", "2023-02-29", "0000-01-01", "2001-12-14t21:59"]),
)
BOOLEANS_AND_NULLS = st.sampled_from(
    [
        *("true", "false", "True", "FALSE", "yes", "No", "on", "OFF", "y", "n"),
        *("null", "Null", "NULL", "~", ""),
    ]
)
# Letters that look like ASCII ones, invisible and direction-changing characters, line
# separators YAML and Python treat differently, and characters YAML refuses outright.
LOOKALIKES = (
    "\u0430\u0435\u043e\u0440\u0441\u0445\u0456\u0458"  # Cyrillic
    "\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
    "\u03bf\u0391\u0392\u0395\u0397\u0399\u039a\u039c\u039d\u039f\u03a1\u03a4\u03a5\u03a7"  # Greek
    "\uff44\uff45\uff45\uff50\uff4c\uff0d"  # fullwidth
    "\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff\u202e\u202d\u2028\u2029\x85"
    "\x00\x07\x1b\x7f\ufffe\uffff\U0001f600\U000e0041"
)
UNICODE_TEXT = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(LOOKALIKES)), max_size=400
)
TEXT = st.one_of(
    UNICODE_TEXT,
    UNICODE_TEXT.map(lambda text: json.dumps(text, ensure_ascii=False)),
    UNICODE_TEXT.map(lambda text: "'" + text.replace("'", "''") + "'"),
    UNICODE_TEXT.map(lambda text: '"' + text + '"'),
    st.text(min_size=301, max_size=5000).map(lambda text: json.dumps(text)),
)
YAML_TOKENS = [
    "[", "]", "{", "}", ",", "&a", "*a", "!tag", "!!str", "!!binary", "!<tag:x,2000:y>",
    "!!python/object/apply:os.system", "!", "<<:", "<<", "=", "|", "|-", "|2", ">", ">+", "%",
    "%YAML 1.1", "%TAG ! tag:x,2000:", "@", "`", "#", "?", "? ", ":", ": ", "- ", "-", "---",
    "...", "'", '"', "\\", "\t", "\n", "\r", "x", "a: b", "*", "&", "\"\\x\"", "'\\'",
]  # fmt: skip
YAML_SYNTAX = st.lists(st.sampled_from(YAML_TOKENS), min_size=1, max_size=10).flatmap(
    lambda tokens: st.sampled_from(["", " "]).map(lambda glue: glue.join(tokens))
)
SLUGS = st.from_regex(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
SCALARS = st.one_of(INTEGERS, FLOATS, DATES, BOOLEANS_AND_NULLS, TEXT, YAML_SYNTAX, SLUGS)

ONE_LINE = st.characters(codec="utf-8", exclude_characters="\n\r")
KEYS = st.one_of(
    st.sampled_from(["title", "id", "url", "type", "resources", "stages", "tags", "entries", "<<"]),
    SLUGS,
    st.text(alphabet=ONE_LINE, min_size=1, max_size=40),
    st.text(alphabet=ONE_LINE, min_size=250, max_size=600),
)

DEPTHS = st.one_of(st.integers(1, 64), st.integers(500, 5000))


# ------------------------------------------------------------------------- the mutations


def _lines(content: bytes) -> list[str]:
    return content.decode("utf-8").splitlines(keepends=True)


def _joined(lines: list[str]) -> bytes:
    return "".join(lines).encode("utf-8")


def _shown(text: str) -> str:
    return repr(text if len(text) <= 120 else text[:100] + "..." + text[-16:])


def _indentation(line: str) -> str:
    return line[: len(line) - len(line.lstrip(" "))]


def _with_value(line: str, value: str) -> str:
    """The line with what follows its first `:` replaced; or its text, if it has no key."""
    body = line.rstrip("\r\n")
    ending = line[len(body) :]
    colon = body.find(":")
    head = body[: colon + 1] + " " if colon >= 0 else body[: len(body) - len(body.lstrip(" -"))]
    return head + value + ending


def _deep_structure(line: str) -> st.SearchStrategy[str]:
    """Values nested thousands deep: flow lists and mappings, or block lists on new lines."""
    closings = {"[": "]", "{a: ": "}", "[{a: ": "}]", "{? ": "}"}
    flow = st.tuples(DEPTHS, st.sampled_from(sorted(closings)), st.booleans()).map(
        lambda parts: parts[1] * parts[0] + "x" + (closings[parts[1]] * parts[0] * parts[2])
    )
    inner = _indentation(line) + "  "
    block_list = DEPTHS.map(lambda depth: "\n" + inner + "- " * depth + "x")
    block_mapping = st.integers(1, 400).map(
        lambda depth: "".join(f"\n{inner}{'  ' * level}a:" for level in range(depth)) + " x"
    )
    return st.one_of(flow, block_list, block_mapping)


def line_mutations(content: bytes) -> st.SearchStrategy[Mutation]:
    """Lines deleted, doubled, swapped, re-indented, or given a new key or value."""
    lines = _lines(content)
    line = st.integers(0, len(lines) - 1)

    def deleted(i: int) -> Mutation:
        return f"delete line {i + 1} {_shown(lines[i])}", _joined(lines[:i] + lines[i + 1 :])

    def duplicated(i: int) -> Mutation:
        return f"duplicate line {i + 1} {_shown(lines[i])}", _joined(lines[: i + 1] + lines[i:])

    def swapped(ij: tuple[int, int]) -> Mutation:
        i, j = ij
        changed = list(lines)
        changed[i], changed[j] = changed[j], changed[i]
        return f"swap lines {i + 1} and {j + 1}", _joined(changed)

    def revalued(i: int, value: str) -> Mutation:
        changed = list(lines)
        changed[i] = _with_value(lines[i], value)
        return f"line {i + 1} becomes {_shown(changed[i])}", _joined(changed)

    def renamed(i: int, key: str) -> Mutation:
        changed = list(lines)
        start = len(lines[i]) - len(lines[i].lstrip(" -"))
        colon = lines[i].find(":")
        rest = lines[i][colon:] if colon >= 0 else ": " + lines[i][start:]
        changed[i] = lines[i][:start] + key + rest
        return f"line {i + 1} becomes {_shown(changed[i])}", _joined(changed)

    def reindented(i: int, change: str) -> Mutation:
        changed = list(lines)
        if change.startswith("-"):
            changed[i] = _indentation(lines[i])[len(change) :] + lines[i].lstrip(" ")
        else:
            changed[i] = change + lines[i]
        return f"line {i + 1} becomes {_shown(changed[i])}", _joined(changed)

    return st.one_of(
        line.map(deleted),
        line.map(duplicated),
        st.tuples(line, line).map(swapped),
        line.flatmap(lambda i: SCALARS.map(lambda value: revalued(i, value))),
        line.flatmap(lambda i: _deep_structure(lines[i]).map(lambda value: revalued(i, value))),
        st.tuples(line, KEYS).map(lambda parts: renamed(*parts)),
        st.tuples(line, st.sampled_from([" ", "  ", "    ", "\t", "-", "--", "----"])).map(
            lambda parts: reindented(*parts)
        ),
    )


def byte_mutations(content: bytes) -> st.SearchStrategy[Mutation]:
    """Bytes that are not UTF-8, a file cut short, or nothing left in it."""

    def with_bytes(at: int, inserted: bytes) -> Mutation:
        try:
            inserted.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            inserted += b"\xff"
        return f"insert {inserted!r} at byte {at}", content[:at] + inserted + content[at:]

    def truncated(at: int) -> Mutation:
        return f"cut after byte {at}, ending {content[max(0, at - 40) : at]!r}", content[:at]

    emptied = [b"", b"\n", b"  \n\n", b"---\n", b"# nothing here\n", b"...\n", b"\xef\xbb\xbf"]
    return st.one_of(
        st.tuples(st.integers(0, len(content)), st.binary(min_size=1, max_size=16)).map(
            lambda parts: with_bytes(*parts)
        ),
        st.integers(0, len(content) - 1).map(truncated),
        st.sampled_from(emptied).map(lambda empty: (f"replace the file with {empty!r}", empty)),
    )


def any_mutation(content: bytes) -> st.SearchStrategy[Mutation]:
    return st.one_of(line_mutations(content), byte_mutations(content))


MARKDOWN_TEXT = st.lists(
    st.one_of(
        st.sampled_from("*_`[]()<>#!|~-=+:&;/\\{}.\"' 0123456789abcx"),
        st.sampled_from(["<script>", "](javascript:x)", "{: #id .lp-x }", "!!! note", "```"]),
        st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]),
    ),
    min_size=1,
    max_size=60,
).map("".join)
# Lists and quotes nested hundreds deep: Markdown parses them by recursion.
NESTED_MARKDOWN = st.builds(
    lambda marker, depth: marker * depth + "x",
    st.sampled_from(["- ", "* ", "1. ", "> ", "- > "]),
    st.integers(1, 1000),
)


def _block_scalar_lines(lines: list[str]) -> dict[int, str]:
    """The lines inside `key: |` or `key: >` blocks, with the indentation of their block."""
    inside: dict[int, str] = {}
    opening = re.compile(r"(\s*)(?:- )?[\w-]+: *[|>][-+]?\s*$")
    for start, line in enumerate(lines):
        if not (match := opening.match(line)):
            continue
        body = []
        for i in range(start + 1, len(lines)):
            if lines[i].strip() and len(_indentation(lines[i])) <= len(match.group(1)):
                break
            body.append(i)
        written = [lines[i] for i in body if lines[i].strip()]
        inside.update(dict.fromkeys(body, _indentation(written[0]) if written else ""))
    return inside


def prose_mutations(content: bytes) -> st.SearchStrategy[Mutation]:
    """Titles, descriptions and notes rewritten as odd but valid text, so the roadmap often still
    loads and its pages are rendered; mixed with every other mutation."""
    lines = _lines(content)
    prose = re.compile(r"\s*(?:- )?(title|summary|tagline|description|deliverable|author|note): ")
    keyed = [i for i, line in enumerate(lines) if prose.match(line) and "|" not in line]
    in_block = _block_scalar_lines(lines)

    def quoted(i: int, text: str) -> Mutation:
        changed = list(lines)
        changed[i] = _with_value(lines[i], json.dumps(text, ensure_ascii=False))
        return f"line {i + 1} becomes {_shown(changed[i])}", _joined(changed)

    def rewritten(i: int, text: str) -> Mutation:
        changed = list(lines)
        changed[i] = in_block[i] + text.replace("\n", " ") + "\n"
        return f"line {i + 1} becomes {_shown(changed[i])}", _joined(changed)

    choices = [any_mutation(content)]
    if keyed:
        choices.append(
            st.tuples(st.sampled_from(keyed), MARKDOWN_TEXT).map(lambda parts: quoted(*parts))
        )
    if in_block:
        choices.append(
            st.tuples(st.sampled_from(sorted(in_block)), MARKDOWN_TEXT | NESTED_MARKDOWN).map(
                lambda parts: rewritten(*parts)
            )
        )
    return st.one_of(choices)


@st.composite
def mutated_roadmaps(
    draw: st.DrawFn, mutations: Callable[[bytes], st.SearchStrategy[Mutation]] = any_mutation
) -> MutatedRoadmap:
    source = draw(st.sampled_from(sorted(SOURCES)))
    file = draw(st.sampled_from(sorted(SOURCES[source])))
    mutation, content = draw(mutations(SOURCES[source][file]))
    return MutatedRoadmap(source, file, mutation, content)


# ---------------------------------------------------------------------------- the properties


def load_mutated(mutated: MutatedRoadmap, where: Path) -> tuple[Path, Roadmap | RoadmapInvalid]:
    """Load the mutated copy; any exception but RoadmapInvalid propagates and fails the test."""
    root = mutated.write(where)
    try:
        return root, load_roadmap(root)
    except RoadmapInvalid as invalid:
        return root, invalid


def is_inside(shown: str, root: Path) -> bool:
    """The shown name is relative to where the author works: the cwd, or above the folder."""
    bases = (Path.cwd(), root.parent, root)
    return any((base / shown).resolve().is_relative_to(root.resolve()) for base in bases)


def assert_located(problem: Problem, root: Path) -> None:
    assert isinstance(problem.file, str) and problem.file, problem
    assert is_inside(problem.file, root), problem
    assert isinstance(problem.message, str) and problem.message.strip(), problem
    assert len(problem.message) < MAX_MESSAGE, f"message of {len(problem.message)} characters"
    assert "\n" not in problem.message and "\r" not in problem.message, problem
    assert isinstance(problem.line, int) and isinstance(problem.column, int), problem
    assert isinstance(problem.field, str), problem
    whole_file = (problem.line, problem.column, problem.field) == (0, 0, "")
    if not (whole_file and WHOLE_FILE_MESSAGE.search(problem.message)):
        assert problem.line >= 1, f"no line for {problem}"


@FUZZ
@given(mutated=mutated_roadmaps())
def test_a_mutated_roadmap_loads_or_reports_located_problems(mutated: MutatedRoadmap) -> None:
    with tempfile.TemporaryDirectory() as where:
        root, outcome = load_mutated(mutated, Path(where))
        if isinstance(outcome, Roadmap):
            event("loaded")
            return
        event("refused")
        assert outcome.problems, "RoadmapInvalid without problems"
        for problem in outcome.problems:
            assert_located(problem, root)
        assert outcome.report()


def site_markdown_settings() -> tuple[list[str], dict[str, object]]:
    """The Markdown extensions of the repo's mkdocs.yml, as the plugin would pass them."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as config:
        written = yaml_load(config)["markdown_extensions"]
    names = [entry if isinstance(entry, str) else next(iter(entry)) for entry in written]
    configs = {
        key: value for entry in written if isinstance(entry, dict) for key, value in entry.items()
    }
    return names, configs


MARKDOWN_SETTINGS = site_markdown_settings()


@FUZZ_AND_RENDER
@given(mutated=mutated_roadmaps(prose_mutations))
def test_a_mutated_roadmap_that_loads_renders_every_page(mutated: MutatedRoadmap) -> None:
    with tempfile.TemporaryDirectory() as where:
        root, outcome = load_mutated(mutated, Path(where))
        if not isinstance(outcome, Roadmap):
            event("refused")
            return
        event("loaded")
        renderer = PageRenderer(outcome, MarkdownFields(*MARKDOWN_SETTINGS))
        for page in roadmap_pages(outcome):
            assert renderer.render(page).html
        assert published_files(outcome)
        for advice in roadmap_advice(outcome, root):  # reads the files again to locate them
            assert_located(advice, root)
