"""The core must outlive MkDocs: loading, validating and rendering a roadmap never imports it.

Material for MkDocs reaches end of life in 2027 and MkDocs 2 drops plugins, so another engine
will need the same core behind another adapter.
"""

from __future__ import annotations

import subprocess
import sys

from sitebuild import FIXTURES

RENDER_EVERY_PAGE = f"""
import sys
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import roadmap_pages
from learnpath.site.render import PageRenderer
from learnpath.roadmap.validate import load_roadmap
from learnpath.site.export import published_files
from learnpath.roadmap.advice import roadmap_advice

roadmap = load_roadmap({str(FIXTURES / "good")!r})
renderer = PageRenderer(roadmap, MarkdownFields(["admonition", "attr_list"]))
pages = [renderer.render(page) for page in roadmap_pages(roadmap)]
assert all(page.html for page in pages) and published_files(roadmap)
roadmap_advice(roadmap, {str(FIXTURES / "good")!r})
print(sorted(name for name in sys.modules if name.split(".")[0] in ("mkdocs", "material")))
"""


def test_the_core_renders_every_page_without_importing_mkdocs() -> None:
    done = subprocess.run(
        [sys.executable, "-c", RENDER_EVERY_PAGE], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
