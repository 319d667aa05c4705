"""A contributed file's bytes, read as untrusted input (no Sphinx): never through a
symbolic link (which could lead anywhere on the machine), never more than a note may
hold (its size known before it is read), never a pipe or a device; and the notes'
template, which the website offers every reader who suggests a note, read the same way.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from edition.annotations.model import MAX_BYTES


def read_bytes(path: Path) -> tuple[bytes, str]:
    """The file's bytes, at most :data:`MAX_BYTES` of them, or why it is not read."""
    own_file = f"a note must be a file of its own in {path.parent.name}/"
    link = f"{path.name} is a symbolic link; {own_file} (put the note there, not a link)"
    try:
        if path.is_symlink():
            return b"", link
        # O_NOFOLLOW: no link put in its place since; O_NONBLOCK: a pipe does not wait.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError as err:
        return b"", link if err.errno == errno.ELOOP else \
            f"cannot read the file: {err.strerror}"
    with os.fdopen(fd, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            return b"", f"{path.name} is not a plain file; {own_file}"
        if status.st_size > MAX_BYTES:
            return b"", _too_big(status.st_size)
        try:
            raw = file.read(MAX_BYTES + 1)
        except OSError as err:
            return b"", f"cannot read the file: {err.strerror}"
    return (b"", _too_big(len(raw))) if len(raw) > MAX_BYTES else (raw, "")


def template_text(path: Path) -> str:
    """A template's text (``_template.md``, which the website offers every reader who
    suggests a note), read as a note is: never through a link, never larger than a note
    may be, UTF-8; "" if it cannot be read so (the check says why)."""
    raw, refused = read_bytes(path)
    if refused:
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _too_big(size: int) -> str:
    return f"the file is {size:,} bytes; an annotation may have at most {MAX_BYTES:,}"
