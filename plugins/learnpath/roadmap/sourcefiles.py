"""Which files a roadmap may be read from, and reading them within bounds.

A roadmap folder may come from a stranger's pull request, so reading it must not be a way to
read the rest of the machine, exhaust its memory or hang its CI. A file is read only when its
real path lies inside the roadmap folder (a symlink to /etc/passwd, or to a YAML file elsewhere,
is refused without being opened), it is a regular file (a FIFO would block, /dev/zero never
ends), and its size, taken from the open file, is within the limit; the read itself stops past
the limit too, in case the file grows while it is read. Messages name the file, never its
content.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A roadmap file larger than this is almost surely a mistake (or an attack on the build)."""

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


class FileRefused(Exception):
    """The file is not one learnpath will read; the message says why and what to do."""


def inside(path: Path, root: Path) -> Path:
    """The real path of `path`, if it lies inside `root`; refused otherwise."""
    try:
        real = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        raise FileRefused("is a symbolic link to a file that does not exist") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileRefused(
                "is a symbolic link that leads back to itself; make it a plain file"
            ) from None
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    if not real.is_relative_to(os.path.realpath(root)):
        raise FileRefused(
            "is a link to a file outside the roadmap folder, which learnpath does not read; "
            "copy the file into the folder instead"
        )
    return real


def read_roadmap_file(path: Path, root: Path) -> bytes:
    """The bytes of one roadmap file, or `FileRefused` saying why it cannot be read."""
    real = inside(path, root)
    try:
        # Non-blocking, so a FIFO swapped in after the check above cannot hang the open.
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
            raise FileRefused(f"is {kind}, not a regular file; roadmap files must be plain files")
        if status.st_size > MAX_FILE_BYTES:
            raise FileRefused(too_large(status.st_size))
        raw = _read_at_most(descriptor, MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FileRefused(f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise FileRefused(too_large(len(raw)))
    return raw


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, min(limit - size, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def too_large(size: int) -> str:
    return (
        f"file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte limit "
        "(split it into several resource lists)"
    )


def list_yaml_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The `*.yml` and stray `*.yaml` entries of a folder, sorted; `OSError` if unlistable."""
    with os.scandir(folder) as entries:
        names = sorted(entry.name for entry in entries)
    return (
        [folder / name for name in names if name.endswith(".yml")],
        [folder / name for name in names if name.endswith(".yaml")],
    )
