"""Synthetic roadmaps for the benchmarks, written twice: as learnpath YAML and as plain Markdown.

One in-memory `SyntheticRoadmap` of N stages x M resources (each stage has its own curated list
of M resources, spread over its topics) is written either as a v1 roadmap folder for the plugin
or as the hand-written Markdown a person would keep without it: the same pages (overview, one
page per stage, the library, one page per list) carrying the same text (titles, summaries,
descriptions, outcomes, topic titles, resource links, badge text, authors, tags).

Two axes make the comparison honest (`TEXTS` x `CONFIGS`, see build_speed.py):
- `text`: "long" descriptions are two or three sentences with bold, code, emphasis and a link,
  where learnpath's direct path for simple Markdown saves the most; "short" ones are one plain
  sentence of 12 words, which Python-Markdown renders quickly too.
- `config`: "typical" is the repository's mkdocs.yml (Material, its features, the Markdown
  extensions a Material site usually enables); "bare" is the same without any extension.
Both projects get the same mkdocs.yml and the search plugin; the learnpath side adds the
learnpath plugin, the Markdown side an explicit nav with the same sections, pages and titles.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

REPO = Path(__file__).resolve().parents[1]
REPO_CONFIG = REPO / "mkdocs.yml"

WORDS = (
    "gradient", "tensor", "vector", "matrix", "model", "layer", "attention", "token", "embedding",
    "loss", "optimiser", "batch", "epoch", "dataset", "feature", "label", "kernel", "sample",
    "bias", "variance", "entropy", "network", "graph", "python", "notebook", "pipeline",
    "training", "inference", "evaluation", "metric", "baseline", "transformer", "convolution",
    "regression", "classifier", "cluster", "probability", "derivative", "projection", "encoder",
)  # fmt: skip
TYPES = ("course", "video", "book", "article", "paper", "docs", "tool", "community")
LEVELS = ("beginner", "intermediate", "advanced")
TOPICS_PER_STAGE = 5
OUTCOMES_PER_STAGE = 4
TEXTS = ("short", "long")
CONFIGS = ("bare", "typical")
FIRST_ADDED = datetime.date(2024, 1, 1)


@dataclass(frozen=True)
class Resource:
    id: str
    title: str
    url: str
    type: str
    author: str
    free: bool | None
    hours: float
    level: str
    year: int
    tags: tuple[str, ...]
    description: str
    added: datetime.date


@dataclass(frozen=True)
class Topic:
    title: str
    description: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class Stage:
    id: str
    number: int
    title: str
    summary: str
    description: str
    hours: float
    level: str
    prerequisites: tuple[str, ...]
    outcomes: tuple[str, ...]
    topics: tuple[Topic, ...]


@dataclass(frozen=True)
class ResourceList:
    id: str
    title: str
    description: str
    resources: tuple[Resource, ...]


@dataclass(frozen=True)
class SyntheticRoadmap:
    title: str
    tagline: str
    description: str
    stages: tuple[Stage, ...]
    lists: tuple[ResourceList, ...]

    @property
    def resource_count(self) -> int:
        return sum(len(resource_list.resources) for resource_list in self.lists)


def make_roadmap(
    stages: int, resources: int, text: str = "long", seed: int = 2026
) -> SyntheticRoadmap:
    """`stages` stages, each with its own list of `resources` resources used by its topics;
    `text` is "long" (marked-up paragraphs) or "short" (one plain sentence), see TEXTS."""
    if text not in TEXTS:
        raise ValueError(f"text must be one of {TEXTS}, not {text!r}")
    words = _Words(random.Random(seed), short=text == "short")
    stage_list = []
    lists = []
    for number in range(1, stages + 1):
        stage_id = f"stage-{number:04d}"
        list_id = f"list-{number:04d}"
        entries = tuple(_resource(words, number, index) for index in range(1, resources + 1))
        lists.append(
            ResourceList(
                list_id,
                f"Resources for {words.title(3)} {number}",
                words.markdown(2),
                entries,
            )
        )
        prerequisites = [f"stage-{number - 1:04d}"] if number > 1 else []
        if number > 3 and number % 5 == 0:
            prerequisites.append(f"stage-{number - 3:04d}")
        per_topic = max(1, -(-resources // TOPICS_PER_STAGE))
        topics = tuple(
            Topic(
                f"{words.title(3)} {number}.{index + 1}",
                words.markdown(2),
                entries[start : start + per_topic],
            )
            for index, start in enumerate(range(0, resources, per_topic))
        )
        stage_list.append(
            Stage(
                id=stage_id,
                number=number,
                title=f"{words.title(3)} {number}",
                summary=words.sentence(14),
                description=words.paragraphs(),
                hours=float(10 + number % 40),
                level=LEVELS[number % 3],
                prerequisites=tuple(prerequisites),
                outcomes=tuple(words.sentence(12) for _ in range(OUTCOMES_PER_STAGE)),
                topics=topics,
            )
        )
    return SyntheticRoadmap(
        title="A synthetic path through machine learning",
        tagline=words.sentence(12),
        description=words.paragraphs(),
        stages=tuple(stage_list),
        lists=tuple(lists),
    )


class _Words:
    """Plausible filler text, deterministic for a given random generator."""

    def __init__(self, rng: random.Random, short: bool = False) -> None:
        self.rng = rng
        self.short = short

    def words(self, count: int) -> list[str]:
        return self.rng.choices(WORDS, k=count)

    def title(self, count: int) -> str:
        return " ".join(self.words(count)).capitalize()

    def sentence(self, count: int) -> str:
        return " ".join(self.words(count)).capitalize() + "."

    def paragraphs(self) -> str:
        """A stage's or the roadmap's description: two paragraphs, or one short sentence."""
        if self.short:
            return self.sentence(12)
        return f"{self.markdown(3)}\n\n{self.markdown(3)}"

    def markdown(self, sentences: int) -> str:
        """Sentences with the inline Markdown authors use: bold, code, emphasis and a link;
        for short texts, one plain sentence of 12 words whatever `sentences` says."""
        if self.short:
            return self.sentence(12)
        parts = [self.sentence(self.rng.randint(8, 16)) for _ in range(sentences)]
        first, second, third = self.words(3)
        parts[0] = f"**{first.capitalize()}** and `{second}()` {parts[0][0].lower()}{parts[0][1:]}"
        parts[-1] = (
            f"{parts[-1][:-1]} with *{third}*, see [the notes](https://example.org/{first})."
        )
        return " ".join(parts)


def _resource(words: _Words, stage: int, index: int) -> Resource:
    rng = words.rng
    return Resource(
        id=f"s{stage:04d}-r{index:03d}",
        title=f"{words.title(4)} ({stage}.{index})",
        url=f"https://example.org/stage-{stage}/resource-{index}",
        type=TYPES[(stage + index) % len(TYPES)],
        author=f"{words.title(1)} {words.title(1)}",
        free=(True, False, None)[index % 3],
        hours=float(rng.choice((0.5, 1, 1.5, 2, 3, 5, 8, 12, 20, 40))),
        level=LEVELS[index % 3],
        year=rng.randint(2005, 2025),
        tags=tuple(sorted(set(words.words(3)))),
        description=words.markdown(2),
        added=FIRST_ADDED + datetime.timedelta(days=rng.randint(0, 1000)),
    )


# ---------------------------------------------------------------- learnpath YAML (format v1)


def write_learnpath_project(
    roadmap: SyntheticRoadmap, folder: Path, config_name: str = "typical"
) -> Path:
    """`folder/mkdocs.yml`, an empty `docs/` and `roadmap/`; returns the config file."""
    write_roadmap_folder(roadmap, folder / "roadmap")
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    config = site_config(roadmap.title, config_name)
    config["plugins"] = ["search", {"learnpath": {"roadmap_dir": "roadmap"}}]
    return _write_config(config, folder)


def write_roadmap_folder(roadmap: SyntheticRoadmap, root: Path) -> None:
    """roadmap.yml, stages/<id>.yml and resources/<list>.yml, as an author would write them."""
    (root / "stages").mkdir(parents=True, exist_ok=True)
    (root / "resources").mkdir(parents=True, exist_ok=True)
    _dump(
        {
            "title": roadmap.title,
            "tagline": roadmap.tagline,
            "description": roadmap.description,
            "stages": [stage.id for stage in roadmap.stages],
        },
        root / "roadmap.yml",
    )
    for stage in roadmap.stages:
        _dump(
            {
                "title": stage.title,
                "summary": stage.summary,
                "description": stage.description,
                "hours": stage.hours,
                "level": stage.level,
                "prerequisites": list(stage.prerequisites),
                "outcomes": list(stage.outcomes),
                "topics": [
                    {
                        "title": topic.title,
                        "description": topic.description,
                        "resources": [resource.id for resource in topic.resources],
                    }
                    for topic in stage.topics
                ],
            },
            root / "stages" / f"{stage.id}.yml",
        )
    for resource_list in roadmap.lists:
        _dump(
            {
                "title": resource_list.title,
                "description": resource_list.description,
                "resources": [_resource_entry(r) for r in resource_list.resources],
            },
            root / "resources" / f"{resource_list.id}.yml",
        )


def _resource_entry(resource: Resource) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": resource.id,
        "title": resource.title,
        "url": resource.url,
        "type": resource.type,
        "author": resource.author,
    }
    if resource.free is not None:
        entry["free"] = resource.free
    entry.update(
        hours=resource.hours,
        level=resource.level,
        year=resource.year,
        tags=list(resource.tags),
        description=resource.description,
        added=resource.added,
    )
    return entry


def _dump(data: dict[str, Any], path: Path) -> None:
    text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


# ---------------------------------------------------------------- the same site as Markdown


def write_markdown_project(
    roadmap: SyntheticRoadmap, folder: Path, config_name: str = "typical"
) -> Path:
    """`folder/mkdocs.yml` and `docs/` with hand-written pages; returns the config file. The
    pages are learnpath's: overview, the path, a page per stage, the library, a page per list,
    What's new and My notes, with the same facts on each."""
    docs = folder / "docs"
    (docs / "stages").mkdir(parents=True, exist_ok=True)
    (docs / "resources").mkdir(parents=True, exist_ok=True)
    pages = {"index.md": _overview_page(roadmap), "stages/index.md": _path_page(roadmap)}
    for index, stage in enumerate(roadmap.stages):
        previous = roadmap.stages[index - 1] if index > 0 else None
        following = roadmap.stages[index + 1] if index + 1 < len(roadmap.stages) else None
        pages[f"stages/{stage.id}.md"] = _stage_page(roadmap, stage, previous, following)
    pages["resources/index.md"] = _library_page(roadmap)
    for resource_list in roadmap.lists:
        pages[f"resources/{resource_list.id}.md"] = _list_page(roadmap, resource_list)
    pages["whats-new.md"] = _whats_new_page(roadmap)
    pages["notes.md"] = NOTES_PAGE
    for path, text in pages.items():
        (docs / path).write_text(text, encoding="utf-8")
    config = site_config(roadmap.title, config_name)
    config["plugins"] = ["search"]
    config["nav"] = [
        {"Home": "index.md"},
        {
            "The path": [{"The path": "stages/index.md"}]
            + [
                {f"{stage.number}. {stage.title}": f"stages/{stage.id}.md"}
                for stage in roadmap.stages
            ]
        },
        {
            "Resources": [{"Resource library": "resources/index.md"}]
            + [{rl.title: f"resources/{rl.id}.md"} for rl in roadmap.lists]
        },
        {"What's new": "whats-new.md"},
        {"My notes": "notes.md"},
    ]
    return _write_config(config, folder)


