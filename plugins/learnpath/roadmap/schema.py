"""The four kinds of roadmap file, as pydantic models: what an author may write, and nothing else.

These models are the single source of truth for the format: the validator checks files against
them and `learnpath schema` turns them into JSON Schemas for editors.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

from learnpath.roadmap.markdownlimits import check_markdown_limits

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
RESERVED_IDS: dict[str, dict[str, str]] = {
    "stages": {"index": "the path page (stages/index.md), which lists every stage"},
    "resources": {"index": "the resource library (resources/index.md)"},
}
"""Ids a stage or list may not take, by folder: their page would take the place of a page
every site has. (What's new and My notes sit beside these folders, so no id reaches them.)"""
# A web address with a user name or password before its host: https://user:pass@host/.
_CREDENTIALS_IN_URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s/?#<>()\[\]\"']*@")


def _without_credentials(text: str) -> str:
    """A Markdown field publishes its links and their text: no passwords in either."""
    if _CREDENTIALS_IN_URL.search(text):  # the message does not repeat them: logs are public
        raise PydanticCustomError(
            "credentials_in_url",
            "has a web address with a user name or password before its host "
            "(https://name:password@host/); remove them: they would be published",
        )
    return text


Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="A lowercase id: letters, digits and single dashes, e.g. `deep-learning`."),
]
Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    # For editors: the validator strips spaces first, so a blank title is empty there too.
    Field(json_schema_extra={"pattern": r"\S"}),
]
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=20_000),
    AfterValidator(check_markdown_limits),  # constructs that would render in quadratic time
    AfterValidator(_without_credentials),
    Field(description="Markdown text; rendered with the site's settings and sanitised."),
]
Hours = Annotated[float, Field(gt=0, le=10_000, description="Estimated hours of study.")]
Prompt = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4_000),
    # Published in the stage page for the reader to copy: no passwords in it either.
    AfterValidator(_without_credentials),
    Field(
        description="Plain text (not Markdown): the study prompt a reader copies for this "
        "topic, instead of the one learnpath writes from the roadmap.",
        json_schema_extra={"pattern": r"\S"},
    ),
]


LEVELS = ("beginner", "intermediate", "advanced")
RESOURCE_TYPES = (
    "course", "video", "book", "article", "paper",
    "docs", "tool", "community", "podcast", "newsletter",
)  # fmt: skip

Level = Literal["beginner", "intermediate", "advanced"]
ResourceType = Literal[
    "course", "video", "book", "article", "paper",
    "docs", "tool", "community", "podcast", "newsletter",
]  # fmt: skip


_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


def _web_link(url: str) -> str:
    """Only http(s) links reach the page: `javascript:` or `data:` URLs could run script, and
    a user name or password in a link would be published in the page and roadmap.json."""
    complete = "a complete web address such as https://example.org/page, without spaces"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - parsing the port is what rejects `host:abc`
    except ValueError:  # a malformed host such as `[::1` or a port that is not a number
        raise ValueError(complete) from None
    if parts.scheme not in ("http", "https"):
        raise ValueError("an http:// or https:// URL (javascript:, data: and others are refused)")
    if not parts.hostname or _SPACE_OR_CONTROL.search(url):
        raise ValueError(complete)
    if parts.username is not None or parts.password is not None:
        raise ValueError(
            "a URL without a user name or password (https://user:pass@host/ would publish them)"
        )
    return url


WebLink = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_web_link),
    Field(
        description="The resource's canonical http(s) URL.",
        json_schema_extra={"format": "uri", "pattern": r"^https?://\S+$"},
    ),
]


def _each_once(items: list[str]) -> list[str]:
    """A repeated id or outcome is a slip: it would show a resource twice, or give two outcomes
    one checkbox."""
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise PydanticCustomError(
                "repeated_item", "'{item}' is listed twice; keep one", {"item": item}
            )
        seen.add(item)
    return items


