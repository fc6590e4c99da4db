"""Things that are allowed but probably not meant: shown as warnings, fatal under `--strict`."""

from __future__ import annotations

from learnpath.model import Roadmap


def roadmap_advice(roadmap: Roadmap) -> list[str]:
    advice = []
    position = {stage.id: stage.number for stage in roadmap.stages}
    for stage in roadmap.stages:
        for prerequisite in stage.prerequisites:
            if position[prerequisite] > stage.number:
                advice.append(
                    f"stage '{stage.id}' needs '{prerequisite}', which comes later in "
                    "roadmap.yml's stages; move it earlier so readers meet it first"
                )
        if not stage.resources:
            advice.append(f"stage '{stage.id}' recommends no resources; add some to its topics")
    return advice
