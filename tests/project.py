"""Copy a test root to a temporary folder, change some of its files, build it."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOTS = Path(__file__).resolve().parent / "roots"


def copy_root(name: str, dest: Path, changes: dict[str, str] | None = None) -> Path:
    """A copy of tests/roots/test-<name> in `dest`, with `changes` (path -> new text)."""
    src = dest / name
    shutil.copytree(ROOTS / f"test-{name}", src)
    for rel, text in (changes or {}).items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    return src


def edit(path: Path, old: str, new: str) -> str:
    """The text of `path` with `old` (which must occur once) replaced by `new`."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    return text.replace(old, new)
