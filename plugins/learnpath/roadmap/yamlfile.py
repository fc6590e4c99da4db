"""Read one roadmap YAML file into plain data, keeping where every value was written.

We build the data from the C parser's events rather than calling `yaml.load`, because that is
the one place that can refuse what a safe roadmap must never contain (anchors and aliases, which
allow expansion bombs; duplicate keys, which YAML silently lets the last one win; explicit tags)
while recording line marks at almost no extra cost. Marks live in a side table keyed by the
identity of each mapping or list, so they cost nothing until a problem needs to be located.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from learnpath.roadmap.problems import Problem, format_location, quoted
from learnpath.roadmap.sourcefiles import MAX_FILE_BYTES, FileRefused, read_roadmap_file

try:  # The C parser is several times faster; fall back so a bare install still works.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["MAX_FILE_BYTES", "YamlFile", "YamlRefused", "parse_yaml_text", "read_yaml_file"]

Position = tuple[int, int]
"""A 1-based (line, column) pair."""

_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
MAX_INTEGER_BITS = 64
"""No roadmap field needs a larger whole number; Python could not even print some larger ones."""
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_TYPED_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "null", "timestamp")
)


@dataclass
class Marks:
    """Where each key and value of a mapping, or each item of a list, was written."""

    start: Position
    keys: dict[Any, Position] = field(default_factory=dict)
    values: dict[Any, Position] = field(default_factory=dict)


@dataclass
class YamlFile:
    """The data of one file and the marks needed to point at any part of it."""

    path: Path
    shown_as: str
    data: Any
    marks: dict[int, Marks] | None
    root: Path | None = None

    def released(self) -> YamlFile:
        """This file without its data and marks, once a model holds what it says.

        Marks take more memory than the data they describe; on a big roadmap, keeping them for
        every file would double a build's memory for the rare problem that needs a line. They
        are read again from the file if one does.
        """
        return YamlFile(self.path, self.shown_as, None, None, self.root)

    def position(self, location: tuple[str | int, ...], *, at_key: bool = False) -> Position:
        """Find the line and column of a field path such as ("topics", 1, "resources", 0).

        Walks as deep as the data goes, so a missing field points at the mapping that lacks it.
        """
        if self.marks is None:
            reread = read_yaml_file(self.path, self.shown_as, self.root or self.path.parent)
            self.data, self.marks = reread.data, reread.marks
        assert self.marks is not None
        node = self.data
        best: Position = (1, 1)
        if id(node) in self.marks:
            best = self.marks[id(node)].start
        for index, part in enumerate(location):
            marks = self.marks.get(id(node))
            if marks is None:
                break
            last = index == len(location) - 1
            table = marks.keys if (last and at_key) else marks.values
            if part not in table:
                break
            best = table[part]
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                break
        return best


class YamlRefused(Exception):
    """The file cannot be read as a roadmap file; carries the located problems."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def read_yaml_file(path: Path, shown_as: str, root: Path) -> YamlFile:
    """Read, decode and parse one file of the roadmap folder `root`, refusing unsafe or
    ambiguous YAML and any file `sourcefiles` will not read."""
    return parse_yaml_bytes(read_yaml_bytes(path, shown_as, root), path, shown_as, root)


def read_yaml_bytes(path: Path, shown_as: str, root: Path) -> bytes:
    """The bytes of one file of the roadmap folder `root`, if `sourcefiles` will read it."""
    try:
        return read_roadmap_file(path, root)
    except FileRefused as refused:
        raise YamlRefused([Problem(shown_as, 0, 0, "", str(refused))]) from None


