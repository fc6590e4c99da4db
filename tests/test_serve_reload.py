"""`learnpath serve` rebuilds when a roadmap file is saved, from the system's file events
(engines/mkdocs.py `watch_natively`), once per save: the build reads every file, and a read
must not start another build."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from learnpath.engines.mkdocs import LearnpathPlugin
from sitebuild import FIXTURES, make_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(check, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_a_saved_file_asks_for_a_rebuild_and_a_read_does_not(tmp_path: Path) -> None:
    roadmap = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "good", roadmap)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    plugin = LearnpathPlugin()
    plugin.load_config({"roadmap_dir": "roadmap"})

    class Config(dict):
        config_file_path = str(tmp_path / "mkdocs.yml")

    plugin.on_serve(server, config=Config(), builder=None)  # type: ignore[arg-type]
    try:
        assert plugin.observers, "the roadmap is watched by the system's file events"
        assert str(roadmap) not in server._watched_paths  # not by MkDocs' half-second polling
        stage = next((roadmap / "stages").glob("*.yml"))
        stage.read_bytes()  # as a build does
        time.sleep(0.3)
        assert not server._want_rebuild
        stage.write_text(stage.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        assert _wait(lambda: server._want_rebuild, 2.0)
    finally:
        plugin.on_shutdown()
    assert not plugin.observers


def test_serve_shows_a_saved_stage_after_one_rebuild(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "good")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "learnpath.cli", "serve", "-a", f"127.0.0.1:{port}"]
    with log.open("wb") as output:
        server = subprocess.Popen(
            command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    stage_file = sorted((project / "roadmap" / "stages").glob("*.yml"))[0]
    page = f"http://127.0.0.1:{port}/stages/{stage_file.stem}/"

    def page_text() -> str:
        try:
            with urllib.request.urlopen(page, timeout=2) as response:
                return response.read().decode()
        except OSError:
            return ""

    try:
        assert _wait(lambda: "lp-summary" in page_text(), 60), log.read_text()
        text = stage_file.read_text(encoding="utf-8")
        summary = re.search(r"^summary: (.*)$", text, re.M)
        assert summary is not None
        stage_file.write_text(
            text.replace(summary[0], "summary: Saved while serving", 1), encoding="utf-8"
        )
        assert _wait(lambda: "Saved while serving" in page_text(), 20), log.read_text()
        time.sleep(1.5)  # a rebuild loop would show by now
        builds = log.read_text().count("Building documentation")
        assert builds == 2, log.read_text()  # the first build and one for the save
    finally:
        os.killpg(server.pid, 2)
        server.wait(timeout=15)
