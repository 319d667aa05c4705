"""The witness: the essay exactly as received (``edition_witness``), read once."""

from __future__ import annotations

from pathlib import Path

from edition.filecache import read_once


@read_once
def witness_paragraphs(path: Path) -> list[str]:
    """The witness's paragraphs: one per line, as the host site gave them."""
    return path.read_bytes().decode("utf-8").split("\n")
