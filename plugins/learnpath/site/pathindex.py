"""What a reader's browser needs to know about the whole path on every page.

Progress is counted per stage from its items, and every page shows it: the navigation marks each
stage's status, the overview names the next stage, the library filters by stage. So the items of
every stage are published once, as `assets/learnpath/path.js`, which each page loads (and the
browser caches), instead of being repeated in every page's HTML.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from learnpath.roadmap.model import Roadmap
from learnpath.site.pages import LIBRARY_PAGE, page_url, stage_path

PATH_SCRIPT = "assets/learnpath/path.js"


def outcome_key(stage_id: str, outcome: str) -> str:
    """A stable key for an outcome's checkbox: survives reordering, changes if the text does."""
    digest = hashlib.sha1(outcome.strip().encode()).hexdigest()[:8]
    return f"{stage_id}:{digest}"


def deliverable_key(stage_id: str, project_title: str) -> str:
    """A project's deliverable is ticked like an outcome, under a key of its own kind."""
    return outcome_key(stage_id, f"deliverable: {project_title}")


def path_index(roadmap: Roadmap, directory_urls: bool = True) -> dict[str, Any]:
    """Every stage in path order: what it is called, where it is, and the items it counts."""
    return {
        "library": page_url(LIBRARY_PAGE, directory_urls),
        "stages": [
            {
                "id": stage.id,
                "number": stage.number,
                "title": stage.title,
                "url": page_url(stage_path(stage.id), directory_urls),
                "hours": stage.hours,
                "prerequisites": list(stage.prerequisites),
                "resources": [resource.id for resource in stage.resources],
                "outcomes": [outcome_key(stage.id, outcome) for outcome in stage.outcomes]
                + [
                    deliverable_key(stage.id, project.title)
                    for project in stage.projects
                    if project.deliverable
                ],
            }
            for stage in roadmap.stages
        ],
    }


def path_script(roadmap: Roadmap, directory_urls: bool = True) -> bytes:
    """The index as a script that sets `window.learnpathPath`: a script, not a JSON file to
    fetch, so that it also works when the site is opened from disk (file://)."""
    data = json.dumps(path_index(roadmap, directory_urls), ensure_ascii=True, separators=(",", ":"))
    return f"window.learnpathPath = {data};\n".encode()
