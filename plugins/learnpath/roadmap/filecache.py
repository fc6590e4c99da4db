"""Files that passed their schema, kept between loads of the same roadmap in one process.

`learnpath serve` loads the roadmap again after every save; usually one file changed. Parsing
and schema-checking are most of loading, so a file whose bytes are exactly those checked last
time is taken as it was. Every file is still read (its bytes decide), and the cross-file checks
and the model are built anew from all of them, so what a load returns is what a first load
would return. Only files that passed are kept: one with problems is checked again, and so
reported again, until it is fixed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from learnpath.roadmap.checked import Checked


class CheckedFiles:
    """The last checked version of each file, by path and the schema it was checked against."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Path, str, str], tuple[bytes, Checked[Any]]] = {}
        self._used: set[tuple[Path, str, str]] = set()

    def get(self, path: Path, schema: type, file_id: str, raw: bytes) -> Checked[Any] | None:
        key = (path, schema.__name__, file_id)
        self._used.add(key)
        kept = self._kept.get(key)
        return kept[1] if kept is not None and kept[0] == _digest(raw) else None

    def keep(
        self, path: Path, schema: type, file_id: str, raw: bytes, checked: Checked[Any]
    ) -> None:
        self._kept[(path, schema.__name__, file_id)] = (_digest(raw), checked)

    def forget_unused(self) -> None:
        """After a load: let go of files it did not read (deleted or renamed since)."""
        self._kept = {key: kept for key, kept in self._kept.items() if key in self._used}
        self._used = set()


def _digest(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()