NOTES_PAGE = """# My notes

Notes you write on resources and stages stay in this browser, with your progress.
"""


def hours_label(hours: float) -> str:
    return f"{hours:g} h"


def badge_text(resource: Resource) -> str:
    """The facts of a resource card as one line: `video · free · beginner · 3 h · by A, 2020`."""
    parts = [resource.type]
    if resource.free is not None:
        parts.append("free" if resource.free else "paid")
    parts += [resource.level, hours_label(resource.hours), f"by {resource.author}, {resource.year}"]
    return " · ".join(parts)


def _resource_item(resource: Resource, used_in: Stage | None = None, stages: str = "") -> str:
    """A resource as a list item; `used_in`: the stage using it, linked from `stages` (the
    stages' folder as seen from the page), as learnpath's list and library cards say."""
    # The first "#" escaped: a line starting "#tag" would be a heading to Python-Markdown.
    tags = "\\" + " ".join(f"#{tag}" for tag in resource.tags)
    item = (
        f"- [{resource.title}]({resource.url}) {badge_text(resource)}\n\n"
        f"    {resource.description}\n\n"
        f"    {tags}\n"
    )
    if used_in is not None:
        item += f"\n    Used in: [{used_in.number}. {used_in.title}]({stages}{used_in.id}.md)\n"
    return item


