"""How long from saving a stage's YAML to seeing the change under `learnpath serve`?

For the shipped project (mkdocs.yml, docs/, roadmap/, copied to a temporary folder, never
touching the repository's files; target <= 1.0 s) and for a synthetic 100 x 25 roadmap
(synthetic.py; target <= 3.0 s), starts `learnpath serve` on a free local port, waits for the
first build, then edits one stage's summary several times. After each edit it measures:

- reload signal: when the live-reload long-poll a browser tab keeps open returns a new epoch,
  which is when an open tab would reload;
- page updated: when the served stage page first contains the new text.

For comparison it also times a plain `mkdocs build` of the same project.

    .venv/bin/python bench/live_reload.py [--projects shipped,100x25] [--edits 5] [--builds 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path

from measure import build_env, median, mkdocs_build, verdict
from synthetic import make_roadmap, write_learnpath_project

from learnpath.site.pages import page_url, stage_path

REPO = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "docs", "roadmap")
_EPOCH = re.compile(rb"livereload\((\d+),\s*(\d+)\)")
_SUMMARY = re.compile(r"^summary:.*(?:\n[ \t]+\S.*)*$", re.M)  # with its folded lines
SHIPPED = "shipped"
SHIPPED_STAGE = "the-maths"
TARGETS = {SHIPPED: 1.0, "100x25": 3.0}
"""Seconds from saving the file to the page served with the change (median of the edits)."""


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--projects",
        type=lambda text: [name.strip() for name in text.split(",") if name.strip()],
        default=list(TARGETS),
        help="'shipped' and/or synthetic sizes like 100x25 (default: shipped,100x25)",
    )
    parser.add_argument("--edits", type=int, default=5, help="edits to time")
    parser.add_argument("--builds", type=int, default=3, help="plain builds to time (>= 1)")
    parser.add_argument("--quick", action="store_true", help="3 edits, 1 plain build")
    parser.add_argument(
        "--package",
        type=Path,
        help="folder holding another copy of the learnpath package to run instead (before/after)",
    )
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a step")
    options = parser.parse_args()
    if options.quick:
        options.edits, options.builds = 3, 1
    return options


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    return target / "mkdocs.yml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 70) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def page_contains(url: str, text: str) -> bool:
    return text.encode() in (fetch(url) or b"")


def wait_for(check: Callable[[], object], timeout: float, interval: float = 0.02) -> float:
    """Call `check` until it returns something true; return the seconds it took."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if check():
            return time.perf_counter() - start
        time.sleep(interval)
    raise TimeoutError(f"gave up after {timeout:.0f} s")


