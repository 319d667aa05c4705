"""An export written only when its bytes change.

After one note is edited, most of what the exports hold is as it was; the file they
are written to is left alone when what would be written is what it holds already, so
that its modification time (and anything that copies or serves it by that time) says
when it last changed.
"""

from __future__ import annotations

from pathlib import Path


def write_bytes(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless the file holds exactly that; True if written."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass  # none yet, or unreadable: written
    path.write_bytes(data)
    return True
