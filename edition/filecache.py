"""Sidecar sources read once: a file's parse is kept while the file is unchanged.

The witness and the registers are not Sphinx documents, but chapters depend on them
(``env.note_dependency``). Many chapters ask for the same
file in one build; each file is parsed the first time and again only when its size or
modification time changes (so an edit between two builds of ``make serve`` is seen).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path


def _state(path: Path) -> tuple | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def read_once[T](parse: Callable[[Path], T]) -> Callable[[Path], T]:
    """Decorate `parse(path)` so that it runs once per state of the file."""
    kept: dict[Path, tuple[tuple | None, T]] = {}

    @functools.wraps(parse)
    def cached(path: Path) -> T:
        path = Path(path)
        state = _state(path)
        if path not in kept or kept[path][0] != state:
            kept[path] = (state, parse(path))
        return kept[path][1]

    cached.cache_clear = kept.clear  # type: ignore[attr-defined]
    return cached
