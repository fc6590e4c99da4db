"""The study prompt of each topic: what "Copy study prompt" puts on the reader's clipboard.

Written at build time from the roadmap's own data, so it costs the reader nothing and sends
nothing anywhere: the reader pastes it into the assistant they already use. It asks for a
tutor, not an answer machine: one that finds out what the learner knows, makes them explain
and answer, points back to the curated resources and never does their project. An author
who wants other words writes a `prompt` for the topic, or for the stage's topics at once.

Prompts are plain text: a Markdown description is rendered with the site's settings, as on
the page, then read back as text, so the assistant sees words and link addresses, not markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

from learnpath.roadmap.model import Roadmap, Stage, Topic

# Elements after which text starts a new line; a list item gets a dash.
_BLOCKS = frozenset({
    "p", "div", "ul", "ol", "li", "br", "pre", "blockquote", "table", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "summary",
})  # fmt: skip
_SPACES = re.compile(r"[ \t\r\f\v]+")

RESOURCES_RULE = (
    "Send me back to the resources above for details, and say which one covers what we are "
    "discussing, instead of replacing them with long explanations."
)
"""Left out when the topic lists no resources: it would point at nothing."""
TUTORING = (
    "Start by asking what I already know about this topic, and wait for my answer before "
    "you teach anything.",
    "Teach one idea at a time. After each, ask me to explain it back in my own words, and "
    "correct what I get wrong or leave out.",
    "Quiz me with short questions, one at a time, that check understanding rather than "
    "memory; tell me whether I was right and why.",
    "When I am stuck, give me a hint first, then a bigger one; give the full answer only "
    "after I have tried.",
    RESOURCES_RULE,
    "Never do a project or an exercise for me: help me plan it, ask questions that lead me "
    "to fix my own work, and review what I write.",
    "Keep your answers short, and tell me when I understand enough to move on.",
)
"""What the tutor is asked to do, in order."""


class _TextOfHtml(HTMLParser):
    """The text of sanitised field HTML, with a link's address after its words."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[tuple[str | None, int]] = []  # each open link: its href, its words' start

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")
        if tag == "a":
            self.links.append((dict(attrs).get("href"), len(self.parts)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            href, start = self.links.pop()
            words = "".join(self.parts[start:]).strip()
            if (
                href
                and not href.startswith("#")
                and words not in (href, href.removeprefix("mailto:"))
            ):
                self.parts.append(f" ({href})")
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def text(self) -> str:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


@lru_cache(maxsize=16384)  # the feed asks again for every description on every rebuild
def plain_text(html: str) -> str:
    """The words of a rendered Markdown field, one paragraph or list item per line."""
    if "<" not in html:
        return unescape(html).strip()
    reader = _TextOfHtml()
    reader.feed(html)
    reader.close()
    return reader.text()


def study_prompt(
    roadmap: Roadmap, stage: Stage, topic: Topic, description_html: Callable[[str], str]
) -> str:
    """The prompt for `topic` of `stage`: the author's own (the topic's, else the stage's),
    or one written from the roadmap. `description_html` renders a Markdown field as the page
    does (the renderer's cached `md.block`)."""
    if topic.prompt or stage.prompt:
        return topic.prompt or stage.prompt or ""
    level = f" ({stage.level} level)" if stage.level else ""
    lines = [
        "You are my tutor for one topic of a learning roadmap. Help me understand it; do not "
        "do my work for me.",
        "",
        f"Roadmap: {roadmap.title}",
        f"Stage {stage.number} of {len(roadmap.stages)}: {stage.title}{level}",
        f"Topic: {topic.title}",
    ]
    if topic.description:
        about = plain_text(str(description_html(topic.description)))
        lines += ["", "What the roadmap says about this topic:", about]
    if stage.outcomes:
        lines += ["", "What I should be able to do by the end of this stage:"]
        lines += [f"- {outcome}" for outcome in stage.outcomes]
    rules = [rule for rule in TUTORING if topic.resources or rule != RESOURCES_RULE]
    if topic.resources:
        lines += ["", "The resources I am using for this topic:"]
        start = topic.start.id if topic.start else None
        for resource in topic.resources_start_first:
            first = " - the one to start with" if resource.id == start else ""
            lines.append(f"- {resource.title} ({resource.type}{first}): {resource.url}")
    lines += ["", "How to tutor me:"]
    lines += [f"{number}. {rule}" for number, rule in enumerate(rules, start=1)]
    lines += ["", f"Let's begin: ask me what I already know about {topic.title}."]
    return "\n".join(lines)
