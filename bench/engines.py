"""How long does each engine take to build the same roadmap?

Writes one synthetic roadmap (N stages x M resources, see synthetic.py) as a learnpath project
and builds it with MkDocs (the plugin), ProperDocs (the same plugin) and Zensical (learnpath
stages the build, Zensical renders it), in rounds that alternate the engines, then prints
each engine's median wall time, CPU time and peak memory, and its ratio to MkDocs.

    .venv/bin/python bench/engines.py [--stages 100] [--resources 30] [--rounds 3] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from measure import Build, build_env, count_pages, median, mkdocs_build
from synthetic import make_roadmap, write_learnpath_project

ENGINES = ("mkdocs", "properdocs", "zensical")


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=100, help="stages in the roadmap")
    parser.add_argument("--resources", type=int, default=30, help="resources per stage")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds of every engine")
    parser.add_argument("--quick", action="store_true", help="20 x 10, 2 rounds")
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
        env = build_env()
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
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
