"""Every path a change touches, as git sees it: what a maintainer must read as code
because it is not a note or a register entry (no Sphinx).

The change is the working tree as it stands against the commit BASE: git's read-only
commands list it (``diff --raw``, ``diff --numstat``, ``ls-files``), with no external
diff or text conversion and no optional lock, so the repository and its index are left
as they are. A path is untrusted text (it may hold a newline, a backtick, ``::``);
``report.py`` shows it as code. Besides its kind of change, a path is flagged when it is
a binary file, a file git would ignore but tracks all the same (a cache committed with
``git add -f``), a file in a build or cache folder whatever ``.gitignore`` says, a
symbolic link, a submodule or an executable.
"""

from __future__ import annotations

import os
import stat
import subprocess
from dataclasses import dataclass
from pathlib import Path

from edition.review.published import Sources
from edition.review.trees import ReviewError

KINDS = {"A": "added", "M": "modified", "D": "deleted", "R": "renamed", "C": "copied",
         "T": "changed in kind", "U": "unmerged"}
UNTRACKED = "added (not committed)"

BINARY = "binary file"
IGNORED = "under a folder git ignores (tracked nonetheless)"
BUILD_FOLDER = "in a build or cache folder"
SYMLINK = "symbolic link"
SUBMODULE = "submodule"
EXECUTABLE = "executable"

#: Folders whose files the tools write and read back (Sphinx's pickled environment,
#: the check's kept readings, environments, compiled Python): a file git tracks there
#: can run code when a build loads it.
BUILD_FOLDERS = ("_build", ".cache", "node_modules", "__pycache__", ".pytest_cache")
#: How many bytes git reads to tell a binary file (a NUL byte in them).
SNIFF = 8000


@dataclass(frozen=True)
class ChangedPath:
    path: str  # from the top of the repository, as git gives it
    kind: str  # KINDS' words, or UNTRACKED
    before: str | None = None  # the path it was renamed or copied from
    flags: tuple[str, ...] = ()


def _git(top: Path, *args: str) -> list[str]:
    """The NUL-separated fields of a read-only git command's output."""
    env = {name: value for name, value in os.environ.items()
           if name not in {"GIT_EXTERNAL_DIFF", "GIT_DIFF_OPTS"}}
    env["GIT_OPTIONAL_LOCKS"] = "0"
    try:
        done = subprocess.run(["git", "-C", str(top), *args], capture_output=True,
                              env=env, check=False)
    except FileNotFoundError as err:
        raise ReviewError("git is not installed (the review compares git commits)") from err
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReviewError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return fields[:-1] if fields and fields[-1] == "" else fields


def top_and_prefix(root: Path) -> tuple[Path, str]:
    """The repository's top folder, and the edition's folder from it ("" or "sub/")."""
    found = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel",
                            "--show-prefix"], capture_output=True, text=True, check=False)
    lines = found.stdout.split("\n")
    if found.returncode != 0 or len(lines) < 2:
        raise ReviewError(f"{root} is not in a git repository")
    return Path(lines[0]), lines[1].strip()


def _raw(top: Path, commit: str) -> list[tuple[str, str, str | None, str, str]]:
    """(status letter, path, path before, mode before, mode now) of each tracked path
    that differs between `commit` and the working tree."""
    fields = _git(top, "diff", "--raw", "-z", "-M", "--no-ext-diff", "--no-textconv",
                  "--ignore-submodules=none", commit, "--")
    out: list[tuple[str, str, str | None, str, str]] = []
    i = 0
    while i < len(fields):
        header = fields[i].lstrip(":").split()
        letter = header[4][0] if len(header) >= 5 else "M"
        if letter in "RC":
            out.append((letter, fields[i + 2], fields[i + 1], header[0], header[1]))
            i += 3
        else:
            out.append((letter, fields[i + 1], None, header[0], header[1]))
            i += 2
    return out


