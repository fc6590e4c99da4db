"""Run one MkDocs build in its own process and measure it: wall time, CPU time, peak memory.

`os.wait4` returns the resource usage of exactly the child it reaps, so each build's peak RSS is
its own, not the running maximum over every child that `RUSAGE_CHILDREN` would give.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Builds run as on an author's machine, where Python keeps the bytecode it compiles: with
# PYTHONDONTWRITEBYTECODE set (some CI images set it), every build would compile the editable
# learnpath package from source again, while the site-packages on the Markdown side come
# precompiled by pip.
BUILD_ENV = {
    key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
} | {"NO_MKDOCS_2_WARNING": "1"}


class BuildFailed(RuntimeError):
    """A benchmark build exited with an error; carries what MkDocs printed."""


@dataclass(frozen=True)
class Build:
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float


def build_env(package: Path | None = None) -> dict[str, str]:
    """The environment for builds; `package` is a folder holding a `learnpath` package to use
    instead of the installed one (to measure a change on a copy of the code)."""
    env = dict(BUILD_ENV)
    if package is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package), env.get("PYTHONPATH")]))
    return env


def mkdocs_build(
    config: Path,
    site: Path,
    *,
    quiet: bool = True,
    env: dict[str, str] | None = None,
    engine: str = "mkdocs",
) -> Build:
    """`python -m mkdocs build -f config -d site` (or `properdocs`), or `learnpath build
    --engine zensical`, which stages the build for Zensical: timed around the subprocess, its
    own children included."""
    if engine in ("mkdocs", "properdocs"):
        command = [sys.executable, "-m", engine, "build", "-f", str(config), "-d", str(site)]
        if quiet:
            command.append("-q")
    else:
        command = [sys.executable, "-m", "learnpath.cli", "build", "--engine", engine]
        command += ["-f", str(config), "-d", str(site)]
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env or BUILD_ENV, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            output.seek(0)
            text = output.read().decode("utf-8", "replace")
            raise BuildFailed(f"{' '.join(command)} exited {process.returncode}:\n{text}")
    cpu = usage.ru_utime + usage.ru_stime
    return Build(seconds, cpu, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def median(values: list[float]) -> float:
    return statistics.median(values)


def count_pages(site: Path) -> int:
    """HTML pages of a built site, not counting the 404 page."""
    return sum(1 for page in site.rglob("*.html") if page.name != "404.html")


def verdict(value: float, target: float) -> str:
    return "PASS" if value <= target else "FAIL"
