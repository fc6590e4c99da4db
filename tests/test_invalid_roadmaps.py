"""Every class of bad input is refused with file:line:column, the field and what was expected.

Each folder under fixtures/broken/ holds the files that differ from fixtures/good/ and an
expected.txt listing text that must appear in the report.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from learnpath.roadmap.problems import RoadmapInvalid
from learnpath.roadmap.validate import load_roadmap
from learnpath.roadmap.yamlfile import MAX_FILE_BYTES
from sitebuild import FIXTURES, build, make_project, overlay, validate

BROKEN = sorted(path.name for path in (FIXTURES / "broken").iterdir() if path.is_dir())


def broken_roadmap(case: str, tmp_path: Path) -> Path:
    return overlay(FIXTURES / "good", FIXTURES / "broken" / case, tmp_path / "roadmap")


def expected_lines(case: str) -> list[str]:
    text = (FIXTURES / "broken" / case / "expected.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("case", BROKEN)
def test_validate_reports_each_problem_with_file_line_and_field(case: str, tmp_path: Path) -> None:
    folder = broken_roadmap(case, tmp_path)
    done = validate(folder)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    for line in expected_lines(case):
        assert line in done.stderr, f"{line!r} not in:\n{done.stderr}"
    # However long the value or key a problem quotes, its report line stays readable.
    assert all(len(line) < 300 for line in done.stderr.splitlines()), done.stderr


@pytest.mark.parametrize(
    "case",
    ["many-problems", "javascript-url", "prerequisite-cycle", "huge-number", "impossible-dates"],
)
def test_mkdocs_build_stops_and_keeps_the_last_good_site(case: str, tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "good")
    overlay(FIXTURES / "good", FIXTURES / "broken" / case, tmp_path / "broken")
    (project / "site").mkdir()
    (project / "site" / "last-good.html").write_text("the site published before")
    for source in (tmp_path / "broken").rglob("*.yml"):
        target = project / "roadmap" / source.relative_to(tmp_path / "broken")
        target.write_bytes(source.read_bytes())

    result = build(project)

    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "Aborted with a BuildError" in result.output
    for line in expected_lines(case):
        assert line.split(":", 1)[-1] in result.output or line in result.output
    assert (project / "site" / "last-good.html").exists(), "the old site must not be cleaned"
    assert not (project / "site" / "index.html").exists(), "nothing new may be published"


def test_many_problems_are_all_reported_in_one_pass(tmp_path: Path) -> None:
    with pytest.raises(RoadmapInvalid) as raised:
        load_roadmap(broken_roadmap("many-problems", tmp_path))
    files = {problem.file.split("/", 1)[1] for problem in raised.value.problems}
    assert files == {"resources/data.yml", "stages/practice.yml", "stages/sharing.yml"}
    assert len(raised.value.problems) == 7


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    folder = overlay(FIXTURES / "good", FIXTURES / "broken" / "unknown-key", tmp_path / "roadmap")
    padding = "# " + "x" * 100 + "\n"
    text = "title: Big\nresources:\n" + padding * (MAX_FILE_BYTES // len(padding) + 1)
    (folder / "resources" / "big.yml").write_text(text, encoding="utf-8")
    done = validate(folder)
    assert done.returncode == 1
    assert "resources/big.yml: file is" in done.stderr
    assert "-byte limit" in done.stderr


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    """The classic "billion laughs": refused at the first anchor, never expanded."""
    folder = overlay(FIXTURES / "good", FIXTURES / "broken" / "unknown-key", tmp_path / "roadmap")
    lines = ["title: Bomb", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index in range(1, 9):
        previous = chr(ord("a") + index - 1)
        name = chr(ord("a") + index)
        lines.append(f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]")
    (folder / "stages" / "sharing.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = validate(folder)
    assert done.returncode == 1
    assert "stages/sharing.yml:2:4: YAML anchors (&a) are not allowed" in done.stderr


def test_missing_roadmap_file_says_how_to_start(tmp_path: Path) -> None:
    done = validate(tmp_path)
    assert done.returncode == 1
    assert "roadmap.yml: not found" in done.stderr
    assert "learnpath init" in done.stderr


def test_shipped_roadmap_validates(tmp_path: Path) -> None:
    env = {**os.environ}
    done = subprocess.run(
        [sys.executable, "-m", "learnpath.cli", "validate", "roadmap"],
        capture_output=True,
        text=True,
        cwd=FIXTURES.parents[1],
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    stages = len(load_roadmap(FIXTURES.parents[1] / "roadmap").stages)
    assert f"roadmap: OK. {stages} stages" in done.stdout


def test_warnings_are_shown_and_fail_only_strict_builds(tmp_path: Path) -> None:
    roadmap = overlay(
        FIXTURES / "good", FIXTURES / "warnings" / "prerequisite-later", tmp_path / "roadmap"
    )
    project = make_project(tmp_path / "project", roadmap)
    relaxed = build(project)
    assert relaxed.returncode == 0, relaxed.output
    assert "stage 'practice' needs 'basics', which comes later" in relaxed.output
    strict = build(project, "--strict", site=tmp_path / "strict-site")
    assert strict.returncode == 1
    assert "learnpath: 1 warning in strict mode; nothing was published." in strict.output
    assert "Traceback" not in strict.output
    assert not (tmp_path / "strict-site").exists()


def test_a_relative_link_in_a_field_is_a_warning_that_names_file_and_field(
    tmp_path: Path,
) -> None:
    """Fields are rendered on several pages: a relative link would break on some of them."""
    folder = overlay(
        FIXTURES / "good", FIXTURES / "warnings" / "relative-link", tmp_path / "roadmap"
    )
    done = validate(folder)
    assert done.returncode == 0, done.stderr
    assert (
        "warning: roadmap/stages/basics.yml:12:18: topics[0].description: "
        "the link '../format.md' is relative" in done.stderr
    )
    strict = subprocess.run(
        [sys.executable, "-m", "learnpath.cli", "validate", "--strict", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode == 1


def test_a_tag_no_resource_uses_is_a_warning_at_its_line_in_tags_yml(tmp_path: Path) -> None:
    """It would offer a filter that shows nothing."""
    folder = overlay(FIXTURES / "good", FIXTURES / "warnings" / "unused-tag", tmp_path / "roadmap")
    done = validate(folder)
    assert done.returncode == 0, done.stderr
    assert (
        "warning: roadmap/tags.yml:19:9: tags[8].id: tag 'statistics' is used by no resource"
        in done.stderr
    )


def test_a_fork_without_tags_yml_accepts_any_tag() -> None:
    """The vocabulary is optional: the fixture roadmap has none, and its tags are free-form."""
    assert not (FIXTURES / "good" / "tags.yml").exists()
    roadmap = load_roadmap(FIXTURES / "good")
    assert roadmap.tags == {}
    assert "security" in roadmap.resources["evil-resource"].tags


def test_counts_are_written_in_plain_english(tmp_path: Path) -> None:
    """One problem, one warning, one list: never "1 problems" or "1 resource lists"."""
    single = validate(broken_roadmap("url-credentials", tmp_path / "one-problem"))
    assert "The roadmap has 1 problem:" in single.stderr
    assert "Fix it and run `learnpath validate` again" in single.stderr

    folder = overlay(
        FIXTURES / "good", FIXTURES / "warnings" / "prerequisite-later", tmp_path / "roadmap"
    )
    (folder / "resources" / "data.yml").unlink()
    for stage in ("practice", "sharing"):
        text = (folder / "stages" / f"{stage}.yml").read_text(encoding="utf-8")
        for resource_id in ("pandas-docs", "kaggle-learn", "paid-book"):
            text = text.replace(f"{resource_id}, ", "").replace(f", {resource_id}", "")
            text = text.replace(f"[{resource_id}]", "[python-tutorial]")
        (folder / "stages" / f"{stage}.yml").write_text(text, encoding="utf-8")
    strict = subprocess.run(
        [sys.executable, "-m", "learnpath.cli", "validate", "--strict", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert strict.returncode == 1, strict.stderr
    assert re.search(r"warning: \S+/stages/\w+\.yml:\d+:\d+: prerequisites\[0\]", strict.stderr)
    assert "1 warning, which fails under --strict" in strict.stderr
    relaxed = validate(folder)
    assert "1 resource list, " in relaxed.stdout, relaxed.stdout + relaxed.stderr
