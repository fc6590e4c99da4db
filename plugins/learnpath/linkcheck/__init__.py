"""Link checking for roadmap resources: its own command, so the site build stays offline."""

from .cache import LinkCache, LinkCacheError, parse_max_age
from .checker import CheckSettings, Hop, LinkChecker, LinkResult, LinkStatus, check_links
from .command import add_arguments, run
from .report import LinkReport, archive_lookup_url, render_json, render_table

__all__ = [
    "CheckSettings",
    "Hop",
    "LinkCache",
    "LinkCacheError",
    "LinkChecker",
    "LinkReport",
    "LinkResult",
    "LinkStatus",
    "add_arguments",
    "archive_lookup_url",
    "check_links",
    "parse_max_age",
    "render_json",
    "render_table",
    "run",
]
