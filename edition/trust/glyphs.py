"""The characters contributed text may use: those the PDF's faces can print
(``glyphs.txt``, made from the fonts by ``scripts/glyphs.py``). XeLaTeX meets a missing
glyph with a warning that names no file, and the PDF build, which treats warnings as
errors, stops after the merge (Read the Docs builds the PDF too): so the check refuses
such a character at its line, with what to write instead. Line ends and tabs pass."""

from __future__ import annotations

import bisect
import functools
from pathlib import Path

GLYPHS = Path(__file__).with_name("glyphs.txt")


@functools.cache
def _runs() -> tuple[list[int], list[int]]:
    starts, ends = [], []
    for line in GLYPHS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            first, last = line.split("-")
            starts.append(int(first, 16))
            ends.append(int(last, 16))
    return starts, ends


def printable(char: str) -> bool:
    if char in "\n\t\r":
        return True
    starts, ends = _runs()
    point = ord(char)
    k = bisect.bisect_right(starts, point) - 1
    return k >= 0 and point <= ends[k]


def unprintable(text: str) -> tuple[int, str] | None:
    """(line in `text`, 1-based; message) for its first character the book's face has
    no glyph for, or None. (Each distinct character is looked up once.)"""
    missing = [char for char in set(text) if not printable(char)]
    if missing:
        index = min(text.index(char) for char in missing)
        char = text[index]
        line = text.count("\n", 0, index) + 1
        return line, (f"the character {char!r} (U+{ord(char):04X}) is not in the "
                      "edition's typeface, and the PDF cannot print it: write it in "
                      "Latin letters (a transliteration), or describe it in words")
    return None
