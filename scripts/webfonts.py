"""Make the edition's book face for the website and the PDF's bold: EB Garamond as WOFF2,
subset to the scripts the edition writes in.

* Regular and Italic from the OpenType files the PDF is set in (Debian's
  fonts-ebgaramond, Georg Duffner's EB Garamond 12);
* Bold from the npm package @fontsource/eb-garamond (pinned in package.json; Octavio
  Pardo's EB Garamond, the family's continuation): the packaged Bold is an unfinished
  draft of 127 glyphs, with no curly quotes, dashes or old-style figures. Its Latin and
  Latin Extended files are merged, subset like the others, and written twice: as WOFF2
  for the website, and as TrueType for XeLaTeX (which reads no WOFF2) beside
  edition.sty, so that the PDF's bold is a true bold, not the Regular made heavier.

    .venv/bin/python scripts/webfonts.py [--fonts DIR] [--fontsource DIR] [--out DIR]
                                         [--latex-out DIR]

Run it (`make webfonts`, after `npm install --ignore-scripts`) when a font package or
the character ranges change, and commit what it writes: the website and the PDF then
need no font from npm, on Read the Docs or on a contributor's machine. The same inputs
give the same bytes (tests/test_web_type.py makes them again and compares). EB Garamond
is under the SIL Open Font License 1.1 with no Reserved Font Name, so a subset may keep
its name; the licence is kept in each font's name table and written beside them as
OFL.txt, with both copyright notices.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from fontTools import merge, subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
PACKAGED = Path("/usr/share/fonts/opentype/ebgaramond")
FONTSOURCE = ROOT / "node_modules" / "@fontsource" / "eb-garamond"
OUT = ROOT / "edition" / "output" / "website-static" / "fonts"
LATEX_OUT = ROOT / "edition" / "output" / "latex"
#: The faces from the packaged fonts: the PDF's text face and its italic.
FACES = ("EBGaramond12-Regular", "EBGaramond12-Italic")
#: The bold: the name it is written under, and fontsource's files it is made from.
BOLD = "EBGaramond-Bold"
BOLD_PARTS = ("eb-garamond-latin-700-normal.woff2", "eb-garamond-latin-ext-700-normal.woff2")
#: Latin (with Latin-1 and Extended-A: names in every European language), general
#: punctuation (dashes, quotation marks, ellipsis), the euro, trade mark and minus signs.
#: edition-type.css declares the same ranges (unicode-range), so that a character
#: outside them is taken from the next font of the stack.
RANGES = ((0x0020, 0x007E), (0x00A0, 0x017F), (0x2000, 0x206F), (0x20AC, 0x20AC),
          (0x2122, 0x2122), (0x2212, 0x2212))


def unicodes() -> list[int]:
    return [code for first, last in RANGES for code in range(first, last + 1)]


def _options(flavor: str | None) -> subset.Options:
    options = subset.Options()
    options.flavor = flavor
    options.layout_features = ["*"]  # kerning, ligatures, small caps, old-style figures
    options.name_IDs = ["*"]         # the copyright and the licence stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False  # the same bytes from the same inputs
    options.drop_tables = [*options.drop_tables, "FFTM"]  # FontForge's own timestamps
    return options


def _subset(font: TTFont, target: Path, flavor: str | None) -> Path:
    options = _options(flavor)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target


def make(face: Path, out: Path) -> Path:
    return _subset(TTFont(str(face), recalcTimestamp=False), out / f"{face.stem}.woff2",
                   "woff2")


def bold(parts: list[Path]) -> TTFont:
    """fontsource's Bold, its files (one per script) merged into one font."""
    plain = []
    for part in parts:
        font = TTFont(str(part), recalcTimestamp=False)
        font.flavor = None
        buffer = io.BytesIO()
        font.save(buffer)
        buffer.seek(0)
        plain.append(buffer)
    merged = merge.Merger().merge(plain)
    # The merger stamps the font with the time it runs: the source's, for the same bytes.
    plain[0].seek(0)
    source = TTFont(plain[0])["head"]
    merged["head"].created, merged["head"].modified = source.created, source.modified
    merged.recalcTimestamp = False
    buffer = io.BytesIO()
    merged.save(buffer)
    buffer.seek(0)
    return TTFont(buffer, recalcTimestamp=False)


def make_bold(parts: list[Path], out: Path, latex_out: Path) -> list[Path]:
    return [_subset(bold(parts), out / f"{BOLD}.woff2", "woff2"),
            _subset(bold(parts), latex_out / f"{BOLD}.ttf", None)]


def licence(face: Path, fontsource: Path) -> str:
    """The copyright and licence, as the packaged font states them (name ID 13), and the
    bold's copyright from fontsource's licence file (the same licence)."""
    text = TTFont(str(face))["name"].getDebugName(13).strip() + "\n"
    notice = (fontsource / "LICENSE").read_text(encoding="utf-8").split("\n", 1)[0]
    notice = notice.split(" EBGaramond-")[0].strip()
    return (text + "\n\n-----------------------------------------------------------\n"
            f"{BOLD}.woff2 (and the PDF's {BOLD}.ttf), made from the npm package "
            "@fontsource/eb-garamond, is under the same licence, above:\n"
            f"{notice}\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fonts", type=Path, default=PACKAGED,
                        help=f"the OpenType files (default: {PACKAGED})")
    parser.add_argument("--fontsource", type=Path, default=FONTSOURCE,
                        help=f"the npm package @fontsource/eb-garamond (default: {FONTSOURCE})")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT})")
    parser.add_argument("--latex-out", type=Path, default=None,
                        help=f"where to write the PDF's bold (default: {LATEX_OUT}, or --out "
                             "when --out is given)")
    args = parser.parse_args(argv)
    latex_out = args.latex_out or (args.out if args.out != OUT else LATEX_OUT)
    faces = [args.fonts / f"{name}.otf" for name in FACES]
    missing = [str(face) for face in faces if not face.is_file()]
    if missing:
        print("error: the EB Garamond OpenType files are missing: " + ", ".join(missing) +
              "\nInstall them (Debian: apt-get install fonts-ebgaramond, which "
              "`scripts/system-packages.sh build` does) or name their folder with --fonts.",
              file=sys.stderr)
        return 2
    parts = [args.fontsource / "files" / name for name in BOLD_PARTS]
    missing = [str(part) for part in parts if not part.is_file()]
    if missing or not (args.fontsource / "LICENSE").is_file():
        print("error: the bold's files are missing: " + ", ".join(missing or ["LICENSE"]) +
              "\nInstall the npm package package.json pins (npm install --ignore-scripts) "
              "or name its folder with --fontsource.", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    latex_out.mkdir(parents=True, exist_ok=True)
    for face in faces:
        print(f"{make(face, args.out).relative_to(args.out.parent)}")
    for made in make_bold(parts, args.out, latex_out):
        print(made)
    (args.out / "OFL.txt").write_text(licence(faces[0], args.fontsource), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
