"""The fork-and-publish story: `learnpath init`, `new`, `schema`, and the docs page's commands."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import jsonschema
import pytest
import yaml

from learnpath.cli import main
from learnpath.site.export import json_schemas
from sitebuild import FIXTURES, REPO, build, overlay

BIN = Path(sys.executable).parent


def learnpath(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "learnpath"), *args], capture_output=True, text=True, cwd=cwd, check=False
    )


def test_init_creates_a_project_that_builds_strict(tmp_path: Path) -> None:
    done = learnpath("init", "mine", "--title", 'Ada\'s "ML": notes', cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    project = tmp_path / "mine"
    for name in ("mkdocs.yml", "docs/index.md", "roadmap/roadmap.yml", "roadmap/progress.yml",
                 ".github/workflows/site.yml", "schemas/stage.schema.json"):  # fmt: skip
        assert (project / name).is_file(), name
    result = build(project, "--strict")
    assert result.returncode == 0, result.output
    home = result.page("")
    assert home.h1.get_text(strip=True).startswith('Ada\'s "ML": notes')
    assert "This page is yours" in home.get_text()
    assert len(home.select(".lp-path__stage")) == 2
    assert result.page("progress/").select_one(".lp-log__entry") is not None
    workflow = yaml.safe_load((project / ".github/workflows/site.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "learnpath validate roadmap" in runs and "mkdocs build --strict" in runs
    build_step = steps[runs.index("mkdocs build --strict")]
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert any(step.get("id") == "pages" for step in steps), "site_url comes from Pages"
    assert (project / ".gitignore").read_text().splitlines()[:2] == ["site/", ".venv/"]
    # What the workflow passes from GitHub Pages becomes the site's address.
    address = {"SITE_URL": "https://ada.github.io/notes"}
    published = build(project, site=tmp_path / "published", env=address)
    assert published.returncode == 0, published.output
    canonical = published.page("stages/first-steps/").find("link", rel="canonical")
    assert canonical["href"] == "https://ada.github.io/notes/stages/first-steps/"
    assert result.page("").find("link", rel="canonical") is None, "no address, no canonical"


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: precious\n")
    done = learnpath("init", ".", cwd=tmp_path)
    assert done.returncode == 1
    assert "already exist" in done.stderr and "--force" in done.stderr
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: precious\n"
    assert not (tmp_path / "roadmap").exists(), "nothing may be written when refusing"
    assert learnpath("init", ".", "--force", cwd=tmp_path).returncode == 0
    assert "learnpath" in (tmp_path / "mkdocs.yml").read_text()


@pytest.mark.parametrize("layout", ["block", "flow"])
def test_new_stage_is_listed_last_keeping_the_file_layout(tmp_path: Path, layout: str) -> None:
    learnpath("init", ".", cwd=tmp_path)
    roadmap_file = tmp_path / "roadmap" / "roadmap.yml"
    if layout == "flow":
        text = roadmap_file.read_text()
        text = re.sub(r"stages:\n  - first-steps\n  - next-steps\n",
                      "stages: [first-steps, next-steps]  # in order\n", text)  # fmt: skip
        roadmap_file.write_text(text)
    done = learnpath("new", "stage", "statistics", "--title", "Statistics", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = yaml.safe_load(roadmap_file.read_text())
    assert data["stages"] == ["first-steps", "next-steps", "statistics"]
    assert roadmap_file.read_text().startswith("# yaml-language-server")
    assert yaml.safe_load((tmp_path / "roadmap/stages/statistics.yml").read_text())["title"] == (
        "Statistics"
    )
    assert learnpath("new", "list", "statistics-books", cwd=tmp_path).returncode == 0
    checked = learnpath("validate", "roadmap", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    # The new stage points at no resources yet: said now, not first in CI's strict build.
    assert re.search(
        r"warning: roadmap/stages/statistics\.yml:\d+:\d+: topics: "
        r"stage 'statistics' recommends no resources",
        checked.stderr,
    ), checked.stderr
    assert learnpath("validate", "--strict", "roadmap", cwd=tmp_path).returncode == 1
    again = learnpath("new", "stage", "statistics", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = learnpath("new", "stage", "Bad Id", cwd=tmp_path)
    assert bad.returncode == 1 and "not a valid stage id" in bad.stderr


def _as_json(data: object) -> object:
    """What an editor's YAML server hands the schema: dates as strings."""
    return json.loads(json.dumps(data, default=str))


def _schema_for(path: Path) -> str:
    if path.name == "roadmap.yml":
        return "roadmap"
    if path.name in ("progress.yml", "tags.yml"):
        return path.stem
    return "stage" if path.parent.name == "stages" else "resource-list"


