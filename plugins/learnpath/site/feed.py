"""The Atom feed of new resources (`feed.xml`), and the `<link>` that lets every page name it.

One entry per resource with an `added` date, newest first, linking to the resource itself and
to its card on the list page that holds it: a reader's feed shows what a curator added without
anyone writing a post.

Written with the standard library's ElementTree rather than feedgen: an Atom feed is a dozen
element kinds, and ElementTree escapes every text and attribute, which is the part that needs a
library. feedgen would bring lxml and dateutil for that, and stamps the build's clock into the
feed unless told otherwise; here nothing depends on when or where the site is built, so the same
roadmap gives the same bytes (`updated` is the newest `added` date, or `NO_DATE`). Validity is
checked by the tests against RFC 4287's required elements and with feedparser.

Links are absolute when the site's `site_url` is known. Without it they are relative to the
feed, which RFC 4287 allows (they resolve against the feed's own address), though some feed
readers do not follow them: the engines say so in the build log.
"""

from __future__ import annotations

import datetime
import posixpath
import uuid
import xml.etree.ElementTree as ElementTree

from markupsafe import escape

from learnpath.roadmap.model import Resource, Roadmap, Stage
from learnpath.site.markup import MarkdownFields
from learnpath.site.pages import WHATS_NEW_PAGE, list_path, page_url, stage_path
from learnpath.site.prompts import plain_text

FEED_PATH = "feed.xml"
"""At the site's root, beside roadmap.json."""
NO_DATE = datetime.date(1970, 1, 1)
"""The feed's `updated` when no resource has an `added` date: fixed, so builds stay the same."""
ATOM = "http://www.w3.org/2005/Atom"
_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WITHOUT_SITE_URL = (
    "the feed's links are relative, which some feed readers cannot follow; set site_url to the "
    "address the site is published at (the Pages workflow sets it for you)"
)
"""What the build log says of the feed when mkdocs.yml has no `site_url`, on every engine."""
MAX_SUMMARY = 1_000
"""Characters of an entry's summary: a feed reader shows a preview, the card has the rest."""


def feed_title(roadmap: Roadmap) -> str:
    return f"{roadmap.title}: new resources"


def _site_base(site_url: str | None) -> str:
    """`site_url` ending with one slash, or '' for links relative to the site's root."""
    return site_url.rstrip("/") + "/" if site_url else ""


def _timestamp(day: datetime.date) -> str:
    """A date as RFC 3339 wants it in Atom: the start of that day, in UTC."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_feed(
    roadmap: Roadmap,
    fields: MarkdownFields,
    site_url: str | None = None,
    directory_urls: bool = True,
) -> bytes:
    """The feed as UTF-8 XML. `fields` renders descriptions as the pages do; their words
    become each entry's plain-text summary."""
    base = _site_base(site_url)
    # A permanent id: the site's address, or without one a name made from the roadmap's title.
    feed_id = base or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'learnpath:' + roadmap.title)}"
    newest = roadmap.newest_resources()
    updated = newest[0][0].added if newest else None

    # The namespace as a plain attribute: ElementTree would otherwise prefix every tag.
    feed = ElementTree.Element("feed", {"xmlns": ATOM, _LANG: "en"})

    def add(
        parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str
    ) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, tag, attributes)
        element.text = text
        return element

    add(feed, "id", feed_id)
    add(feed, "title", feed_title(roadmap))
    add(feed, "subtitle", f"Resources added to {roadmap.title}, newest first.")
    add(feed, "updated", _timestamp(updated or NO_DATE))
    author = add(feed, "author")  # the feed's, so no entry needs one: the roadmap's curators
    add(author, "name", roadmap.title)
    add(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    whats_new = base + page_url(WHATS_NEW_PAGE, directory_urls)
    add(feed, "link", rel="alternate", type="text/html", href=whats_new)
    add(feed, "generator", "learnpath")
    stages_using = roadmap.stages_using()
    for resource, resource_list in newest:
        assert resource.added is not None  # newest_resources keeps only dated ones
        entry = add(feed, "entry")
        add(entry, "id", f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{feed_id}#{resource.id}')}")
        add(entry, "title", resource.title)
        add(entry, "updated", _timestamp(resource.added))
        add(entry, "published", _timestamp(resource.added))
        add(entry, "link", rel="alternate", href=resource.url)
        listed_at = f"{base}{page_url(list_path(resource_list.id), directory_urls)}#{resource.id}"
        add(entry, "link", rel="related", type="text/html", href=listed_at,
            title=resource_list.title)  # fmt: skip
        for stage in stages_using.get(resource.id, []):
            stage_url = base + page_url(stage_path(stage.id), directory_urls)
            add(entry, "link", rel="related", type="text/html", href=stage_url,
                title=f"{stage.number}. {stage.title}")  # fmt: skip
        add(entry, "category", term=resource_list.id, label=resource_list.title)
        add(entry, "summary", _summary(resource, resource_list.title, stages_using, fields))
    ElementTree.indent(feed)
    return ElementTree.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _summary(
    resource: Resource,
    list_title: str,
    stages_using: dict[str, list[Stage]],
    fields: MarkdownFields,
) -> str:
    """What the resource is, where the path uses it, then its description's words."""
    what = resource.type.capitalize()
    if resource.author:
        what += f" by {resource.author}"
    stages = "; ".join(f"{s.number}. {s.title}" for s in stages_using.get(resource.id, []))
    lines = [f"{what}, in {list_title}" + (f"; used in {stages}." if stages else ".")]
    if resource.description:
        lines.append(plain_text(str(fields.block(resource.description))))
    text = "\n\n".join(lines)
    return text if len(text) <= MAX_SUMMARY else text[: MAX_SUMMARY - 1] + "\u2026"


def with_feed_link(html: str, roadmap: Roadmap, page_file: str, site_url: str | None = None) -> str:
    """The page written to `page_file` in the site (`stages/basics/index.html`, `404.html`),
    with the feed's `<link>` at the end of its head; unchanged if it has no head, or has the
    link already. Both engines call it on every page they write. The feed's address is
    absolute with `site_url`, else relative to the page's file."""
    end = html.find("</head>")
    if end < 0:
        return html
    if site_url:
        href = _site_base(site_url) + FEED_PATH
    else:
        href = posixpath.relpath(FEED_PATH, posixpath.dirname(page_file) or ".")
    link = (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="{escape(feed_title(roadmap))}" href="{escape(href)}">'
    )
    if link in html[:end]:
        return html
    return f"{html[:end]}{link}\n{html[end:]}"
