"""Make the website's book face: EB Garamond as WOFF2, from the OpenType files that the
PDF is set in (Debian's fonts-ebgaramond), subset to the scripts the edition writes in.

    .venv/bin/python scripts/webfonts.py [--fonts DIR] [--out DIR]

Run it (`make webfonts`) when the font package or the character ranges change, and
commit what it writes: the website then needs no system font, on Read the Docs or on a
contributor's machine. The same inputs give the same bytes (tests/test_web_type.py
makes them again and compares). EB Garamond is under the SIL Open Font License 1.1 with
no Reserved Font Name, so a subset may keep its name; the licence is kept in each font's
name table and written beside them as OFL.txt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = Path("/usr/share/fonts/opentype/ebgaramond")
OUT = ROOT / "edition" / "output" / "website-static" / "fonts"
#: The faces the website uses: the PDF's text face and its italic. (The package's bold
#: has 127 glyphs, not enough for text: the browser makes bold from the regular.)
FACES = ("EBGaramond12-Regular", "EBGaramond12-Italic")
#: Latin (with Latin-1 and Extended-A: names in every European language), general
#: punctuation (dashes, quotation marks, ellipsis), the euro, trade mark and minus signs.
#: edition-type.css declares the same ranges (unicode-range), so that a character
#: outside them is taken from the next font of the stack.
RANGES = ((0x0020, 0x007E), (0x00A0, 0x017F), (0x2000, 0x206F), (0x20AC, 0x20AC),
          (0x2122, 0x2122), (0x2212, 0x2212))


def unicodes() -> list[int]:
    return [code for first, last in RANGES for code in range(first, last + 1)]


def make(face: Path, out: Path) -> Path:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]  # kerning, ligatures, small caps, old-style figures
    options.name_IDs = ["*"]         # the copyright and the licence stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same bytes from the same inputs
    font = TTFont(str(face), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    target = out / f"{face.stem}.woff2"
    subset.save_font(font, str(target), options)
    return target


def licence(face: Path) -> str:
    """The copyright and licence, as the font states them (name ID 13)."""
    return TTFont(str(face))["name"].getDebugName(13).strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fonts", type=Path, default=PACKAGED,
                        help=f"the OpenType files (default: {PACKAGED})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    args = parser.parse_args(argv)
    faces = [args.fonts / f"{name}.otf" for name in FACES]
    missing = [str(face) for face in faces if not face.is_file()]
    if missing:
        print("error: the EB Garamond OpenType files are missing: " + ", ".join(missing) +
              "\nInstall them (Debian: apt-get install fonts-ebgaramond, which "
              "`scripts/system-packages.sh build` does) or name their folder with --fonts.",
              file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    for face in faces:
        print(f"{make(face, args.out).relative_to(args.out.parent)}")
    (args.out / "OFL.txt").write_text(licence(faces[0]), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
