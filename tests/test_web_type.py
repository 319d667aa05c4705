"""The website's book face (issue 23): EB Garamond, the PDF's face, as WOFF2 made from
the packaged fonts by scripts/webfonts.py, shipped with the site and its licence,
covering every character the essay and its notes use; the EPUB left to its readers.
With a true bold (issue 31), from the npm package @fontsource/eb-garamond, served as
WOFF2 too and given to XeLaTeX as TrueType."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html

from tests.outputs import ROOT

FONTS = ROOT / "edition" / "output" / "website-static" / "fonts"
FACES = ("EBGaramond12-Regular", "EBGaramond12-Italic")
BOLD = "EBGaramond-Bold"
PACKAGED = Path("/usr/share/fonts/opentype/ebgaramond")
FONTSOURCE = ROOT / "node_modules" / "@fontsource" / "eb-garamond"


def test_the_committed_fonts_are_what_the_script_makes(tmp_path):
    """The same packaged fonts and script give the same bytes: the files in the
    repository are the packaged EB Garamond, subset, and nothing else."""
    if not all((PACKAGED / f"{face}.otf").is_file() for face in FACES):
        pytest.skip(f"the packaged EB Garamond is not in {PACKAGED} "
                    "(scripts/system-packages.sh build installs it; CI has it)")
    if not (FONTSOURCE / "files").is_dir():
        pytest.skip(f"the npm package @fontsource/eb-garamond is not in {FONTSOURCE} "
                    "(make test installs it)")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/webfonts.py"),
                           "--out", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    for name in (*(f"{face}.woff2" for face in (*FACES, BOLD)), "OFL.txt"):
        assert (tmp_path / name).read_bytes() == (FONTS / name).read_bytes(), name
    latex = ROOT / "edition" / "output" / "latex" / f"{BOLD}.ttf"
    assert (tmp_path / f"{BOLD}.ttf").read_bytes() == latex.read_bytes()


def test_the_script_says_what_is_missing(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "scripts/webfonts.py"),
                           "--fonts", str(tmp_path), "--out", str(tmp_path / "out")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "EBGaramond12-Regular.otf" in proc.stderr and "fonts-ebgaramond" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_the_fonts_keep_their_licence_and_features():
    licence = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence and "Georg A. Duffner" in licence
    for face in FACES:
        font = TTFont(str(FONTS / f"{face}.woff2"))
        assert font.flavor == "woff2"
        assert "SIL Open Font License" in font["name"].getDebugName(13)
        features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
        assert {"smcp", "onum", "liga"} <= features, face  # small caps, old-style figures
    # The bold: fontsource's (Octavio Pardo's EB Garamond), its copyright in OFL.txt too.
    assert "octaviopardo/EBGaramond12" in licence
    bold = TTFont(str(FONTS / f"{BOLD}.woff2"))
    assert bold.flavor == "woff2" and bold["OS/2"].usWeightClass == 700
    assert "openfontlicense.org" in bold["name"].getDebugName(14)  # the licence's address


def test_every_character_of_the_pages_is_in_the_book_face(html_build):
    """No character of any page's text falls back to another face (each face covers
    them all: a word may be set in italic anywhere)."""
    used: set[str] = set()
    for page in html_build.outdir.rglob("*.html"):
        if "_static" in page.parts:
            continue
        for article in html.parse(str(page)).xpath("//article"):
            used |= set(article.text_content())
    used = {c for c in used if not c.isspace() or c == "\u00a0"}
    assert {"\u2019", "\u201c", "\u2014", "\u00b6"} <= used  # it reads the real text
    for face in (*FACES, BOLD):
        cmap = TTFont(str(FONTS / f"{face}.woff2")).getBestCmap()
        assert sorted(c for c in used if ord(c) not in cmap) == [], face


def test_the_site_ships_the_face_and_the_epub_does_not(html_build, epub_build):
    static = html_build.outdir / "_static"
    for name in (*(f"fonts/{face}.woff2" for face in (*FACES, BOLD)), "fonts/OFL.txt"):
        assert (static / name).read_bytes() == (FONTS.parent / name).read_bytes()
    assert "_static/edition-type.css" in (html_build.outdir / "index.html").read_text()
    with zipfile.ZipFile(epub_build.artifact) as epub:
        names = epub.namelist()
        assert not [n for n in names if n.endswith((".woff2", "edition-type.css"))]
        assert not any(b"edition-type.css" in epub.read(n) for n in names
                       if n.endswith(".xhtml"))


def test_a_browser_sets_the_text_its_notes_and_its_tools_in_it(margin_type):
    """One type system (issue 31): the reading tools are part of the book, in its face;
    only furo's navigation keeps the sans-serif."""
    assert margin_type["text"].startswith('"EB Garamond"')
    assert margin_type["notes"].startswith('"EB Garamond"')
    assert margin_type["tools"].startswith('"EB Garamond"')
    assert "EB Garamond normal" in margin_type["loaded"]
    # Every line of the essay as far from the next: a note number does not open one up.
    gaps = margin_type["lineGaps"]
    assert len(gaps) >= 3 and max(gaps) - min(gaps) < 0.5, gaps
    # (The bold only where a page has bold: the Commentary's note numbers.)
    files = set(margin_type["files"])
    assert {"fonts/EBGaramond12-Italic.woff2", "fonts/EBGaramond12-Regular.woff2"} <= files
    assert files <= {"fonts/EBGaramond12-Italic.woff2", "fonts/EBGaramond12-Regular.woff2",
                     f"fonts/{BOLD}.woff2"}


@pytest.fixture(scope="module")
def margin_type(html_build, once) -> dict:
    from tests.test_web_reading import CHAPTERS
    from tests.validators import margin_behaviour

    seen = once("margin", lambda _: margin_behaviour(
        html_build.outdir, [f"{chapter}.html" for chapter in CHAPTERS]))
    return {**seen["type"], "files": seen["fontFiles"]}
