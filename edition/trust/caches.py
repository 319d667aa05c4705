"""Caches a checkout cannot carry.

Sphinx keeps its environment as a pickle (``_build/doctrees/environment.pickle``) and
loads it at the start of the next build; the edition keeps what it read of the
annotation files, and each chapter's export material, beside it. Unpickling runs code,
so a pickle committed into the repository (``git add -f`` under the ignored ``_build/``)
would run in every build of a pull request, in CI and on Read the Docs.

* :func:`refuse_tracked_build_folders` (``config-inited``, before Sphinx loads its
  environment) stops the build when git tracks any file under the build folders.
* What the edition itself keeps is sealed (:func:`seal`, :func:`unseal`): an HMAC with
  a key kept in the user's cache folder, outside every working tree, so that a kept
  file from anywhere else is never unpickled, only read again from the sources.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import secrets
import subprocess
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from edition.trust.logs import one_line

logger = logging.getLogger(__name__)

#: The build folder by convention (the Makefile's BUILDDIR, Read the Docs' doctrees).
BUILD_FOLDER = "_build"
#: How many tracked files a refusal names before "and N more".
NAMED = 5


def _inside(path: Path, folder: Path) -> Path | None:
    try:
        return path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return None


#: Kinds of file that run code when read, refused whatever .gitignore says (a pull
#: request can change .gitignore); the same list as scripts/refuse-tracked-ignored.sh.
NEVER_TRACKED = ("_build/", "__pycache__/", "*.pyc", "*.pickle", "*.doctree", ".venv*/",
                 "node_modules/", ".cache/")


def _git_files(srcdir: Path, *args: str) -> list[str]:
    try:
        found = subprocess.run(["git", "-C", str(srcdir), "ls-files", "-z", *args],
                               capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return []
    if found.returncode != 0:
        return []  # not a git work tree: nothing can be committed into it
    return [name for name in found.stdout.decode("utf-8", "replace").split("\0") if name]


def tracked_build_files(srcdir: Path, folders: list[Path]) -> list[str]:
    """The files git tracks that a checkout must not carry: anything .gitignore leaves
    out or :data:`NEVER_TRACKED` names, and anything under `folders` (the build's
    output and environment, where inside `srcdir`). None where `srcdir` is not in a git
    work tree, or git is missing."""
    relative = sorted({str(r) for f in folders if (r := _inside(f, srcdir)) is not None
                       and str(r) != "."})
    patterns = [arg for pattern in NEVER_TRACKED for arg in ("-x", pattern)]
    found = _git_files(srcdir, "-ci", "--exclude-standard", *patterns)
    if relative:
        found += _git_files(srcdir, "--", *relative)
    return sorted(set(found))


def refuse_tracked_build_folders(app: Sphinx, config: Config) -> None:
    """config-inited: stop before any pickle is read if the checkout carries a build."""
    srcdir = Path(app.srcdir)
    tracked = tracked_build_files(srcdir, [srcdir / BUILD_FOLDER, Path(app.outdir),
                                           Path(app.doctreedir)])
    if not tracked:
        return
    named = ", ".join(repr(one_line(name)) for name in tracked[:NAMED])
    more = f" and {len(tracked) - NAMED} more" if len(tracked) > NAMED else ""
    logger.error(
        f"git tracks files under the build folder, or files .gitignore leaves out "
        f"({named}{more}). A build folder holds pickles, and compiled Python can stand "
        "in for its source: both run code when they are read, so the edition does not "
        "build from a checkout that carries them. Remove them from git (git rm -r "
        f"--cached {BUILD_FOLDER}, or the path named) and commit; nothing was read.",
        type="edition", subtype="unsafe")
    # Not an exception: Sphinx would print a traceback (-T), and nothing here is a fault.
    sys.exit(2)


def _key() -> bytes | None:
    """The key that seals kept files, made on first use in the user's cache folder."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "edition"
    path = folder / "kept-files.key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".key-{os.getpid()}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secrets.token_bytes(32))
        os.replace(temporary, path)  # another process may have made one: either serves
        return path.read_bytes()
    except OSError:
        return None  # nowhere to keep a key: nothing kept is ever read


def seal(payload: bytes) -> bytes | None:
    """`payload` with its seal before it; None when no key can be had."""
    key = _key()
    if key is None:
        return None
    return hmac.new(key, payload, hashlib.sha256).digest() + payload


def unseal(blob: bytes) -> bytes | None:
    """The payload, if this machine's key sealed it; else None (read nothing)."""
    key = _key()
    if key is None or len(blob) < 32:
        return None
    mac, payload = blob[:32], blob[32:]
    if not hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
        return None
    return payload


def loads(payload: bytes):
    """``pickle.loads`` of what :func:`unseal` gave, with Python's cyclic garbage
    collector paused meanwhile: unpickling makes objects by the ten thousand, and the
    collector ran again and again over them (the readings of 10,000 notes: 0.19 s
    unpickled, 0.07 s with it paused; nothing they hold forms a cycle to collect)."""
    with _collector_paused():
        return pickle.loads(payload)


def dumps(value) -> bytes:
    """``pickle.dumps`` (highest protocol), the garbage collector paused meanwhile."""
    with _collector_paused():
        return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


@contextlib.contextmanager
def _collector_paused():
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
