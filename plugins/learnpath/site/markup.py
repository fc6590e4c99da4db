"""Markdown fields to safe HTML: rendered with the site's own settings, then sanitised.

A roadmap is often edited by people other than its owner (pull requests to a fork), so whatever
Markdown can produce is passed through nh3 with a short allow-list: no script, no event
handlers, no styles, and links only to http, https and mailto.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup

from learnpath.site.simplemarkdown import fast_path_applies, simple_html

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "del", "details", "div", "em", "h1", "h2",
    "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol", "p", "pre", "s", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}  # fmt: skip
# No `id`: an id written in a field (attr_list's {#name}) could take the place of one the page
# or its script relies on. Classes are kept for code highlighting and admonitions, except the
# prefixes of learnpath's and Material's own controls (see `_attribute_filter`).
ALLOWED_ATTRIBUTES = {
    "*": {"class", "title"},
    "a": {"href"},
    "td": {"align"},
    "th": {"align"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto"}
FIELD_EXCLUDED_EXTENSIONS = {"toc", "markdown.extensions.toc"}
RESERVED_CLASS_PREFIXES = ("lp-", "md-")


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and _has_credentials(value):
        return None  # a user name or password would be published with the page
    if attribute == "class":
        kept = [name for name in value.split() if not name.startswith(RESERVED_CLASS_PREFIXES)]
        return " ".join(kept) or None
    return value


def _has_credentials(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.username is not None or parts.password is not None
    except ValueError:  # not a URL a browser would follow either
        return True


def sanitise(html: str) -> str:
    """Keep harmless markup; drop script, handlers and unsafe link schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )


def field_settings(
    extensions: Sequence[Any], extension_configs: Mapping[str, Any] | None = None
) -> tuple[list[Any], dict[str, Any]]:
    """The site's Markdown settings as fields use them: without `toc`, because a heading inside
    a field belongs to a card, not to the page's table of contents, and its generated id could
    clash with the page's own anchors."""
    kept = [name for name in extensions if name not in FIELD_EXCLUDED_EXTENSIONS]
    configs = {
        name: config
        for name, config in (extension_configs or {}).items()
        if name not in FIELD_EXCLUDED_EXTENSIONS
    }
    return kept, configs


class MarkdownFields:
    """Converts the short Markdown fields of a roadmap, each distinct text once.

    The same resource description appears on its list page, the library and every stage that
    recommends it; caching by text means each is converted and sanitised only once per build.
    """

    def __init__(
        self,
        extensions: Sequence[Any] = (),
        extension_configs: Mapping[str, Any] | None = None,
    ) -> None:
        kept, configs = field_settings(extensions, extension_configs)
        self._markdown = markdown.Markdown(extensions=kept, extension_configs=configs)
        self._simple = fast_path_applies(kept, configs)
        self.block = lru_cache(maxsize=None)(self._block)
        self.inline = lru_cache(maxsize=None)(self._inline)

    def _convert(self, text: str) -> str:
        # Plain prose with simple inline marks skips the engine (same HTML, a fraction of the
        # cost); anything else, or a site whose extensions could change it, goes through it.
        html = simple_html(text) if self._simple else None
        if html is None:
            html = self._markdown.reset().convert(text)
        return sanitise(html)

    def _block(self, text: str | None) -> Markup:
        """A paragraph-level field (descriptions)."""
        return Markup(self._convert(text)) if text else Markup("")

    def _inline(self, text: str | None) -> Markup:
        """A one-line field shown inside other markup: the outer <p> is dropped."""
        if not text:
            return Markup("")
        html = self._convert(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)