UniqueItems = (AfterValidator(_each_once), Field(json_schema_extra={"uniqueItems": True}))
SlugList = Annotated[list[Slug], *UniqueItems]


class _Strict(BaseModel):
    """Unknown keys are errors (typos must not be silently ignored); no type coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ResourceEntry(_Strict):
    """One curated resource: a course, a book, a paper... with facts a learner filters on."""

    id: Slug
    title: Text
    url: WebLink
    type: ResourceType
    author: Text | None = None
    free: bool | None = None
    hours: Hours | None = None
    level: Level | None = None
    year: Annotated[int, Field(ge=1900, le=2100)] | None = None
    tags: SlugList = Field(default_factory=list, max_length=20)
    description: Markdown | None = None
    added: datetime.date | None = Field(
        default=None,
        description="The day the resource joined the roadmap, YYYY-MM-DD without quotes: "
        "lists it on the What's new page and in the feed.",
    )


class TagEntry(_Strict):
    """One tag of the vocabulary: the id resources use, and the words the tag filter shows."""

    id: Slug
    title: Text
    description: Text | None = None


class TagsFile(_Strict):
    """`roadmap/tags.yml` (optional): the tags resources may use. Without it, any tag is
    accepted; with it, a tag not listed here is an error, so typos cannot split a filter."""

    tags: list[TagEntry] = Field(min_length=1)


class ResourceListFile(_Strict):
    """`roadmap/resources/<list>.yml`: a themed, curated list of resources."""

    title: Text
    description: Markdown | None = None
    resources: list[ResourceEntry] = Field(min_length=1)


class TopicEntry(_Strict):
    """Something to learn within a stage, with the resources that teach it."""

    title: Text
    description: Markdown | None = None
    resources: SlugList = Field(default_factory=list)
    start: Slug | None = Field(
        default=None,
        description="The resource to start with: one of this topic's resources, shown first.",
    )
    prompt: Prompt | None = None


class ProjectEntry(_Strict):
    """Something to build at the end of a stage, ending in a thing you can show."""

    title: Text
    description: Markdown | None = None
    deliverable: Text | None = None
    resources: SlugList = Field(default_factory=list)


class StageFile(_Strict):
    """`roadmap/stages/<id>.yml`: one step of the path."""

    title: Text
    summary: Text
    description: Markdown | None = None
    hours: Hours | None = None
    level: Level | None = None
    prerequisites: SlugList = Field(default_factory=list)
    outcomes: Annotated[list[Text], *UniqueItems] = Field(default_factory=list)
    topics: list[TopicEntry] = Field(default_factory=list)
    projects: list[ProjectEntry] = Field(default_factory=list)
    prompt: Prompt | None = Field(
        default=None,
        description="Plain text (not Markdown): the study prompt for those of the stage's "
        "topics that have no `prompt` of their own.",
    )


class RoadmapFile(_Strict):
    """`roadmap/roadmap.yml`: the roadmap's title and the order of its stages."""

    title: Text
    tagline: Text | None = None
    description: Markdown | None = None
    stages: list[Slug] = Field(min_length=1)


ProgressStatus = Literal["done", "in-progress", "skipped"]


class ProgressEntry(_Strict):
    """One public note of progress: a stage or a resource, its status, when, and a word on it."""

    stage: Slug | None = None
    resource: Slug | None = None
    status: ProgressStatus = "done"
    date: datetime.date | None = None
    note: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
        | None
    ) = None

    @model_validator(mode="after")
    def _one_subject(self) -> ProgressEntry:
        if (self.stage is None) == (self.resource is None):
            raise ValueError("exactly one of 'stage' or 'resource' in each entry")
        return self


class ProgressFile(_Strict):
    """`roadmap/progress.yml` (optional): your progress, published as a "My progress" page."""

    learner: Text | None = None
    entries: list[ProgressEntry] = Field(default_factory=list)
