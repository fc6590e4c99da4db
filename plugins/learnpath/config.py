"""Options of the `learnpath` MkDocs plugin, each with its default."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LearnpathConfig(Config):
    # Folder holding roadmap.yml, stages/ and resources/, relative to mkdocs.yml.
    roadmap_dir = c.Type(str, default="roadmap")
    # Where the overview (the whole path at a glance) is generated; a hand-written page at the
    # same path is replaced, with a warning.
    overview_page = c.Type(str, default="index.md")
    # Build the navigation from the roadmap's order when mkdocs.yml has no `nav`.
    nav = c.Type(bool, default=True)
    # Section title for hand-written pages in the generated navigation.
    guide_section = c.Type(str, default="Guide")
