"""A generated page as a search indexer needs it: without what it would skip anyway.

Material's search indexer parses a page's whole HTML with Python's `html.parser`, and only then
skips every element marked `data-search-exclude`: on a big roadmap most of the generated HTML
(the library's cards, each stage's cards and study prompts, What's new) is parsed for nothing,
and that parsing was the largest part of a build. The engine adapter hands the indexer this view
instead and the theme the whole page. The entries come out the same, less one kind of noise:
a heading inside an excluded element still opened an entry of its own (titled with the page's
title, with no text), which the view leaves out with the element.

Only for HTML the core rendered: its markup is well formed (text and attributes are escaped,
Markdown fields sanitised), so an element ends at the end tag that balances its start tag.
"""

from __future__ import annotations

import re

EXCLUDED = "data-search-exclude"
_EXCLUDED_START = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*\sdata-search-exclude[\s>=]")
_VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr"})


def search_view(html: str) -> str:
    """`html` without the elements marked `data-search-exclude`, and all they hold."""
    if EXCLUDED not in html:
        return html
    kept: list[str] = []
    position = 0
    while (start := _EXCLUDED_START.search(html, position)) is not None:
        kept.append(html[position : start.start()])
        tag = start[1]
        position = start.end() if tag in _VOID else _end_of(html, tag, start.end())
    kept.append(html[position:])
    return "".join(kept)


def _end_of(html: str, tag: str, position: int) -> int:
    """Where the element whose start tag ends just before `position` ends."""
    tags = _tags(tag)
    depth = 1
    for found in tags.finditer(html, position):
        depth += -1 if found[1] else 1
        if depth == 0:
            return found.end()
    return len(html)  # unbalanced: drop the rest rather than index half an element


_TAG_PATTERNS: dict[str, re.Pattern[str]] = {}


def _tags(tag: str) -> re.Pattern[str]:
    """Start and end tags of one element name (`<p>`, `<p class=…>`, `</p>`; not `<pre>`)."""
    if tag not in _TAG_PATTERNS:
        _TAG_PATTERNS[tag] = re.compile(rf"<(/?){tag}(?=[\s>/])[^>]*>")
    return _TAG_PATTERNS[tag]