def _overview_page(roadmap: SyntheticRoadmap) -> str:
    total_hours = sum(stage.hours for stage in roadmap.stages)
    free = sum(1 for rl in roadmap.lists for r in rl.resources if r.free)
    lines = [
        f"# {roadmap.title}",
        "",
        roadmap.tagline,
        "",
        roadmap.description,
        "",
        f"- **{len(roadmap.stages)}** stages",
        f"- **{hours_label(total_hours)}** of study, roughly",
        f"- **{roadmap.resource_count}** curated resources, **{free}** of them free",
        "",
        "## The path",
        "",
    ]
    for stage in roadmap.stages:
        count = sum(len(topic.resources) for topic in stage.topics)
        lines.append(
            f"{stage.number}. [**{stage.title}**](stages/{stage.id}.md) {stage.summary} "
            f"{stage.level} · {hours_label(stage.hours)} · {count} resources"
        )
    lines += [
        "",
        "## Resources",
        "",
        "Every resource in the path, by theme, is in the [resource library](resources/index.md):",
        "",
    ]
    lines += [f"- [{rl.title}](resources/{rl.id}.md) ({len(rl.resources)})" for rl in roadmap.lists]
    return "\n".join(lines) + "\n"


def _stage_page(
    roadmap: SyntheticRoadmap, stage: Stage, previous: Stage | None, following: Stage | None
) -> str:
    count = sum(len(topic.resources) for topic in stage.topics)
    before = ", ".join(f"[{_title_of(roadmap, p)}]({p}.md)" for p in stage.prerequisites)
    lines = [
        f"Stage {stage.number} of {len(roadmap.stages)}",
        "",
        f"# {stage.title}",
        "",
        stage.summary,
        "",
        f"- Level: {stage.level}",
        f"- Time: {hours_label(stage.hours)}",
        f"- Resources: {count}",
    ]
    if before:
        lines.append(f"- Before this: {before}")
    lines += ["", stage.description, "", "## What you will be able to do", ""]
    lines += [f"- {outcome}" for outcome in stage.outcomes]
    lines += ["", "## Topics", ""]
    for topic in stage.topics:
        lines += [f"### {topic.title}", "", topic.description, ""]
        lines += [_resource_item(resource) for resource in topic.resources]
    links = []
    if previous:
        links.append(f"[← Stage {previous.number}: {previous.title}]({previous.id}.md)")
    if following:
        links.append(f"[Stage {following.number}: {following.title} →]({following.id}.md)")
    lines += ["", " ".join(links)]
    return "\n".join(lines) + "\n"


