"""Things that are allowed but probably not meant: shown as warnings, fatal under `--strict`.

Each warning starts with the file to open, as errors do; the model no longer knows lines, and
none of these needs one to be found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from learnpath.model import Roadmap

# An inline Markdown link or image whose target has no scheme: a path, relative to a page the
# author cannot know. (Other schemes are the sanitiser's business; #anchors stay on the page.)
_RELATIVE_LINK = re.compile(r"\]\(\s*<?(?![a-zA-Z][a-zA-Z0-9+.-]*:|#|//)([^)\s>]+)")


def roadmap_advice(roadmap: Roadmap) -> list[str]:
    advice = []
    position = {stage.id: stage.number for stage in roadmap.stages}
    for stage in roadmap.stages:
        for prerequisite in stage.prerequisites:
            if position[prerequisite] > stage.number:
                advice.append(
                    f"stages/{stage.id}.yml: stage '{stage.id}' needs '{prerequisite}', which "
                    "comes later in roadmap.yml's stages; move it earlier so readers meet it first"
                )
        if not stage.resources:
            advice.append(
                f"stages/{stage.id}.yml: stage '{stage.id}' recommends no resources; "
                "add some to its topics"
            )
    advice += [
        f"{where}: {field}: the link '{target}' is relative, and links in YAML fields are "
        "not rewritten for the page they end up on; use a full https:// address"
        for where, field, text in markdown_fields(roadmap)
        for target in _RELATIVE_LINK.findall(text)
    ]
    return advice


def markdown_fields(roadmap: Roadmap) -> Iterator[tuple[str, str, str]]:
    """(file, field, text) for every Markdown field that has text."""
    fields = [("roadmap.yml", "description", roadmap.description)]
    for stage in roadmap.stages:
        where = f"stages/{stage.id}.yml"
        fields.append((where, "description", stage.description))
        for group, items in (("topics", stage.topics), ("projects", stage.projects)):
            fields += [
                (where, f"{group}[{index}].description", item.description)
                for index, item in enumerate(items)
            ]
    for resource_list in roadmap.lists:
        where = f"resources/{resource_list.id}.yml"
        fields.append((where, "description", resource_list.description))
        fields += [
            (where, f"resources[{index}].description", resource.description)
            for index, resource in enumerate(resource_list.resources)
        ]
    return ((where, field, text) for where, field, text in fields if text)
