"""A roadmap folder from a stranger: links out of it, special files, loops and unreadable
folders get a located error from a real `learnpath validate` and `mkdocs build`, in bounded
time, and never show what a file outside the folder holds."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from learnpath.roadmap.sourcefiles import MAX_FILE_BYTES
from sitebuild import FIXTURES, build, make_project, validate


def roadmap_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "good", folder)
    return folder


def refused(done: subprocess.CompletedProcess[str], file: str, message: str) -> None:
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert "Traceback" not in output
    assert f"roadmap/{file}: {message}" in done.stderr, done.stderr


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path: Path) -> None:
    folder = roadmap_copy(tmp_path)
    (folder / "stages" / "zero.yml").symlink_to("/dev/zero")
    refused(validate(folder), "stages/zero.yml", "is a link to a file outside the roadmap folder")


def test_a_fifo_is_refused_instead_of_waited_on(tmp_path: Path) -> None:
    folder = roadmap_copy(tmp_path)
    os.mkfifo(folder / "stages" / "fifo.yml")
    refused(validate(folder), "stages/fifo.yml", "is a named pipe (FIFO), not a regular file")


def test_a_folder_named_like_a_file_is_refused(tmp_path: Path) -> None:
    folder = roadmap_copy(tmp_path)
    (folder / "resources" / "more.yml").mkdir()
    refused(validate(folder), "resources/more.yml", "is a folder, not a regular file")


def test_an_oversized_file_is_refused_from_its_size_alone(tmp_path: Path) -> None:
    """A sparse 4 GiB file: reading it whole would take the time and memory the check saves."""
    folder = roadmap_copy(tmp_path)
    with (folder / "resources" / "huge.yml").open("wb") as huge:
        huge.truncate(4 * 1024**3)
    done = validate(folder)
    refused(done, "resources/huge.yml", "file is 4,294,967,296 bytes, over the")
    assert f"{MAX_FILE_BYTES:,}-byte limit" in done.stderr


def test_a_link_to_a_system_file_never_shows_its_content(tmp_path: Path) -> None:
    folder = roadmap_copy(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:the first line of a private file\n", encoding="utf-8")
    (folder / "stages" / "passwd.yml").symlink_to(secret)
    done = validate(folder)
    refused(done, "stages/passwd.yml", "is a link to a file outside the roadmap folder")
    assert "root:x" not in done.stdout + done.stderr
    assert "secret" not in done.stdout + done.stderr


def test_a_link_to_valid_yaml_elsewhere_is_not_published(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "good")
    elsewhere = tmp_path / "elsewhere.yml"
    shutil.copyfile(FIXTURES / "good" / "resources" / "data.yml", elsewhere)
    (project / "roadmap" / "resources" / "data.yml").unlink()
    (project / "roadmap" / "resources" / "data.yml").symlink_to(elsewhere)
    done = validate(project / "roadmap")
    refused(done, "resources/data.yml", "is a link to a file outside the roadmap folder")

    result = build(project)
    assert result.returncode == 1
    assert "Traceback" not in result.output
    assert "roadmap/resources/data.yml: is a link to a file outside the roadmap folder" in (
        result.output
    )
    assert not (project / "site" / "index.html").exists()


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    """Links are not refused as such: one that stays inside the roadmap folder is a file."""
    folder = roadmap_copy(tmp_path)
    (folder / "shared").mkdir()
    (folder / "stages" / "practice.yml").rename(folder / "shared" / "practice.yml")
    (folder / "stages" / "practice.yml").symlink_to("../shared/practice.yml")
    done = validate(folder)
    assert done.returncode == 0, done.stderr


def test_a_symlink_loop_is_named(tmp_path: Path) -> None:
    folder = roadmap_copy(tmp_path)
    (folder / "stages" / "loop.yml").symlink_to("loop-back.yml")
    (folder / "stages" / "loop-back.yml").symlink_to("loop.yml")
    done = validate(folder)
    refused(done, "stages/loop.yml", "is a symbolic link that leads back to itself")
    refused(done, "stages/loop-back.yml", "is a symbolic link that leads back to itself")


def without_root_privileges() -> tuple[str, ...]:
    """A prefix that runs a command without root's power to read any file, or () if this
    process is not root. A new user namespace keeps the user but drops its capabilities."""
    if os.geteuid() != 0:
        return ()
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-U", "true"], check=False).returncode:
        pytest.skip("running as root without user namespaces: no folder is unreadable to root")
    return (unshare, "-U")


def test_an_unreadable_stages_folder_is_one_problem_and_one_unchecked_line(
    tmp_path: Path,
) -> None:
    folder = roadmap_copy(tmp_path)
    prefix = without_root_privileges()
    (folder / "stages").chmod(0)
    try:
        done = validate(folder, *prefix)
    finally:
        (folder / "stages").chmod(0o755)
    refused(done, "stages", "cannot list this folder (Permission denied)")
    unchecked = [line for line in done.stderr.splitlines() if "could not be checked" in line]
    assert len(unchecked) == 1, done.stderr
    assert "5 references in 2 files could not be checked, because roadmap/stages" in unchecked[0]
    assert "unknown stage" not in done.stderr and "no stage file" not in done.stderr
