"""The edition as a git commit has it, put in a temporary folder for reading.

Only git's read commands run (``rev-parse``, ``archive``): the repository, its working
tree and its index are left as they are, and nothing needs cleaning up in them
afterwards; the temporary folder goes when the review ends, however it ends.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Where a change is compared from when no BASE is named: the first that is a commit.
DEFAULT_BASES = ("origin/main", "main")


class ReviewError(Exception):
    """A reason the review cannot be made, in one line for the person who asked."""


def git(root: Path, *args: str, text: bool = True) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-C", str(root), *args], capture_output=True,
                              text=text, check=False)
    except FileNotFoundError as err:
        raise ReviewError("git is not installed (the review compares git commits)") from err


def commit_of(root: Path, base: str) -> str:
    """The full hash of the commit `base` names (a branch, a tag, a hash, ``HEAD~2``)."""
    if git(root, "rev-parse", "--git-dir").returncode != 0:
        raise ReviewError(f"{root} is not in a git repository")
    if base.startswith("-"):
        raise ReviewError(f"{base!r} is not a commit (a BASE cannot start with '-')")
    found = git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}")
    if found.returncode != 0 or not found.stdout.strip():
        raise ReviewError(f"{base!r} is not a commit in this repository (try a branch, "
                          "a tag or a commit hash; in a shallow clone, fetch it first)")
    return found.stdout.strip()


def default_base(root: Path) -> str:
    """``origin/main`` where the remote's branch is known, else ``main``."""
    for base in DEFAULT_BASES:
        if git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").returncode == 0:
            return base
    return DEFAULT_BASES[-1]


@contextmanager
def tree_at(root: Path, commit: str) -> Iterator[Path]:
    """The edition's folder (where conf.py is) as `commit` has it, in a temporary
    folder that is removed when the block ends, by an error too."""
    prefix = git(root, "rev-parse", "--show-prefix").stdout.strip()
    if git(root, "cat-file", "-e", f"{commit}:{prefix}conf.py").returncode != 0:
        raise ReviewError(f"commit {commit[:12]} has no {prefix}conf.py: it holds no "
                          "edition to compare with")
    archive = git(root, "archive", "--format=tar", commit, text=False)
    if archive.returncode != 0:
        message = archive.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReviewError(f"git archive {commit[:12]} failed: "
                          f"{message[-1] if message else 'no message'}")
    with tempfile.TemporaryDirectory(prefix="edition-review-") as tmp:
        try:
            with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
                tar.extractall(tmp, filter="data")
        except (tarfile.TarError, OSError) as err:
            raise ReviewError(f"the files of commit {commit[:12]} could not be written "
                              f"to {tmp}: {err}") from err
        yield Path(tmp) / prefix
