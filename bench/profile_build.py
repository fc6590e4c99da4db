"""Where does a learnpath build spend its time? cProfile over one in-process MkDocs build.

Builds the synthetic roadmap (default 100 x 25, as build_speed.py) once untimed to warm up, then
once under cProfile, and prints the top functions by own time and by cumulative time, the same
for learnpath's own functions only, and the time spent inside each plugin event.

    .venv/bin/python bench/profile_build.py [--stages 100] [--resources 25] [--top 25]
        [--markdown] [--text short|long] [--config bare|typical] [--save build.prof]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import tempfile
from pathlib import Path

from synthetic import (
    CONFIGS,
    TEXTS,
    make_roadmap,
    write_learnpath_project,
    write_markdown_project,
)

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config

EVENTS = ("on_config", "on_files", "on_page_markdown", "on_page_content", "on_post_build")


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=100)
    parser.add_argument("--resources", type=int, default=25)
    parser.add_argument("--top", type=int, default=25, help="rows per table")
    parser.add_argument("--quick", action="store_true", help="20 x 10")
    parser.add_argument("--markdown", action="store_true", help="profile the Markdown side")
    parser.add_argument("--text", choices=TEXTS, default="long", help="descriptions' style")
    parser.add_argument("--config", choices=CONFIGS, default="typical", help="mkdocs.yml")
    parser.add_argument("--save", type=Path, help="also write the raw profile here")
    options = parser.parse_args()
    if options.quick:
        options.stages, options.resources = 20, 10
    return options


def build_once(config_file: Path, site: Path) -> None:
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def main() -> None:
    options = parse_options()
    work = Path(tempfile.mkdtemp(prefix="learnpath-profile-"))
    try:
        roadmap = make_roadmap(options.stages, options.resources, options.text)
        write = write_markdown_project if options.markdown else write_learnpath_project
        config_file = write(roadmap, work / "project", options.config)
        side = "markdown" if options.markdown else "learnpath"
        print(
            f"Profiling the {side} build of {options.stages} x {options.resources}, "
            f"{options.text} texts, {options.config} mkdocs.yml"
        )
        build_once(config_file, work / "warm-up")
        profile = cProfile.Profile()
        profile.enable()
        build_once(config_file, work / "site")
        profile.disable()
        if options.save:
            profile.dump_stats(options.save)
        stats = pstats.Stats(profile)
        print(f"Total profiled time: {stats.total_tt:.2f} s (cProfile inflates it)\n")  # type: ignore[attr-defined]
        _table(stats, "tottime", options.top, "Top by own time")
        _table(stats, "cumulative", options.top, "Top by cumulative time")
        _table(stats, "cumulative", options.top, "learnpath's own functions", "learnpath")
        if not options.markdown:
            _events(stats)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _table(stats: pstats.Stats, key: str, top: int, title: str, only: str = "") -> None:
    stream = io.StringIO()
    stats.stream = stream  # type: ignore[attr-defined]
    stats.sort_stats(key)
    restrictions: list[object] = [only, top] if only else [top]
    stats.print_stats(*restrictions)
    body = stream.getvalue()
    start = body.find("   ncalls")
    print(f"== {title} ==")
    print(body[start:].rstrip() + "\n")


def _events(stats: pstats.Stats) -> None:
    """Cumulative time inside each event method of the plugin (its share of the build)."""
    print("== Time inside the plugin's event methods ==")
    raw = stats.stats  # type: ignore[attr-defined]
    total = 0.0
    for (filename, _, name), (_, _, _, cumulative, _) in raw.items():
        if filename.endswith(os.path.join("learnpath", "engines", "mkdocs.py")) and name in EVENTS:
            total += cumulative
            print(f"  {name:18} {cumulative:6.2f} s")
    print(f"  {'all events':18} {total:6.2f} s of {stats.total_tt:.2f} s")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