def parse_yaml_bytes(raw: bytes, path: Path, shown_as: str, root: Path) -> YamlFile:
    """Decode and parse bytes read by `read_yaml_bytes`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"file is not UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        raise YamlRefused([Problem(shown_as, line, 1, "", message)]) from None
    return parse_yaml_text(text, path, shown_as, root)


def parse_yaml_text(text: str, path: Path, shown_as: str, root: Path | None = None) -> YamlFile:
    """Build plain Python data from YAML events, with marks in a side table."""
    builder = _Builder(shown_as)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = error.problem or "is not valid YAML"
        raise YamlRefused(
            [Problem(shown_as, line, column, "", f"invalid YAML: {problem}")]
        ) from None
    except yaml.reader.ReaderError as error:  # a character YAML forbids; it carries no mark
        where = error.position
        line, column = text.count("\n", 0, where) + 1, where - text.rfind("\n", 0, where)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        message = (
            f"invalid YAML: the character U+{code:04X} is not allowed in YAML "
            "(a control character); delete it"
        )
        raise YamlRefused([Problem(shown_as, line, column, "", message)]) from None
    except yaml.YAMLError as error:
        raise YamlRefused([Problem(shown_as, 1, 1, "", f"invalid YAML: {error}")]) from None
    if builder.problems:
        raise YamlRefused(builder.problems)
    return YamlFile(path, shown_as, builder.document, builder.marks, root)


class _Builder:
    """Turns a stream of parser events into dicts, lists and scalars."""

    def __init__(self, shown_as: str) -> None:
        self.shown_as = shown_as
        self.problems: list[Problem] = []
        self.marks: dict[int, Marks] = {}
        self.document: Any = None
        self.documents = 0
        # Each open collection: (container, marks, pending key or None, pending key position).
        self.stack: list[list[Any]] = []

    def problem(self, mark: Any, message: str, field: str = "") -> None:
        line, column = mark.line + 1, mark.column + 1
        self.problems.append(Problem(self.shown_as, line, column, field, message))

    def field(self) -> str:
        """The field path of the value being read (`entries[1].date`), for its problem.

        An open collection below the top holds its child last (it was added when it opened);
        the top one is about to receive the value, at its next index or its pending key."""
        parts: list[str | int] = []
        for depth, (container, _, key, _) in enumerate(self.stack):
            below = depth < len(self.stack) - 1
            if type(container) is list:
                parts.append(len(container) - 1 if below else len(container))
                continue
            if below and container:
                key = next(reversed(container))
            if key is not _NO_KEY:
                parts.append(key if isinstance(key, str | int) else str(key))
        return format_location(tuple(parts))

    def feed(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.check_anchor_and_tag(event)
            self.add(self.scalar(event), event.start_mark)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            self.check_anchor_and_tag(event)
            container: dict[Any, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            position = (event.start_mark.line + 1, event.start_mark.column + 1)
            marks = Marks(position)
            self.marks[id(container)] = marks
            self.add(container, event.start_mark)
            self.stack.append([container, marks, _NO_KEY, None])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self.problem(
                event.start_mark,
                f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
            )
            self.add(None, event.start_mark)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.problem(event.start_mark, "only one YAML document per file is allowed")

    def check_anchor_and_tag(self, event: Any) -> None:
        if event.anchor is not None:
            self.problem(
                event.start_mark,
                f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full",
            )
        if event.tag is not None and event.tag != "!":
            self.problem(event.start_mark, f"YAML tags ({event.tag}) are not allowed")

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        """A plain scalar as YAML types it: number, true/false, null, date, or text.

        Only those types: YAML 1.1's `=` (value) and `<<` (merge) tags are read as text, so
        they meet the schema's located messages. A value YAML would type but Python cannot
        hold (a 5,000-digit number, the date 2016-13-45) is a located problem, not a crash.
        """
        value = event.value
        if not event.implicit[0]:  # quoted or block scalar: always a string
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if tag not in _TYPED_TAGS:
            return value
        try:
            typed = _CONSTRUCTOR.construct_object(yaml.ScalarNode(tag, value), deep=True)
            if type(typed) is int and typed.bit_length() > MAX_INTEGER_BITS:
                raise ValueError("too large")  # hex, octal or base 60 write it in few digits
            return typed
        except (ValueError, OverflowError) as error:
            if tag == _TIMESTAMP_TAG:
                message = f"{quoted(value)} is not a real date ({error}); write it as YYYY-MM-DD"
            else:
                message = f"the number {quoted(value, 20)} is too large; write a smaller one"
            self.problem(event.start_mark, message, self.field())
            return value

    def add(self, value: Any, mark: Any) -> None:
        position = (mark.line + 1, mark.column + 1)
        if not self.stack:
            if self.documents <= 1:
                self.document = value
            return
        top = self.stack[-1]
        container, marks = top[0], top[1]
        if type(container) is list:
            marks.values[len(container)] = position
            container.append(value)
            return
        if top[2] is _NO_KEY:  # this value is a key
            if isinstance(value, dict | list):
                self.problem(mark, "a mapping key must be a plain value")
                value = f"<{'a mapping' if isinstance(value, dict) else 'a list'} as a key>"
            if value in container:
                first = marks.keys[value][0]
                self.problem(mark, f"duplicate key '{value}' (first written on line {first})")
            top[2], top[3] = value, position
            return
        key = top[2]
        container[key] = value
        marks.keys.setdefault(key, top[3])
        marks.values.setdefault(key, position)
        top[2] = _NO_KEY


_NO_KEY = object()
