"""Write the characters the PDF's text faces can print (edition/trust/glyphs.txt): those
EB Garamond's regular and italic, at both optical sizes, all have. The check refuses a
note, a register entry or a record with a character outside them, at its line: XeLaTeX
would otherwise stop the PDF on a missing glyph, naming no file.

    .venv/bin/python scripts/glyphs.py     (after a change of the PDF's faces; commit it)
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FACES = [Path("/usr/share/fonts/opentype/ebgaramond") / f"EBGaramond{size}-{style}.otf"
         for size in ("12", "08") for style in ("Regular", "Italic")]
OUT = ROOT / "edition" / "trust" / "glyphs.txt"


def ranges(faces: list[Path]) -> list[tuple[int, int]]:
    """The code points every face maps, as (first, last) runs."""
    common: set[int] | None = None
    for face in faces:
        points = set(TTFont(face).getBestCmap())
        common = points if common is None else common & points
    runs: list[list[int]] = []
    for point in sorted(common or ()):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [(a, b) for a, b in runs]


def text(runs: list[tuple[int, int]]) -> str:
    return ("# The characters the PDF's text faces can print (scripts/glyphs.py made this).\n"
            + "".join(f"{a:04X}-{b:04X}\n" for a, b in runs))


def main() -> int:
    OUT.write_text(text(ranges(FACES)), encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(ranges(FACES))} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