def _title_of(roadmap: SyntheticRoadmap, stage_id: str) -> str:
    return _stage_of(roadmap, stage_id).title


def _stage_of(roadmap: SyntheticRoadmap, stage_id: str) -> Stage:
    return roadmap.stages[int(stage_id.rsplit("-", 1)[1]) - 1]


def _library_page(roadmap: SyntheticRoadmap) -> str:
    free = sum(1 for rl in roadmap.lists for r in rl.resources if r.free)
    lines = [
        "# Resource library",
        "",
        f"All {roadmap.resource_count} resources of the path, grouped by theme. {free} are free.",
        "",
    ]
    for rl, stage in zip(roadmap.lists, roadmap.stages, strict=True):
        lines += [f"## [{rl.title}]({rl.id}.md)", "", rl.description, ""]
        lines += [_resource_item(resource, stage, "../stages/") for resource in rl.resources]
    return "\n".join(lines) + "\n"


def _path_page(roadmap: SyntheticRoadmap) -> str:
    total_hours = sum(stage.hours for stage in roadmap.stages)
    lines = [
        "# The path",
        "",
        f"{len(roadmap.stages)} stages, in the order to take them, "
        f"about {hours_label(total_hours)} of study in all.",
        "",
    ]
    for stage in roadmap.stages:
        count = sum(len(topic.resources) for topic in stage.topics)
        after = "; ".join(
            f"{_stage_of(roadmap, p).number}. {_stage_of(roadmap, p).title}"
            for p in stage.prerequisites
        )
        lines.append(
            f"{stage.number}. [**{stage.title}**]({stage.id}.md) {stage.summary} "
            f"{stage.level} · {hours_label(stage.hours)} · {count} resources · "
            + (f"Builds on {after}" if after else "No prerequisites")
        )
    return "\n".join(lines) + "\n"


