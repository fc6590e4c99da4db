"""Located problems: what is wrong, where, and what was expected.

Every check in learnpath reports a `Problem` instead of raising at the first mistake, so an author
sees everything that is wrong with their roadmap in one run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

MAX_MESSAGE = 200
MAX_FIELD = 50
"""Characters in a problem's message and field path; with its file and line a report line
stays under 300 characters, however long the value or key it quotes."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the roadmap, pointing at a file, a line and a field."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __post_init__(self) -> None:
        # The last bound on what a value can do to a report: one line, of bounded length.
        message = " ".join(self.message.split())
        if len(message) > MAX_MESSAGE:
            message = message[: MAX_MESSAGE - 1] + "\u2026"
        object.__setattr__(self, "message", message)
        if len(self.field) > MAX_FIELD:
            object.__setattr__(self, "field", self.field[: MAX_FIELD - 1] + "\u2026")

    @classmethod
    def whole_file(cls, file: str, message: str) -> Problem:
        """A problem with a file as a whole (missing, misnamed, unreadable)."""
        return cls(file, 0, 0, "", message)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class RoadmapInvalid(Exception):
    """The roadmap has problems; the build must stop before anything is published."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [f"The roadmap has {plural(count, 'problem')}:"]
        lines += [f"  {problem}" for problem in self.problems]
        them = "it" if count == 1 else "them"
        lines.append(f"Fix {them} and run `learnpath validate` again; nothing was published.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """Show paths relative to where the author works, as editors expect in `file:line` links.

    Links are not followed: a problem names the file the author sees in the folder (a link to
    a file outside it must not reveal, or be mistaken for, its target), and a link that loops
    can still be named."""
    absolute = Path(os.path.abspath(path))
    for base in (Path.cwd(), root.parent, root):
        try:
            return absolute.relative_to(os.path.abspath(base)).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def format_location(location: tuple[str | int, ...]) -> str:
    """Render a field path the way authors think of it: `topics[1].resources[0]`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def quoted(value: object, limit: int = 60) -> str:
    """A value as a message shows it: quoted, on one line, cut with an ellipsis when long, so
    no value can make a message unreadable (or a log line 98,000 characters wide)."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(value)[: limit * 4])
    if len(text) > limit or len(str(value)) > limit * 4:
        text = text[: limit - 1] + "\u2026"
    return f"'{text}'"


def plural(count: int, noun: str) -> str:
    """`1 stage`, `2 stages`, `1 resource list`: nouns here all take a plain -s."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"
