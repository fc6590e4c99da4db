"""The common Markdown of a roadmap field, rendered without a Markdown engine.

Most descriptions are a sentence or two with bold, emphasis, inline code and web links. For
such text Python-Markdown's output is fully determined, yet converting it costs 0.1-0.3 ms a
field, which on a large roadmap is the biggest part of learnpath's own build time.
`simple_html` renders exactly that subset and returns None for anything else: any character or
construct that means something else to Markdown or to one of the extensions a site may enable.
The caller then uses Python-Markdown, so the result is always what the site's settings give;
the tests compare both renderers on every field of the shipped roadmap and on generated text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

# Extensions that give this subset the same HTML as plain Python-Markdown (they act on lines
# this module refuses, such as fences, tables, lists, `!!!` or `{: }`). Any other extension,
# or one given as an object, turns the fast path off.
SAFE_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
    "tables", "toc", "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist",
})  # fmt: skip

# Typographic quotes and dashes, written as escapes so that no one mistakes them for ASCII.
_QUOTES_OPEN = "\u201c\u2018"
_QUOTES_CLOSE = "\u201d\u2019"
_DASHES = "\u2014\u2013"
# A paragraph line must start like prose: not like a list, quote, heading, fence, table,
# admonition, definition, indented code or ordered list item.
_LINE_START = re.compile(
    rf"[A-Za-z\u00c0-\uffff\"'({_QUOTES_OPEN}]|\*\*?[^\s*]|`[^`]|\[|\d+(?![\d.])"
)
# Characters with a meaning somewhere in Markdown or its extensions, apart from the markers
# below (`*`, backtick, brackets), which are only accepted inside the tokens they make. Also
# refused: adjacent backticks, tabs, carriage returns and control characters (Markdown
# rewrites them), and spaces at either end of a line (indented code, hard line breaks).
_REFUSED = re.compile(r"[\\_<>&{}|~^\t\r\x00-\x08\x0b-\x1f\x7f]|!\[|``|^ | \n|\n | $")
_TOKEN = re.compile(
    r"\*\*(?P<strong>[^\s*`\[\]](?:[^*`\[\]\n]*[^\s*`\[\]])?)\*\*"
    r"|\*(?P<em>[^\s*`\[\]](?:[^*`\[\]\n]*[^\s*`\[\]])?)\*"
    r"|`(?P<code>[^\s`](?:[^`\n]*[^\s`])?)`"
    r"|\[(?P<text>[^\s*`\[\]](?:[^*`\[\]\n]*[^\s*`\[\]])?)\]"
    r"\((?P<url>https?://[^\s()<>\"'`*\[\]&]+)\)"
)
# Emphasis markers must stand at word edges: inside a word Markdown's rules get subtle.
_BEFORE = frozenset(f" \n([\"'{_QUOTES_OPEN}{_DASHES}-/")
_AFTER = frozenset(f" \n.,;:!?)]\"'{_QUOTES_CLOSE}{_DASHES}-/")
_MARKERS = re.compile(r"[*`\[\]]")


def fast_path_applies(
    extensions: Sequence[Any], extension_configs: Mapping[str, Any] | None = None
) -> bool:
    """Whether `simple_html` gives what Python-Markdown with these settings would."""
    for extension in extensions:
        if not isinstance(extension, str):
            return False
        if extension.removeprefix("markdown.extensions.") not in SAFE_EXTENSIONS:
            return False
    inline_code = (extension_configs or {}).get("pymdownx.inlinehilite") or {}
    return not inline_code.get("style_plain_text")


def simple_html(text: str) -> str | None:
    """Paragraphs of prose with **strong**, *em*, `code` and [links](https://...), or None."""
    text = text.strip("\n")
    if not text or _REFUSED.search(text):
        return None
    paragraphs = []
    for paragraph in re.split(r"\n{2,}", text):
        if not all(_LINE_START.match(line) for line in paragraph.split("\n")):
            return None
        html = _inline(paragraph)
        if html is None:
            return None
        paragraphs.append(f"<p>{html}</p>")
    return "\n".join(paragraphs)


def _inline(paragraph: str) -> str | None:
    parts = []
    position = 0
    for token in _TOKEN.finditer(paragraph):
        start, end = token.span()
        plain = paragraph[position:start]
        if _MARKERS.search(plain):
            return None
        parts.append(plain)
        kind = token.lastgroup
        if kind in ("strong", "em"):
            before = paragraph[start - 1] if start else " "
            after = paragraph[end] if end < len(paragraph) else " "
            if before not in _BEFORE or after not in _AFTER:
                return None
            tag = "strong" if kind == "strong" else "em"
            parts.append(f"<{tag}>{token.group(kind)}</{tag}>")
        elif kind == "code":
            code = token.group("code")
            if code.startswith(("#!", ":::")):  # inlinehilite's language prefixes
                return None
            parts.append(f"<code>{code}</code>")
        else:
            if start and paragraph[start - 1] == "!":
                return None
            parts.append(f'<a href="{token.group("url")}">{token.group("text")}</a>')
        position = end
    rest = paragraph[position:]
    if _MARKERS.search(rest):
        return None
    parts.append(rest)
    return "".join(parts)
