"""Remember link verdicts between runs, so reruns are quick and an interrupted run can resume.

The file holds one JSON object per line. Each verdict is appended and flushed the moment it
is known, so stopping a run (Ctrl-C, a CI timeout) loses at most the line being written;
a torn last line is skipped on load. Closing the cache rewrites the file atomically with
one line per URL, so it does not grow without end.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import TextIO

from .checker import LinkResult, LinkStatus

DEFAULT_CACHE_FILE = ".learnpath-linkcache.json"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhdw]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


class LinkCacheError(Exception):
    """The cache file cannot be read or written; the message says which file and why."""


def parse_max_age(text: str) -> timedelta:
    """Read an age such as `3600`, `90s`, `30m`, `24h` or `7d`; `0` means always recheck."""
    match = _DURATION.match(text)
    if match is None:
        raise ValueError(f"not a duration: {text!r} (try 3600, 30m, 24h or 7d)")
    amount, unit = match.groups()
    return timedelta(seconds=float(amount) * _UNIT_SECONDS[unit.lower()])


class LinkCache:
    """URL -> latest verdict, backed by an append-only JSON-lines file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._latest: dict[str, LinkResult] = {}
        self._appender: TextIO | None = None
        self._load()

    def __enter__(self) -> LinkCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return len(self._latest)

    def fresh(self, url: str, max_age: timedelta, now: datetime | None = None) -> LinkResult | None:
        """The cached verdict for `url` if it is younger than `max_age`, else None.

        Unreachable verdicts are never reused: they say more about the network of the
        machine that ran the check (offline, VPN down) than about the link.
        """
        result = self._latest.get(url)
        if result is None or result.status is LinkStatus.UNREACHABLE:
            return None
        age = (now or datetime.now(UTC)) - result.checked_at
        return result if age < max_age else None

    def record(self, result: LinkResult) -> None:
        """Keep `result` and write it to disk at once."""
        self._latest[result.url] = result
        try:
            if self._appender is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._appender = self.path.open("a", encoding="utf-8")
            self._appender.write(json.dumps(result.to_dict()) + "\n")
            self._appender.flush()
        except OSError as exc:
            raise LinkCacheError(f"cannot write link cache {self.path}: {exc}") from exc

    def close(self) -> None:
        """Stop appending and compact the file to one line per URL."""
        if self._appender is None:
            return
        self._appender.close()
        self._appender = None
        self._rewrite()

    def _load(self) -> None:
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError) as exc:
            raise LinkCacheError(f"cannot read link cache {self.path}: {exc}") from exc
        for line in lines:
            try:
                result = LinkResult.from_dict(json.loads(line), from_cache=True)
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a line torn by an interrupted run, or from another tool
            self._latest[result.url] = result

    def _rewrite(self) -> None:
        lines = "".join(json.dumps(result.to_dict()) + "\n" for result in self._latest.values())
        # Write beside the target then rename, so a reader never sees a half-written file.
        temporary: str | None = None
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
            )
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(lines)
            os.replace(temporary, self.path)
        except OSError as exc:
            if temporary is not None:
                Path(temporary).unlink(missing_ok=True)
            raise LinkCacheError(f"cannot write link cache {self.path}: {exc}") from exc
