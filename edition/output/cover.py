"""The EPUB's cover, a raster image in the book's face, made from the edition's title,
subtitle and editors (conf.py) by ``scripts/cover.py`` and kept in the repository
(``epub-static/edition-cover.png``, with the words it shows in ``cover.json``):
reading systems and catalogues show a PNG everywhere, and the build needs no browser.
A test checks that the words on the cover are still conf.py's."""

from __future__ import annotations

import html
import re
from pathlib import Path

from edition.bibliography.names import editors_in_sentence

WIDTH, HEIGHT = 1600, 2400
INK, PAPER, ACCENT = "#1d1d1f", "#f6f1e7", "#7a1f1f"
HERE = Path(__file__).parent
COVER = HERE / "epub-static" / "edition-cover.png"
#: The words the cover shows, beside it: what the test compares with conf.py.
WORDS = HERE / "cover.json"
FONTS = HERE / "website-static" / "fonts"


def cover_words(config) -> dict[str, str]:
    """What the cover says: the title (split at its colon), the subtitle, the editors."""
    main, _, sub = config.project.partition(": ")
    editors = editors_in_sentence(config.author)
    return {"title": main, "subtitle": sub, "line": config.edition_subtitle,
            "editors": f"Edited by {editors}"}


def _unbroken(text: str) -> str:
    """A hyphenated word kept on one line ("De-Stalinization")."""
    return re.sub(r"(\S+-\S+)", r'<span class="unbroken">\1</span>', text)


def cover_html(words: dict[str, str], fonts: Path = FONTS) -> str:
    """The cover as a page, set in EB Garamond, for a browser to render at its size."""
    e = html.escape
    face = (fonts / "EBGaramond12-Regular.woff2").as_uri()
    italic = (fonts / "EBGaramond12-Italic.woff2").as_uri()
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><style>
@font-face {{ font-family: "EB Garamond"; src: url("{face}") format("woff2"); }}
@font-face {{ font-family: "EB Garamond"; font-style: italic;
  src: url("{italic}") format("woff2"); }}
html, body {{ margin: 0; width: {WIDTH}px; height: {HEIGHT}px; background: {PAPER}; }}
body {{ font-family: "EB Garamond", serif; color: {INK}; text-align: center;
  box-sizing: border-box; border: 12px solid {ACCENT}; outline: 80px solid {PAPER};
  outline-offset: -92px; display: flex; flex-direction: column; align-items: center;
  padding: 440px 190px 300px; }}
h1 {{ font-weight: normal; font-size: 150px; line-height: 1.12; margin: 0; }}
.sub {{ font-size: 104px; margin: 60px 0 0; }}
hr {{ width: 800px; border: 0; border-top: 6px solid {ACCENT}; margin: 110px 0; }}
.line {{ font-style: italic; font-size: 70px; line-height: 1.3; margin: 0; }}
.unbroken {{ white-space: nowrap; }}
.editors {{ margin-top: auto; font-size: 64px; font-variant: small-caps;
  letter-spacing: 0.04em; }}
</style></head><body>
<h1>{_unbroken(e(words["title"]))}</h1>
<p class="sub">{e(words["subtitle"])}</p>
<hr>
<p class="line">{e(words["line"])}</p>
<p class="editors">{e(words["editors"])}</p>
</body></html>
"""