def rss_mib(pid: int) -> float | None:
    """Resident memory of a running process and its children (`learnpath serve` runs the
    engine's server as a child), from /proc (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    match = re.search(r"^VmRSS:\s+(\d+) kB", status, re.M)
    own = int(match[1]) / 1024 if match else 0.0
    return own + sum(rss_mib(int(child)) or 0.0 for child in children)


class ReloadWatcher(threading.Thread):
    """Keeps the long-poll a live-reloading browser tab keeps; notes when it is answered."""

    def __init__(self, base: str, epoch: int) -> None:
        super().__init__(daemon=True)
        self.url = f"{base}livereload/{epoch}/{int(time.time() * 1000)}"
        self.answered_at: float | None = None

    def run(self) -> None:
        if fetch(self.url) is not None:
            self.answered_at = time.perf_counter()


def main() -> int:
    options = parse_options()
    results: list[tuple[str, float, float]] = []
    for name in options.projects:
        work = Path(tempfile.mkdtemp(prefix="learnpath-live-reload-"))
        try:
            config, stage = make_project(name, work / "project")
            print(f"\n== {name} project: editing stage {stage} ==")
            updates = measure_live_reload(options, config, stage, work)
            if not updates:
                return 2
            env = build_env(options.package)
            builds = [
                mkdocs_build(config, work / "site", env=env).seconds for _ in range(options.builds)
            ]
            print(
                f"Plain `mkdocs build` of the same project: median {median(builds):.2f} s "
                f"over {len(builds)} build(s)"
            )
            print(f"Edit-to-page-updated / plain build: {median(updates) / median(builds):.2f}")
            target = TARGETS.get(name, TARGETS["100x25"])
            results.append((name, median(updates), target))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print("\nLive reload, edit of one stage file to the updated page (median):")
    for name, seconds, target in results:
        print(
            f"  {name:>8}: {seconds:.2f} s (target <= {target:.1f} s): {verdict(seconds, target)}"
        )
    passed = all(seconds <= target for _, seconds, target in results)
    print(f"Live reload: {'PASS' if passed else 'FAIL'}")
    return 0 if passed else 1


def make_project(name: str, target: Path) -> tuple[Path, str]:
    """The shipped project copied, or a synthetic one of size `name` (`100x25`); returns its
    mkdocs.yml and the id of the stage to edit (one in the middle of the path)."""
    if name == SHIPPED:
        return copy_project(target), SHIPPED_STAGE
    stages, _, resources = name.partition("x")
    roadmap = make_roadmap(int(stages), int(resources), "long")
    config = write_learnpath_project(roadmap, target)
    return config, roadmap.stages[len(roadmap.stages) // 2].id


def measure_live_reload(
    options: argparse.Namespace, config: Path, stage: str, work: Path
) -> list[float]:
    """Serve the project, edit the stage, print each timing; returns the page-updated times."""
    stage_file = config.parent / "roadmap" / "stages" / f"{stage}.yml"
    original = stage_file.read_text(encoding="utf-8")
    if not _SUMMARY.search(original):
        print(f"{stage_file.name} has no one-line `summary:` to edit")
        return []
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    page = base + page_url(stage_path(stage))
    command = [sys.executable, "-m", "learnpath.cli", "serve", "-f", str(config)]
    command += ["-a", f"127.0.0.1:{port}"]
    with (work / "serve.log").open("wb") as log:
        started = time.perf_counter()
        server = subprocess.Popen(
            command,
            env=build_env(options.package),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for(lambda: server.poll() is not None or fetch(page, 5), options.timeout, 0.1)
            if server.poll() is not None:
                print("learnpath serve stopped:\n" + (work / "serve.log").read_text())
                return []
            print(
                f"learnpath serve: first build served after {time.perf_counter() - started:.2f} s"
            )
            print(f"  server RSS after the first build: {rss_mib(server.pid) or 0:.0f} MiB")
            return _time_edits(options, server, stage_file, original, base, page)
        finally:
            if server.poll() is None:
                # Ctrl-C, to the server and the engine it runs: both shut down cleanly on it.
                os.killpg(server.pid, signal.SIGINT)
                try:
                    server.wait(15)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()


def _time_edits(
    options: argparse.Namespace,
    server: subprocess.Popen[bytes],
    stage_file: Path,
    original: str,
    base: str,
    page: str,
) -> list[float]:
    signals, updates = [], []
    print(f"\nEditing the summary of roadmap/stages/{stage_file.name} {options.edits} times:")
    for edit in range(1, options.edits + 1):
        time.sleep(0.5)  # let the watcher and server settle after the previous build
        epoch = _EPOCH.search(fetch(page) or b"")
        watcher = None
        if epoch:
            watcher = ReloadWatcher(base, int(epoch[1]))
            watcher.start()
            time.sleep(0.1)  # the poll must be waiting before the edit
        marker = f"Edited for the live-reload benchmark, check {edit}-{time.time_ns()}"
        edited = _SUMMARY.sub(f'summary: "{marker}"', original, count=1)
        start = time.perf_counter()
        stage_file.write_text(edited, encoding="utf-8")
        if watcher is not None:
            # As a browser tab does: wait for the reload signal, then load the page. Polling
            # the page meanwhile would slow the build it waits for (the server shares its
            # process), so the page is asked for once the signal says it is ready.
            watcher.join(options.timeout)
        signal = None
        if watcher is not None and watcher.answered_at is not None:
            signal = watcher.answered_at - start
            signals.append(signal)
        # The page must carry the edit: at the signal, as the reloading tab sees it, or later.
        if signal is not None and page_contains(page, marker):
            updated = signal
        else:
            wait_for(partial(page_contains, page, marker), options.timeout, 0.1)
            updated = time.perf_counter() - start
        line = f"  edit {edit}: page updated after {updated:.2f} s"
        if signal is not None:
            line += f", reload signal after {signal:.2f} s"
        updates.append(updated)
        print(f"{line}; server RSS {rss_mib(server.pid) or 0:.0f} MiB")
    print(f"\nMedian edit-to-page-updated time: {median(updates):.2f} s")
    if signals:
        print(f"Median edit-to-reload-signal time: {median(signals):.2f} s")
    else:
        print("No live-reload script in the served page: the reload signal was not measured")
    return updates


if __name__ == "__main__":
    sys.exit(main())
