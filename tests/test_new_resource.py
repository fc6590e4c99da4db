"""`learnpath new resource`: a curator adds a resource with one command, dated today, and it
reaches What's new and the feed; a mistake is refused before the file changes."""

from __future__ import annotations

import datetime
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from learnpath.roadmap import additions
from learnpath.roadmap.additions import AdditionRefused, add_resource
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.feed import atom_feed
from learnpath.site.markup import MarkdownFields
from sitebuild import FIXTURES, REPO

BIN = Path(sys.executable).parent
KHAN = [
    "--url", "https://www.khanacademy.org/math/statistics-probability",
    "--title", 'Statistics & "probability": the course',
    "--type", "course",
]  # fmt: skip


def learnpath(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "learnpath"), *args], capture_output=True, text=True, cwd=cwd, check=False
    )


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped roadmap, in a project folder: `learnpath` finds ./roadmap."""
    shutil.copytree(REPO / "roadmap", tmp_path / "roadmap")
    return tmp_path


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for path in sorted(folder.rglob("*.yml"))}


def test_a_new_resource_is_appended_dated_today_and_reaches_the_feed(shipped: Path) -> None:
    maths = shipped / "roadmap" / "resources" / "maths.yml"
    before = maths.read_text(encoding="utf-8")
    today = datetime.date.today()
    done = learnpath(
        "new", "resource", "maths", "khan-statistics", *KHAN, "--author", "Khan Academy",
        "--free", "--level", "beginner", cwd=shipped,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = maths.read_text(encoding="utf-8")
    assert after.startswith(before), "the file is appended to, not written again"
    added = after[len(before) :]
    assert added.startswith("\n  - id: khan-statistics\n"), "a blank line, as between the others"
    line = len(before.splitlines()) + 2
    assert f"roadmap/resources/maths.yml:{line}" in done.stdout
    assert after.splitlines()[line - 1] == "  - id: khan-statistics"

    roadmap = load_roadmap(shipped / "roadmap")
    resource = roadmap.resources["khan-statistics"]
    assert resource.added in (today, datetime.date.today())  # run across midnight
    assert resource.title == 'Statistics & "probability": the course'
    assert (resource.author, resource.free, resource.level) == ("Khan Academy", True, "beginner")
    assert roadmap.list_of_resource["khan-statistics"] == "maths"
    newest_day = roadmap.newest_resources()[0][0].added
    assert resource.added == newest_day  # nothing in the roadmap is newer than today
    atom = "{http://www.w3.org/2005/Atom}"
    entries = ElementTree.fromstring(atom_feed(roadmap, MarkdownFields())).iter(f"{atom}entry")
    titles = [entry.findtext(f"{atom}title") for entry in entries]
    assert resource.title in titles


LIST_WITH_COMMENTS = """\
# Data: what we read about tables.
resources:
  - id: pandas-docs
    title: pandas user guide
    url: https://pandas.pydata.org/docs/user_guide/index.html
    type: docs
    free: true  # checked in 2026
  - id: kaggle-learn
    title: Kaggle Learn
    url: https://www.kaggle.com/learn
    type: course
  - id: paid-book
    title: A Paid Book
    url: http://example.com/book
    type: book
    description: |
      A block of text

      with a blank line inside.
    # the last entry's own note
