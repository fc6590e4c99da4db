"""How long does each engine take to build the same roadmap?

Writes one synthetic roadmap (N stages x M resources, see synthetic.py) as a learnpath project
and builds it with MkDocs (the plugin), ProperDocs (the same plugin) and Zensical (learnpath
stages the build, Zensical renders it), in rounds that alternate the engines, then prints
each engine's median wall time, CPU time and peak memory, and its ratio to MkDocs (target for
the Zensical route: <= 0.60).

To say what any route could reach, it also times each engine alone: the same site's pages
written as Markdown holding only their titles (the same navigation and page count, nothing
for learnpath or the search index to do), with MkDocs + Material and with Zensical.

    .venv/bin/python bench/engines.py [--stages 100] [--resources 25] [--rounds 7] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import Build, build_env, count_pages, median, mkdocs_build, verdict
from synthetic import (
    SyntheticRoadmap,
    make_roadmap,
    write_learnpath_project,
    write_markdown_project,
)

ENGINES = ("mkdocs", "properdocs", "zensical")
ZENSICAL_TARGET = 0.60


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=100, help="stages in the roadmap")
    parser.add_argument("--resources", type=int, default=25, help="resources per stage")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds of every engine")
    parser.add_argument("--quick", action="store_true", help="20 x 10, 2 rounds")
    parser.add_argument(
        "--package",
        type=Path,
        help="folder holding another copy of the learnpath package to run instead (before/after)",
    )
    options = parser.parse_args()
    if options.quick:
        options.stages, options.resources, options.rounds = 20, 10, 2
    return options


def main() -> int:
    options = parse_options()
    roadmap = make_roadmap(options.stages, options.resources)
    work = Path(tempfile.mkdtemp(prefix="learnpath-engines-"))
    try:
        config = write_learnpath_project(roadmap, work / "project")
        print(
            f"Synthetic roadmap: {options.stages} stages x {options.resources} resources "
            f"= {roadmap.resource_count:,} resources"
        )
        env = build_env(options.package)
        runs: dict[str, list[Build]] = {engine: [] for engine in ENGINES}
        for engine in ENGINES:  # a first, untimed build of each: caches, imports, bytecode
            mkdocs_build(config, work / f"site-{engine}", env=env, engine=engine)
        for round_number in range(1, options.rounds + 1):
            order = ENGINES if round_number % 2 else tuple(reversed(ENGINES))
            for engine in order:
                runs[engine].append(
                    mkdocs_build(config, work / f"site-{engine}", env=env, engine=engine)
                )
            figures = ", ".join(f"{e} {runs[e][-1].seconds:.2f} s" for e in ENGINES)
            print(f"  round {round_number}: {figures}")
        reference = median([build.seconds for build in runs["mkdocs"]])
        print(f"\n{'engine':<11} {'pages':>5} {'wall':>8} {'cpu':>8} {'peak RSS':>9}  vs MkDocs")
        for engine in ENGINES:
            seconds = median([build.seconds for build in runs[engine]])
            cpu = median([build.cpu_seconds for build in runs[engine]])
            memory = max(build.peak_rss_mib for build in runs[engine])
            pages = count_pages(work / f"site-{engine}")
            print(
                f"{engine:<11} {pages:>5} {seconds:>7.2f}s {cpu:>7.2f}s {memory:>6.0f} MiB"
                f"  {seconds / reference:.2f}x"
            )
        ratio = median(
            [z.seconds / m.seconds for z, m in zip(runs["zensical"], runs["mkdocs"], strict=True)]
        )
        floors = engine_floors(roadmap, work, env, options.rounds)
        floor = floors["zensical"] / floors["mkdocs"]
        print(
            f"\nEach engine alone, the same {count_pages(work / 'floor-site-mkdocs')} pages "
            f"holding only their titles: MkDocs + Material {floors['mkdocs']:.2f} s, "
            f"Zensical {floors['zensical']:.2f} s ({floor:.2f}x)"
        )
        print(
            f"Zensical route / MkDocs plugin, median of {options.rounds} rounds: {ratio:.2f} "
            f"(target <= {ZENSICAL_TARGET:.2f}): {verdict(ratio, ZENSICAL_TARGET)}"
        )
        if ratio > ZENSICAL_TARGET:
            print(
                f"  Zensical on its own takes {floor:.2f}x MkDocs' time for the same pages, and "
                "both routes add the same learnpath work (loading, rendering the pages, the "
                f"feed) to it: no route can go below {floor:.2f}x on this machine."
            )
        return 0 if ratio <= ZENSICAL_TARGET else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def engine_floors(
    roadmap: SyntheticRoadmap, work: Path, env: dict[str, str], rounds: int
) -> dict[str, float]:
    """Each engine's time for the roadmap's pages as Markdown reduced to their titles."""
    config = write_markdown_project(roadmap, work / "floor")
    for page in (config.parent / "docs").rglob("*.md"):
        page.write_text(f"# {page.stem}\n", encoding="utf-8")
    times: dict[str, list[float]] = {"mkdocs": [], "zensical": []}
    for engine in times:  # warm-up
        _engine_alone(engine, config, work / f"floor-site-{engine}", env)
    for _ in range(max(3, rounds // 2)):
        for engine in times:
            times[engine].append(_engine_alone(engine, config, work / f"floor-site-{engine}", env))
    return {engine: median(seconds) for engine, seconds in times.items()}


def _engine_alone(engine: str, config: Path, site: Path, env: dict[str, str]) -> float:
    if engine == "mkdocs":
        return mkdocs_build(config, site, env=env).seconds
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "zensical", "build", "-f", str(config), "--clean"],
        cwd=config.parent, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
