"""Is building from YAML with learnpath faster than building the same site from Markdown?

Writes one synthetic roadmap (N stages x M resources) twice, as learnpath YAML and as the
equivalent hand-written Markdown pages (see synthetic.py), then builds both with MkDocs,
Material and search, alternating sides, and prints each pair and the median time ratio
`learnpath / markdown` (target <= 0.80). Each build runs in its own process, so the same runs
also give each side's peak RSS (target: learnpath within 1.2x of Markdown).

    .venv/bin/python bench/build_speed.py [--stages 100] [--resources 25] [--pairs 5] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from measure import Build, build_env, count_pages, median, mkdocs_build, verdict
from synthetic import make_roadmap, write_both

SPEED_TARGET = 0.80
MEMORY_TARGET = 1.20


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=100, help="stages in the roadmap")
    parser.add_argument("--resources", type=int, default=25, help="resources per stage")
    parser.add_argument("--pairs", type=int, default=5, help="timed learnpath/markdown pairs")
    parser.add_argument("--quick", action="store_true", help="20 x 10, 3 pairs")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument(
        "--package",
        type=Path,
        help="folder holding a modified copy of the learnpath package to build with instead",
    )
    options = parser.parse_args()
    if options.quick:
        options.stages, options.resources, options.pairs = 20, 10, 3
    return options


def main() -> int:
    options = parse_options()
    roadmap = make_roadmap(options.stages, options.resources)
    work = Path(tempfile.mkdtemp(prefix="learnpath-bench-"))
    try:
        learnpath_config, markdown_config = write_both(roadmap, work)
        print(
            f"Synthetic roadmap: {options.stages} stages x {options.resources} resources "
            f"= {roadmap.resource_count:,} resources, {len(roadmap.lists)} lists"
        )
        print(f"  learnpath YAML: {_size(learnpath_config.parent / 'roadmap')}")
        print(f"  Markdown pages: {_size(markdown_config.parent / 'docs')}")
        if options.package:
            print(f"  learnpath package from: {options.package}")
        env = build_env(options.package)
        sides = {"learnpath": learnpath_config, "markdown": markdown_config}
        sites = {name: work / f"site-{name}" for name in sides}

        # One untimed build each: byte-compiles modules and warms the file cache.
        for name, config in sides.items():
            mkdocs_build(config, sites[name], env=env)
        pages = {name: count_pages(site) for name, site in sites.items()}
        print(f"  pages built: learnpath {pages['learnpath']}, markdown {pages['markdown']}")
        if pages["learnpath"] != pages["markdown"]:
            print("  WARNING: the two sites do not have the same pages; the comparison is unfair")

        results: dict[str, list[Build]] = {name: [] for name in sides}
        print(f"\n{options.pairs} pairs (order alternates each pair):")
        for pair in range(options.pairs):
            order = list(sides) if pair % 2 == 0 else list(reversed(sides))
            for name in order:
                results[name].append(mkdocs_build(sides[name], sites[name], env=env))
            lp, md = results["learnpath"][-1], results["markdown"][-1]
            print(
                f"  pair {pair + 1}: learnpath {lp.seconds:5.2f} s, markdown {md.seconds:5.2f} s, "
                f"ratio {lp.seconds / md.seconds:.3f}  "
                f"(CPU {lp.cpu_seconds:5.2f} s vs {md.cpu_seconds:5.2f} s, "
                f"ratio {lp.cpu_seconds / md.cpu_seconds:.3f});  "
                f"peak RSS {lp.peak_rss_mib:.1f} MiB vs {md.peak_rss_mib:.1f} MiB"
            )

        ratios = [
            lp.seconds / md.seconds
            for lp, md in zip(results["learnpath"], results["markdown"], strict=True)
        ]
        speed = median(ratios)
        lp_rss = median([build.peak_rss_mib for build in results["learnpath"]])
        md_rss = median([build.peak_rss_mib for build in results["markdown"]])
        memory = lp_rss / md_rss
        lp_time = median([build.seconds for build in results["learnpath"]])
        md_time = median([build.seconds for build in results["markdown"]])
        cpu = median(
            [
                lp.cpu_seconds / md.cpu_seconds
                for lp, md in zip(results["learnpath"], results["markdown"], strict=True)
            ]
        )
        print(f"\nMedian build time: learnpath {lp_time:.2f} s, markdown {md_time:.2f} s")
        print(f"Median CPU-time ratio learnpath / markdown: {cpu:.3f} (less sensitive to load)")
        print(
            f"Median time ratio learnpath / markdown: {speed:.3f} "
            f"(target <= {SPEED_TARGET:.2f}): {verdict(speed, SPEED_TARGET)}"
        )
        print(f"Median peak RSS: learnpath {lp_rss:.1f} MiB, markdown {md_rss:.1f} MiB")
        print(
            f"Peak RSS ratio learnpath / markdown: {memory:.3f} "
            f"(target <= {MEMORY_TARGET:.2f}): {verdict(memory, MEMORY_TARGET)}"
        )
        if options.keep:
            print(f"\nProjects and sites kept in {work}")
        return 0 if speed <= SPEED_TARGET and memory <= MEMORY_TARGET else 1
    finally:
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


def _size(folder: Path) -> str:
    files = [path for path in folder.rglob("*") if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    return f"{len(files)} files, {total / 1024:,.0f} KiB"


if __name__ == "__main__":
    sys.exit(main())