# notes for whoever edits this file next
title: Data
description: Working with data.
"""


def test_comments_and_keys_after_the_resources_stay_where_they_are(tmp_path: Path) -> None:
    roadmap_dir = shutil.copytree(FIXTURES / "good", tmp_path / "roadmap")
    data = roadmap_dir / "resources" / "data.yml"
    data.write_text(LIST_WITH_COMMENTS, encoding="utf-8")
    fields = {"id": "polars-guide", "title": "Polars user guide", "url": "https://docs.pola.rs/",
              "type": "docs", "added": datetime.date(2026, 3, 1)}  # fmt: skip

    added = add_resource(roadmap_dir, "data", fields)

    entry = (
        "  - id: polars-guide\n"
        '    title: "Polars user guide"\n'
        '    url: "https://docs.pola.rs/"\n'
        "    type: docs\n"
        "    added: 2026-03-01\n"
    )
    note = "    # the last entry's own note\n"
    assert data.read_text(encoding="utf-8") == LIST_WITH_COMMENTS.replace(note, note + entry)
    assert added.line == LIST_WITH_COMMENTS.splitlines().index(note.rstrip()) + 2
    assert load_roadmap(roadmap_dir).resources["polars-guide"].added == datetime.date(2026, 3, 1)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["maths", "3blue1brown-essence-of-linear-algebra", *KHAN],
         "ID: '3blue1brown-essence-of-linear-algebra' is already a resource, in "
         "roadmap/resources/maths.yml:4; choose another id"),
        (["mths", "khan-statistics", *KHAN],
         "LIST: no list 'mths': there is no roadmap/resources/mths.yml; did you mean 'maths'?"),
        (["statistics", "khan-statistics", *KHAN],
         "`learnpath new list statistics` starts one"),
        (["maths", "Khan_Statistics", *KHAN],
         "ID: expected a lowercase id such as 'deep-learning' (letters, digits and single "
         "dashes), got 'Khan_Statistics'"),
        (["maths", "khan-statistics", *KHAN[:-2], "--type", "vidoe"],
         "--type: expected one of course | video | book | article | paper | docs | tool | "
         "community | podcast | newsletter, got 'vidoe'; did you mean 'video'?"),
        (["maths", "khan-statistics", "--url", "javascript:alert(1)", *KHAN[2:]],
         "--url: expected an http:// or https:// URL"),
        (["maths", "khan-statistics", "--url", "https://ada:secret@example.org/", *KHAN[2:]],
         "--url: expected a URL without a user name or password"),
        (["maths", "khan-statistics", *KHAN, "--level", "expert"],
         "--level: expected one of beginner | intermediate | advanced, got 'expert'"),
        (["maths", "khan-statistics", "--url", "ftp://x.org", "--title", " ", "--type", "film"],
         "3 problems, so nothing was added:\n  --title: must not be empty\n  --url: expected"),
        (["maths", "khan-statistics", *KHAN, "--added", "2026-02-30"],
         "argument --added: '2026-02-30' is not a real date written as YYYY-MM-DD"),
    ],
)  # fmt: skip
def test_a_mistake_is_refused_with_a_clear_message_and_nothing_changes(
    shipped: Path, arguments: list[str], message: str
) -> None:
    before = files_of(shipped)
    done = learnpath("new", "resource", *arguments, cwd=shipped)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert message in done.stderr, done.stderr
    assert files_of(shipped) == before


def test_a_roadmap_with_problems_is_fixed_first(shipped: Path) -> None:
    stage = shipped / "roadmap" / "stages" / "the-maths.yml"
    stage.write_text(stage.read_text(encoding="utf-8") + "levle: beginner\n", encoding="utf-8")
    before = files_of(shipped)
    done = learnpath("new", "resource", "maths", "khan-statistics", *KHAN, cwd=shipped)
    assert done.returncode == 1
    assert "nothing was added: fix the roadmap first" in done.stderr
    assert "roadmap/stages/the-maths.yml" in done.stderr and "levle" in done.stderr
    assert files_of(shipped) == before


def test_an_entry_the_roadmap_refuses_is_taken_out_again(
    shipped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the text written not be what was meant, the validator has the last word."""
    monkeypatch.setattr(additions, "_entry_text", lambda *_: "  - id: broken\n    type: [\n")
    before = files_of(shipped)
    fields = {"id": "khan-statistics", "title": "Statistics", "type": "course",
              "url": "https://www.khanacademy.org/"}  # fmt: skip
    with pytest.raises(AdditionRefused) as refused:
        add_resource(shipped / "roadmap", "maths", fields)
    assert "the roadmap would not validate with it" in str(refused.value)
    assert "roadmap/resources/maths.yml" in str(refused.value)
    assert files_of(shipped) == before


def test_help_says_what_to_give_and_what_happens(shipped: Path) -> None:
    done = learnpath("new", "resource", "--help", cwd=shipped)
    assert done.returncode == 0
    for words in ("LIST ID", "--url URL", "--title TITLE", "--type TYPE", "today's date",
                  "What's new", "course, video, book", "--added YYYY-MM-DD"):  # fmt: skip
        assert words in done.stdout, words
    overview = learnpath("new", "--help", cwd=shipped)
    assert all(kind in overview.stdout for kind in ("stage", "list", "resource"))