def test_schemas_accept_every_shipped_yaml_file(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = {name: json.loads((tmp_path / f"{name}.schema.json").read_text())
               for name in json_schemas()}  # fmt: skip
    validators = {name: jsonschema.Draft202012Validator(schema) for name, schema in written.items()}
    assert main(["init", str(tmp_path / "new"), "--title", "New"]) == 0
    roots = [REPO / "roadmap", FIXTURES / "good", tmp_path / "new" / "roadmap"]
    checked = 0
    for root in roots:
        for path in sorted(root.rglob("*.yml")):
            data = _as_json(yaml.safe_load(path.read_text(encoding="utf-8")))
            errors = list(validators[_schema_for(path)].iter_errors(data))
            assert errors == [], f"{path}: {errors[0].message if errors else ''}"
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize(
    ("case", "file"),
    [("unknown-key", "stages/sharing.yml"), ("javascript-url", "resources/data.yml"),
     ("wrong-type", "stages/practice.yml"), ("progress-bad-entries", "progress.yml"),
     ("repeated-items", "stages/practice.yml")],
)  # fmt: skip
def test_a_broken_file_is_rejected_by_schema_and_validate(
    tmp_path: Path, case: str, file: str
) -> None:
    folder = overlay(FIXTURES / "good", FIXTURES / "broken" / case, tmp_path / "roadmap")
    path = folder / file
    schema = json_schemas()[_schema_for(path)]
    data = yaml.safe_load(path.read_text())
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(_as_json(data))) != []
    assert learnpath("validate", str(folder), cwd=tmp_path).returncode == 1


def test_a_blank_title_is_refused_by_the_schema_as_by_validate() -> None:
    """The validator strips spaces before checking; the editor's schema must agree."""
    schema = json_schemas()["stage"]
    errors = jsonschema.Draft202012Validator(schema).iter_errors({"title": "   ", "summary": "s"})
    assert [error.json_path for error in errors] == ["$.title"]


def _console_commands(page: Path) -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", page.read_text(encoding="utf-8"), re.S)
    return [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_every_command_on_the_make_it_yours_page_works(tmp_path: Path) -> None:
    """Run the page's commands in order, as a reader would, against a local "GitHub"."""
    commands = _console_commands(REPO / "docs" / "make-it-yours.md")
    assert len(commands) >= 10
    fork = tmp_path / "fork.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(REPO), str(fork)], check=True)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GIT_AUTHOR_NAME": "Reader", "GIT_AUTHOR_EMAIL": "reader@example.org",
        "GIT_COMMITTER_NAME": "Reader", "GIT_COMMITTER_EMAIL": "reader@example.org",
        "NO_MKDOCS_2_WARNING": "1",
    }  # fmt: skip
    cwd = tmp_path / "home"
    cwd.mkdir()
    for command in commands:
        command = command.replace("https://github.com/YOUR-NAME/learnpath.git", str(fork))
        if command.startswith("cd "):
            cwd = (cwd / command[3:]).resolve()
            continue
        if command == ". .venv/bin/activate":
            # The test's own environment stands in for the one `make serve` creates.
            assert "$(BIN)/python -m pip install" in (cwd / "Makefile").read_text()
            continue
        if command in ("make serve", "mkdocs serve"):
            _serve_and_fetch(cwd, env)
            continue
        done = subprocess.run(command, shell=True, cwd=cwd, env=env, capture_output=True,
                              text=True, check=False)  # fmt: skip
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    pushed = subprocess.run(["git", "--git-dir", str(fork), "log", "-1", "--format=%s"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert pushed.stdout.strip() == "Make the roadmap mine"
    assert (tmp_path / "home" / "my-new-roadmap" / "roadmap" / "roadmap.yml").exists()


def _serve_and_fetch(project: Path, env: dict[str, str]) -> None:
    """`mkdocs serve` (what `make serve` runs after setting up) answers with the site."""
    port = _free_port()
    server = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    assert "lp-path" in response.read().decode()
                    return
            except OSError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "mkdocs serve did not answer in 60 s"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_watches_the_roadmap_folder() -> None:
    """`on_serve` registers roadmap/ with the live-reload server, so YAML edits rebuild."""
    from learnpath.engines.mkdocs import LearnpathPlugin

    class Recorder:
        def __init__(self) -> None:
            self.paths: list[str] = []

        def watch(self, path: str) -> None:
            self.paths.append(path)

    plugin = LearnpathPlugin()
    plugin.load_config({"roadmap_dir": "roadmap"})

    class Config(dict):
        config_file_path = str(REPO / "mkdocs.yml")

    recorder = Recorder()
    plugin.on_serve(recorder, config=Config(), builder=None)  # type: ignore[arg-type]
    assert recorder.paths == [str(REPO / "roadmap")]


def test_new_project_installs_learnpath_from_the_repository_it_came_from(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """learnpath is not on PyPI: a bare `learnpath` requirement would fail in the workflows."""
    from learnpath import scaffold

    class InstalledFromGit:
        def read_text(self, name: str) -> str:
            assert name == "direct_url.json"
            return json.dumps(
                {
                    "url": "https://github.com/ada/learnpath",
                    "vcs_info": {"vcs": "git", "commit_id": "abc123"},
                }
            )

    monkeypatch.setattr(scaffold, "distribution", lambda name: InstalledFromGit())
    assert scaffold.requirements() == "learnpath @ git+https://github.com/ada/learnpath@abc123\n"

    class InstalledFromAFolder:
        def read_text(self, name: str) -> str:
            return json.dumps({"url": "file:///home/ada/learnpath", "dir_info": {"editable": True}})

    monkeypatch.setattr(scaffold, "distribution", lambda name: InstalledFromAFolder())
    lines = scaffold.requirements().splitlines()
    assert lines[0].startswith("# learnpath is not on PyPI yet")
    assert lines[1] == "learnpath @ git+https://github.com/YOUR-NAME/learnpath"
