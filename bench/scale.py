"""Does learnpath's own cost per resource stay flat as a roadmap grows?

Builds a synthetic roadmap of 1,000 stages x 20 resources (20,000 resources, 2,002 pages) and
one twice that size, and compares the plugin's own CPU time per resource: at 2x it must be
within 1.2x of 1x, which rules out quadratic steps in the plugin's code. The plugin's time is
the time inside its MkDocs events, measured with MkDocs reading every page but stopping before
the theme renders them (events.py --pages-only), each run in a fresh process.

Then it runs one real `mkdocs build` at 1x, to show the size builds, and prints its time,
time per resource and peak RSS. That whole build does not scale linearly, and is not meant to
be judged here: Material renders the full navigation into every page, so theme time grows with
pages x pages whatever generated the pages (`--full-build-2x` measures it at 2x as well).

    .venv/bin/python bench/scale.py [--stages 1000] [--resources 20] [--double stages|resources]
        [--repeats 2] [--quick] [--no-full-build] [--full-build-2x]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from measure import build_env, mkdocs_build, verdict
from synthetic import make_roadmap, write_learnpath_project

TARGET = 1.2
EVENTS_SCRIPT = Path(__file__).resolve().parent / "events.py"
EVENTS = ("on_config", "on_files", "on_page_markdown", "on_page_content")


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=1000, help="stages at 1x")
    parser.add_argument("--resources", type=int, default=20, help="resources per stage at 1x")
    parser.add_argument(
        "--double",
        choices=("stages", "resources"),
        default="stages",
        help="what 2x doubles: the stages (and pages), or the resources per stage",
    )
    parser.add_argument("--repeats", type=int, default=2, help="plugin-only runs per size")
    parser.add_argument("--quick", action="store_true", help="200 x 20, and 2x that")
    parser.add_argument("--no-full-build", action="store_true", help="skip the real build")
    parser.add_argument("--full-build-2x", action="store_true", help="also build 2x for real")
    parser.add_argument(
        "--package",
        type=Path,
        help="folder holding a modified copy of the learnpath package to measure instead",
    )
    options = parser.parse_args()
    if options.quick:
        options.stages, options.resources = 200, 20
    return options


def plugin_figures(config: Path, site: Path, env: dict[str, str]) -> dict[str, float]:
    """One pages-only build in a fresh process: CPU seconds per plugin event."""
    command = [sys.executable, str(EVENTS_SCRIPT), str(config), str(site), "--pages-only"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    options = parse_options()
    sizes = {"1x": (options.stages, options.resources)}
    if options.double == "stages":
        sizes["2x"] = (options.stages * 2, options.resources)
    else:
        sizes["2x"] = (options.stages, options.resources * 2)
    env = build_env(options.package)
    work = Path(tempfile.mkdtemp(prefix="learnpath-scale-"))
    try:
        if options.package:
            print(f"learnpath package from: {options.package}")
        configs, counts = {}, {}
        for name, (stages, resources) in sizes.items():
            roadmap = make_roadmap(stages, resources)
            configs[name] = write_learnpath_project(roadmap, work / name)
            counts[name] = roadmap.resource_count
            pages = stages * 2 + 2
            print(
                f"{name}: {stages:,} stages x {resources} resources = "
                f"{roadmap.resource_count:,} resources, {pages:,} pages"
            )

        print(f"\nThe plugin's own CPU time (best of {options.repeats} fresh processes each):")
        runs: dict[str, list[dict[str, float]]] = {name: [] for name in sizes}
        for _ in range(options.repeats):
            for name in sizes:
                runs[name].append(plugin_figures(configs[name], work / f"site-{name}", env))
        best = {name: min(runs[name], key=lambda figures: figures["learnpath"]) for name in sizes}
        per_resource = {name: best[name]["learnpath"] / counts[name] * 1e6 for name in sizes}
        for name in sizes:
            figures = best[name]
            events = ", ".join(
                f"{event} {figures.get(f'learnpath.{event}', 0):.2f} s" for event in EVENTS
            )
            print(
                f"  {name}: {figures['learnpath']:6.2f} s = {per_resource[name]:6.1f} µs per "
                f"resource  ({events})"
            )
        print("  per-resource cost of each event, 2x / 1x:")
        for event in EVENTS:
            key = f"learnpath.{event}"
            one, two = (best[name].get(key, 0) / counts[name] for name in sizes)
            if one > 0:
                print(f"    {event:18} {two / one:.3f}")
        ratio = per_resource["2x"] / per_resource["1x"]
        print(
            f"Per-resource plugin cost 2x / 1x: {ratio:.3f} "
            f"(target <= {TARGET:.2f}): {verdict(ratio, TARGET)}"
        )

        full_builds = [] if options.no_full_build else ["1x"]
        if options.full_build_2x:
            full_builds.append("2x")
        whole = {}
        for name in full_builds:
            print(f"\nFull `mkdocs build` at {name} (Material + search, one run):")
            whole[name] = mkdocs_build(configs[name], work / f"full-site-{name}", env=env)
            result = whole[name]
            print(
                f"  built in {result.seconds:.1f} s (CPU {result.cpu_seconds:.1f} s), "
                f"{result.seconds / counts[name] * 1e3:.2f} ms per resource, "
                f"peak RSS {result.peak_rss_mib:.0f} MiB"
            )
        if len(whole) == 2:
            one, two = (whole[name].seconds / counts[name] for name in ("1x", "2x"))
            cpu_one, cpu_two = (whole[name].cpu_seconds / counts[name] for name in ("1x", "2x"))
            print(
                f"  whole-build cost per resource 2x / 1x: {two / one:.3f} "
                f"(CPU {cpu_two / cpu_one:.3f}; informational, see above)"
            )
        return 0 if ratio <= TARGET else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