def _whats_new_page(roadmap: SyntheticRoadmap) -> str:
    """The dated resources by month, newest first, as learnpath's What's new page."""
    entries = sorted(
        (
            (r, rl, stage)
            for rl, stage in zip(roadmap.lists, roadmap.stages, strict=True)
            for r in rl.resources
        ),
        key=lambda entry: entry[0].added,
        reverse=True,
    )
    lines = [
        "# What's new",
        "",
        f"{len(entries)} resources by the day they joined the path, newest first.",
    ]
    month = None
    for resource, rl, stage in entries:
        if resource.added.replace(day=1) != month:
            month = resource.added.replace(day=1)
            lines += ["", f"## {month:%B %Y}", ""]
        lines.append(
            f"- {resource.added.day} {resource.added:%B %Y}: [{resource.title}]({resource.url}), "
            f"in [{rl.title}](resources/{rl.id}.md); "
            f"used in [{stage.number}. {stage.title}](stages/{stage.id}.md)"
        )
    return "\n".join(lines) + "\n"


def _list_page(roadmap: SyntheticRoadmap, resource_list: ResourceList) -> str:
    stage = roadmap.stages[roadmap.lists.index(resource_list)]
    lines = [
        f"# {resource_list.title}",
        "",
        resource_list.description,
        "",
        f"{len(resource_list.resources)} resources. See also the [whole library](index.md).",
        "",
    ]
    lines += [_resource_item(resource, stage, "../stages/") for resource in resource_list.resources]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- shared settings


def site_config(site_name: str, config_name: str = "typical") -> dict[str, Any]:
    """The repository's mkdocs.yml settings (theme, extensions), without its plugins and nav;
    `config_name` "bare" drops the Markdown extensions too (see CONFIGS)."""
    if config_name not in CONFIGS:
        raise ValueError(f"config must be one of {CONFIGS}, not {config_name!r}")
    with REPO_CONFIG.open(encoding="utf-8") as source:
        config = yaml_load(source)  # MkDocs' loader: it knows mkdocs.yml's !ENV tags
    if config_name == "bare":
        config.pop("markdown_extensions", None)
    config.pop("plugins", None)
    config.pop("nav", None)
    config["site_name"] = site_name
    config["docs_dir"] = "docs"
    return config


def _write_config(config: dict[str, Any], folder: Path) -> Path:
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def write_both(
    roadmap: SyntheticRoadmap, folder: Path, config_name: str = "typical"
) -> tuple[Path, Path]:
    """Both projects under `folder`; returns (learnpath config, markdown config)."""
    return (
        write_learnpath_project(roadmap, folder / "learnpath", config_name),
        write_markdown_project(roadmap, folder / "markdown", config_name),
    )