def _binary_by_numstat(top: Path, commit: str) -> set[str]:
    """The paths git counts no lines of (``-\t-`` in ``--numstat``): binary files."""
    fields = _git(top, "diff", "--numstat", "-z", "-M", "--no-ext-diff", "--no-textconv",
                  commit, "--")
    found, i = set(), 0
    while i < len(fields):
        added, deleted, path = (fields[i].split("\t", 2) + ["", ""])[:3]
        if path == "":  # a rename: the paths before and now follow
            path, i = fields[i + 2], i + 3
        else:
            i += 1
        if added == "-" and deleted == "-":
            found.add(path)
    return found


def _looks_binary(path: Path) -> bool:
    """A NUL byte in the file's first bytes, as git tells: whatever ``.gitattributes``
    (which the change itself may edit) says. Only regular files are opened."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return False
        with path.open("rb") as file:
            return b"\0" in file.read(SNIFF)
    except OSError:
        return False


def _in_build_folder(path: str) -> bool:
    return any(part in BUILD_FOLDERS or part.startswith(".venv")
               for part in path.split("/")[:-1])


def _mode_flags(mode: str) -> list[str]:
    kind = int(mode, 8) & 0o170000 if mode.isdigit() else 0
    return ([SYMLINK] if kind == 0o120000 else []) + ([SUBMODULE] if kind == 0o160000
                                                     else [])


def changed_paths(root: Path, commit: str) -> list[ChangedPath]:
    """Every path that differs between `commit` and the working tree of the repository
    `root` is in, files not yet committed included (not those git ignores), in git's
    order (by path)."""
    top, _ = top_and_prefix(root)
    binary = _binary_by_numstat(top, commit)
    ignored = set(_git(top, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard"))
    found = []
    for letter, path, before, old_mode, new_mode in _raw(top, commit):
        flags = _mode_flags(new_mode) if letter != "D" else []
        if letter != "D":
            if path in binary or _looks_binary(top / path):
                flags.insert(0, BINARY)
            if new_mode == "100755" and old_mode != "100755":
                flags.append(EXECUTABLE)
        if path in ignored or (before is not None and before in ignored):
            flags.append(IGNORED)
        if _in_build_folder(path) or (before is not None and _in_build_folder(before)):
            flags.append(BUILD_FOLDER)
        found.append(ChangedPath(path, KINDS.get(letter, "changed"), before, tuple(flags)))
    for path in _git(top, "ls-files", "-z", "--others", "--exclude-standard"):
        flags = []
        try:
            mode = (top / path).lstat().st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode):
            flags.append(SYMLINK)
        elif _looks_binary(top / path):
            flags.append(BINARY)
        if stat.S_ISREG(mode) and mode & 0o111:
            flags.append(EXECUTABLE)
        if _in_build_folder(path):
            flags.append(BUILD_FOLDER)
        found.append(ChangedPath(path, UNTRACKED, None, tuple(flags)))
    return sorted(found, key=lambda changed: changed.path)


def is_contributed(path: str, prefix: str, sources: Sources) -> bool:
    """Whether `path` (from the top of the repository) is a note's file (``<id>.md``
    directly in the annotations folder: what the build reads as notes) or a register."""
    if not path.startswith(prefix):
        return False
    inside = path[len(prefix):]
    if inside in sources.registers:
        return True
    folder, _, name = inside.rpartition("/")
    # A template (_template.md) is not a note: the website offers it to every reader
    # who suggests one, so a change to it is read as the maintainers' own.
    return (sources.annotations is not None and folder == sources.annotations
            and name.endswith(".md") and not name.startswith(("_", "."))
            and "\n" not in name)


def not_only_notes(paths: list[ChangedPath], prefix: str,
                   sources: list[Sources]) -> list[ChangedPath]:
    """The paths a maintainer must read as code: all but the notes' files and the
    registers, as every one of `sources` (BASE's settings and the tree's: a change
    cannot make its own files count as notes by moving the notes' folder) places them;
    a note's file or register flagged (a binary file, a symbolic link…) too."""
    def contributed(path: str | None) -> bool:
        return path is None or all(is_contributed(path, prefix, s) for s in sources)

    return [changed for changed in paths
            if changed.flags or not sources
            or not (contributed(changed.path) and contributed(changed.before))]
