"""The author's project as learnpath sees it: `mkdocs.yml`, the roadmap folder, the docs.

Every engine reads the same `mkdocs.yml`; the MkDocs plugin gets its options from MkDocs, and
the adapters that run without MkDocs (Zensical, the CLI) read them here, with the same
defaults, so a project builds the same site whichever engine runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from learnpath.site.markup import field_settings

PLUGIN_DEFAULTS: dict[str, Any] = {
    # Folder holding roadmap.yml, stages/ and resources/, relative to mkdocs.yml.
    "roadmap_dir": "roadmap",
    # Where the overview (the whole path at a glance) is generated; a hand-written page at the
    # same path keeps its text, with the overview below it.
    "overview_page": "index.md",
    # Build the navigation from the roadmap's order when mkdocs.yml has no `nav`.
    "nav": True,
    # Section title for hand-written pages in the generated navigation.
    "guide_section": "Guide",
}
# What MkDocs adds to every site's markdown_extensions; fields render with them on every engine.
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")


class ProjectError(Exception):
    """mkdocs.yml is missing or cannot be read; the message says what to do."""


@dataclass
class Project:
    config_file: Path
    settings: dict[str, Any]
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls, config_file: Path | str = "mkdocs.yml") -> Project:
        path = Path(config_file).resolve()
        if not path.is_file():
            raise ProjectError(f"{config_file}: not found; run this in your project's folder")
        try:
            with path.open(encoding="utf-8") as source:
                settings = yaml_load(source) or {}
        except Exception as error:  # MkDocs' loader raises its own kinds for bad YAML
            raise ProjectError(f"{config_file}: cannot be read: {error}") from None
        options = dict(PLUGIN_DEFAULTS)
        for plugin in settings.get("plugins") or []:
            if isinstance(plugin, dict) and "learnpath" in plugin:
                options.update(plugin["learnpath"] or {})
        return cls(path, settings, options)

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.settings.get("docs_dir", "docs"))

    @property
    def roadmap_dir(self) -> Path:
        return (self.root / str(self.options["roadmap_dir"])).resolve()

    @property
    def overview_page(self) -> str:
        return str(self.options["overview_page"])

    @property
    def generate_nav(self) -> bool:
        return bool(self.options["nav"])

    @property
    def guide_section(self) -> str:
        return str(self.options["guide_section"])

    def markdown_settings(self) -> tuple[list[str], dict[str, Any]]:
        """The site's Markdown extensions and their settings, as MkDocs would pass them."""
        names = list(BUILTIN_EXTENSIONS)
        configs: dict[str, Any] = {}
        for entry in self.settings.get("markdown_extensions") or []:
            name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
            if name not in names:
                names.append(name)
            if config:
                configs[name] = config
        return names, configs

    def field_settings(self) -> tuple[list[str], dict[str, Any]]:
        """The extensions and settings the roadmap's Markdown fields render with."""
        return field_settings(*self.markdown_settings())
