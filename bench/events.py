"""One MkDocs build in this process, with the time spent in each plugin's events recorded.

The event methods of the learnpath and search plugin classes are wrapped before MkDocs loads the
config (it registers bound methods when it loads), so the figures cover exactly the plugin code
and nothing of MkDocs' own page building. Run as a script it prints the figures as JSON, which
lets a benchmark build each size in a fresh process:

    .venv/bin/python bench/events.py path/to/mkdocs.yml path/to/site [--pages-only]
"""

from __future__ import annotations

import functools
import json
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from material.plugins.search.plugin import SearchPlugin
from mkdocs.commands.build import _populate_page, build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from learnpath.engines.mkdocs import LearnpathPlugin

TIMED = {"learnpath": LearnpathPlugin, "search": SearchPlugin}


def timed_build(config_file: Path, site: Path, *, pages_only: bool = False) -> dict[str, float]:
    """Seconds for the whole build (`build`, and `build_cpu` in CPU time) and CPU seconds for
    each `<plugin>.<event>`, plus `<plugin>` totals. The build is single-threaded, so CPU time is
    what an idle machine's clock would show, and it is far less disturbed by other jobs.

    `pages_only` stops once every page has its content, before the theme renders and writes
    anything: all of a plugin's own work, without the theme's (whose navigation costs grow with
    pages x pages) or the search index's.
    """
    seconds: dict[str, float] = defaultdict(float)
    originals = _wrap_events(seconds)
    try:
        start, cpu_start = time.perf_counter(), time.process_time()
        config = load_config(str(config_file), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            if pages_only:
                populate_pages(config)
            else:
                build(config)
        finally:
            config.plugins.on_shutdown()
        seconds["build"] = time.perf_counter() - start
        seconds["build_cpu"] = time.process_time() - cpu_start
    finally:
        for (cls, name), method in originals.items():
            setattr(cls, name, method)
    for plugin in TIMED:
        seconds[plugin] = sum(v for k, v in seconds.items() if k.startswith(f"{plugin}."))
    return dict(seconds)


def populate_pages(config: MkDocsConfig) -> None:
    """The steps of `mkdocs.commands.build.build` up to and including reading every page."""
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for file in files.documentation_pages():
        if file.page is None:
            Page(None, file, config)
        assert file.page is not None
        _populate_page(file.page, config, files)


def _wrap_events(seconds: dict[str, float]) -> dict[tuple[type, str], Callable[..., Any]]:
    originals = {}
    for plugin, cls in TIMED.items():
        for name, method in list(vars(cls).items()):
            if name.startswith("on_") and callable(method):
                originals[(cls, name)] = method
                setattr(cls, name, _timed(method, f"{plugin}.{name}", seconds))
    return originals


def _timed(method: Callable[..., Any], key: str, seconds: dict[str, float]) -> Callable[..., Any]:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return method(*args, **kwargs)
        finally:
            seconds[key] += time.process_time() - start

    return wrapper


if __name__ == "__main__":
    pages_only = "--pages-only" in sys.argv
    config_file, site = (Path(arg) for arg in sys.argv[1:] if arg != "--pages-only")
    figures = timed_build(config_file, site, pages_only=pages_only)
    figures["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(figures))
