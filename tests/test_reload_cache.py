"""What `learnpath serve` keeps between rebuilds (roadmap/filecache.py, the plugin kept alive by
MkDocs): a rebuild must show exactly what a first build of the edited files would."""

from __future__ import annotations

import contextlib
import gc
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from learnpath.roadmap.filecache import CheckedFiles
from learnpath.roadmap.problems import RoadmapInvalid
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.render import PageRenderer
from sitebuild import FIXTURES, make_project


@pytest.fixture
def roadmap_dir(tmp_path: Path) -> Path:
    target = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "good", target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_unchanged_file_is_taken_as_it_was_checked(roadmap_dir: Path) -> None:
    kept = CheckedFiles()
    first = load_roadmap(roadmap_dir, kept)
    second = load_roadmap(roadmap_dir, kept)
    stage = first.stages[0]
    assert second.stage(stage.id) == stage
    # The very same validated resource records: nothing was parsed or checked again.
    some = next(iter(first.resources))
    assert second.resources[some] is first.resources[some]


def test_an_edited_file_is_read_again(roadmap_dir: Path) -> None:
    kept = CheckedFiles()
    first = load_roadmap(roadmap_dir, kept)
    stage_file = roadmap_dir / "stages" / f"{first.stages[0].id}.yml"
    summary = first.stages[0].summary
    edit(stage_file, summary, "A summary edited while serving")
    # Same size and modification time would not fool it: the bytes decide.
    os.utime(stage_file, ns=(stage_file.stat().st_atime_ns, stage_file.stat().st_mtime_ns))
    assert load_roadmap(roadmap_dir, kept).stages[0].summary == "A summary edited while serving"


def test_a_broken_file_is_reported_on_every_load_until_fixed(roadmap_dir: Path) -> None:
    kept = CheckedFiles()
    roadmap = load_roadmap(roadmap_dir, kept)
    stage_file = roadmap_dir / "stages" / f"{roadmap.stages[0].id}.yml"
    good = stage_file.read_text(encoding="utf-8")
    edit(stage_file, "summary:", "summry:")
    for _ in range(2):
        with pytest.raises(RoadmapInvalid) as invalid:
            load_roadmap(roadmap_dir, kept)
        assert "summry" in invalid.value.report()
    stage_file.write_text(good, encoding="utf-8")
    assert load_roadmap(roadmap_dir, kept).stages[0].summary == roadmap.stages[0].summary


def test_a_deleted_file_is_forgotten(roadmap_dir: Path) -> None:
    kept = CheckedFiles()
    roadmap = load_roadmap(roadmap_dir, kept)
    unused = [
        rl for rl in roadmap.lists if not any(r.id in roadmap.stages_using() for r in rl.resources)
    ]
    lists = sorted((roadmap_dir / "resources").glob("*.yml"))
    before = len(kept._kept)
    # A list whose resources no stage uses can go without breaking the roadmap; else any list.
    gone = roadmap_dir / "resources" / f"{unused[0].id}.yml" if unused else lists[-1]
    gone.unlink()
    with contextlib.suppress(RoadmapInvalid):  # a stage may have used it: no matter here
        load_roadmap(roadmap_dir, kept)
    assert len(kept._kept) == before - 1


def test_a_rebuild_in_one_process_shows_the_edit(tmp_path: Path) -> None:
    """As under `mkdocs serve`: the config is loaded again for each build, the plugin (and what
    it keeps) is the same object, and the rebuilt page carries the edit."""
    project = make_project(tmp_path / "project", FIXTURES / "good")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    def build_once() -> object:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return config.plugins["learnpath"]

    first_plugin = build_once()
    stage = first_plugin.roadmap.stages[0]  # type: ignore[attr-defined]
    edit(project / "roadmap" / "stages" / f"{stage.id}.yml", stage.summary, "Edited summary")
    assert build_once() is first_plugin
    page = tmp_path / "site" / "stages" / stage.id / "index.html"
    summary = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(
        "p.lp-summary"
    )
    assert summary is not None and summary.get_text() == "Edited summary"


@pytest.mark.parametrize("fails", [False, True], ids=["built", "failed"])
def test_a_build_leaves_nothing_frozen(
    tmp_path: Path, fails: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plugin keeps what lives for the whole build out of the garbage collector's walks
    (gc.freeze) and gives it back when the build ends, built or failed half way: under `serve`
    the previous roadmap must be collectable."""
    project = make_project(tmp_path / "project", FIXTURES / "good")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    if fails:

        def broken(*args: object, **kwargs: object) -> None:
            raise RuntimeError("a page failed to render")

        monkeypatch.setattr(PageRenderer, "render", broken)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    assert gc.get_freeze_count() == 0
    if fails:
        with pytest.raises(RuntimeError, match="a page failed to render"):
            build(config)
    else:
        build(config)
        assert (tmp_path / "site" / "stages" / "basics" / "index.html").is_file()
    assert gc.get_freeze_count() == 0
