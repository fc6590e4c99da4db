"""How much does validation cost on top of just parsing the YAML?

Writes a synthetic roadmap with 20,000 resources (100 stages x 200, one list per stage), then
times `learnpath.roadmap.validate.load_roadmap` (read, parse with line marks, schema-check,
cross-check references, build the model) against a bare `yaml.load(text, Loader=CSafeLoader)`
of the same files, read from disk the same way. Rounds alternate; the median ratio must be
<= 1.5. Times are CPU seconds of this (single-threaded) process, which other jobs on the
machine disturb less.

    .venv/bin/python bench/validate_speed.py [--stages 100] [--resources 200] [--rounds 7]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from measure import median, verdict
from pydantic import BaseModel
from synthetic import make_roadmap, write_roadmap_folder

from learnpath.roadmap.schema import ResourceListFile, RoadmapFile, StageFile
from learnpath.roadmap.validate import load_roadmap
from learnpath.roadmap.yamlfile import read_yaml_file

TARGET = 1.5


def parse_options() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stages", type=int, default=100, help="stages, one list each")
    parser.add_argument("--resources", type=int, default=200, help="resources per list")
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds of each")
    parser.add_argument("--quick", action="store_true", help="20 x 100, 5 rounds")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ROOT"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.quick:
        options.stages, options.resources, options.rounds = 20, 100, 5
    return options


def roadmap_files(root: Path) -> list[Path]:
    return [
        root / "roadmap.yml",
        *sorted((root / "stages").glob("*.yml")),
        *sorted((root / "resources").glob("*.yml")),
    ]


def bare_load(files: list[Path]) -> None:
    for path in files:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def timed(action: Callable[[], object]) -> float:
    """CPU seconds of this process: single-threaded work, so this is the wall time an idle
    machine would show, and other jobs on a busy one disturb it far less."""
    gc.collect()
    start = time.process_time()
    action()
    return time.process_time() - start


def run_child(kind: str, root: Path) -> None:
    """Time one step on `root` in this fresh process and print the CPU seconds."""
    files = roadmap_files(root)
    if kind == "learnpath":
        print(timed(lambda: load_roadmap(root)))
    elif kind == "bare":
        print(timed(lambda: bare_load(files)))
    elif kind == "read":
        # Released as load_roadmap does once a file validates, so both hold the same memory.
        print(timed(lambda: [read_yaml_file(path, path.name, root).released() for path in files]))
    elif kind == "schema":
        sources = [read_yaml_file(path, path.name, root) for path in files]
        models = [_schema_model(path) for path in files]
        print(
            timed(
                lambda: [
                    model.model_validate(source.data)
                    for source, model in zip(sources, models, strict=True)
                ]
            )
        )


def _schema_model(path: Path) -> type[BaseModel]:
    if path.name == "roadmap.yml":
        return RoadmapFile
    return StageFile if path.parent.name == "stages" else ResourceListFile


def time_in_child(kind: str, root: Path) -> float:
    command = [sys.executable, __file__, "--child", kind, str(root)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return float(output)


def main() -> int:
    options = parse_options()
    if options.child:
        run_child(options.child[0], Path(options.child[1]))
        return 0
    work = Path(tempfile.mkdtemp(prefix="learnpath-validate-"))
    try:
        roadmap = make_roadmap(options.stages, options.resources)
        root = work / "roadmap"
        write_roadmap_folder(roadmap, root)
        files = roadmap_files(root)
        size = sum(path.stat().st_size for path in files)
        print(
            f"Roadmap: {roadmap.resource_count:,} resources in {len(roadmap.lists)} lists, "
            f"{len(roadmap.stages)} stages; {len(files)} files, {size / 1024 / 1024:.1f} MiB"
        )
        model = load_roadmap(root)  # warms the file cache, and checks the roadmap is valid
        assert len(model.resources) == roadmap.resource_count
        del model

        learnpath_times, bare_times = [], []
        print(f"\n{options.rounds} rounds (order alternates each round):")
        for round_number in range(options.rounds):
            kinds = ["learnpath", "bare"] if round_number % 2 == 0 else ["bare", "learnpath"]
            seconds = {kind: time_in_child(kind, root) for kind in kinds}
            learnpath_times.append(seconds["learnpath"])
            bare_times.append(seconds["bare"])
            print(
                f"  round {round_number + 1}: load_roadmap {seconds['learnpath']:.3f} s, "
                f"yaml.load(CSafeLoader) {seconds['bare']:.3f} s, "
                f"ratio {seconds['learnpath'] / seconds['bare']:.3f}"
            )

        ratio = median([lp / bare for lp, bare in zip(learnpath_times, bare_times, strict=True)])
        print(
            f"\nMedian: load_roadmap {median(learnpath_times):.3f} s, "
            f"bare yaml.load {median(bare_times):.3f} s"
        )
        per_resource = median(learnpath_times) / roadmap.resource_count * 1e6
        print(f"load_roadmap per resource: {per_resource:.1f} µs")
        _breakdown(root, min(options.rounds, 3))
        print(
            f"Median ratio load_roadmap / yaml.load: {ratio:.3f} "
            f"(target <= {TARGET:.2f}): {verdict(ratio, TARGET)}"
        )
        return 0 if ratio <= TARGET else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _breakdown(root: Path, rounds: int) -> None:
    """Where load_roadmap's time goes: learnpath's YAML reader, the schema, the rest."""
    reading = median([time_in_child("read", root) for _ in range(rounds)])
    schema = median([time_in_child("schema", root) for _ in range(rounds)])
    whole = median([time_in_child("learnpath", root) for _ in range(rounds)])
    print("Breakdown of load_roadmap (medians of fresh processes):")
    print(f"  read + parse with marks (yamlfile): {reading:.3f} s")
    print(f"  schema validation (pydantic):       {schema:.3f} s")
    print(f"  cross-file checks + model:          {max(whole - reading - schema, 0):.3f} s")


if __name__ == "__main__":
    sys.exit(main())
