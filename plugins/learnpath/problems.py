"""Located problems: what is wrong, where, and what was expected.

Every check in learnpath reports a `Problem` instead of raising at the first mistake, so an author
sees everything that is wrong with their roadmap in one run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the roadmap, pointing at a file, a line and a field."""

    file: str
    line: int
    column: int
    field: str
    message: str

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
        noun = "problem" if count == 1 else "problems"
        lines = [f"The roadmap has {count} {noun}:"]
        lines += [f"  {problem}" for problem in self.problems]
        lines.append("Fix them and run `learnpath validate` again; nothing was published.")
        return "\n".join(lines)


def display_path(path: Path, root: Path) -> str:
    """Show paths relative to where the author works, as editors expect in `file:line` links."""
    for base in (Path.cwd(), root.parent, root):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
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
