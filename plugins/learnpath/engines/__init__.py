"""One adapter per site engine, side by side, over the same core.

- `mkdocs`: the MkDocs plugin (ProperDocs, the continuation of MkDocs 1.x, runs it unchanged);
- `zensical`: stages a build for Zensical, which runs no plugins;
- `marker`: the Markdown extension through which Zensical renders generated pages.

`build` and `serve` run any of them the same way, for `learnpath build` and `learnpath serve`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from learnpath.engines.project import Project

ENGINES = ("mkdocs", "properdocs", "zensical")


def _mkdocs_command(engine: str, *arguments: str) -> int:
    # Material prints a banner about MkDocs 2 on every run; this project pins mkdocs<2 and
    # documents the way forward (docs/engines.md) instead.
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", engine, *arguments]
    return subprocess.run(command, env=environment, check=False).returncode


def build(engine: str, project: Project, site_dir: Path | None, *, strict: bool) -> int:
    site = site_dir or project.root / str(project.settings.get("site_dir", "site"))
    if engine == "zensical":
        from learnpath.engines import zensical

        return zensical.build(project, site.resolve(), strict=strict)
    arguments = ["build", "-f", str(project.config_file), "-d", str(site)]
    return _mkdocs_command(engine, *arguments, *(["--strict"] if strict else []))


def serve(engine: str, project: Project, dev_addr: str | None) -> int:
    if engine == "zensical":
        from learnpath.engines import zensical

        return zensical.serve(project, dev_addr)
    arguments = ["serve", "-f", str(project.config_file)]
    return _mkdocs_command(engine, *arguments, *(["--dev-addr", dev_addr] if dev_addr else []))
