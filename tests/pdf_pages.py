"""The PDF read as a page is read: lines of words with their boxes (poppler's
``pdftotext -bbox-layout``), told apart by their size and place — the text, the line
numbers in the margin, the notes at the foot of the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.outputs import run

#: The text is set at 11 pt (word boxes about 10.9 pt high); notes, line numbers and note
#: numbers are smaller (9 pt and less), headings larger.
TEXT_HEIGHT = (10.0, 11.6)
#: The left edge of the text block (edition.sty: 44 mm), in PDF points, less a tolerance.
TEXT_LEFT = 44 / 25.4 * 72 - 2
#: Above this, the running head; below the other, the foot (page number on opening pages).
HEAD_BOTTOM = 32 / 25.4 * 72 - 4
FOOT_TOP = 842 - 40 / 25.4 * 72 + 4


@dataclass
class Line:
    words: list[str]
    x0: float
    y0: float
    x1: float
    y1: float
    heights: list[float]

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def height(self) -> float:
        return max(self.heights)

    @property
    def is_text_size(self) -> bool:
        return TEXT_HEIGHT[0] <= self.height <= TEXT_HEIGHT[1]

    @property
    def in_margin(self) -> bool:
        return self.x1 < TEXT_LEFT

    @property
    def in_body(self) -> bool:
        return HEAD_BOTTOM < self.y0 and self.y1 < FOOT_TOP


def pdf_pages(pdf: Path) -> list[list[Line]]:
    """Every page's lines, top to bottom (as poppler groups words into lines)."""
    xml = run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(pdf), "-"]).stdout
    root = etree.fromstring(xml.encode(), etree.HTMLParser(encoding="utf-8"))
    pages = []
    for page in root.iter("page"):
        lines = []
        for line in page.iter("line"):
            words = list(line.iter("word"))
            if not words:
                continue
            box = [[float(w.get(k)) for w in words] for k in ("xmin", "ymin", "xmax",
                                                               "ymax")]
            lines.append(Line([w.text or "" for w in words], min(box[0]), min(box[1]),
                              max(box[2]), max(box[3]),
                              [y1 - y0 for y0, y1 in zip(box[1], box[3], strict=True)]))
        lines.sort(key=lambda ln: (round(ln.y1), ln.x0))
        pages.append(lines)
    return pages


def text_lines(page: list[Line]) -> list[Line]:
    """The lines of the text itself: text size, inside the text block, below the head."""
    return [ln for ln in page if ln.is_text_size and ln.in_body and not ln.in_margin]


def margin_numbers(page: list[Line]) -> list[tuple[int, Line]]:
    """Line numbers in the left margin: (number, the margin line)."""
    return [(int(ln.text), ln) for ln in page
            if ln.in_margin and ln.in_body and re.fullmatch(r"\d+", ln.text)]


def main_text(pdf: Path) -> str:
    """The PDF's text without the running heads and page numbers, and without what is set
    smaller than the text: the notes at the foot of the page, the line numbers in the
    margin, the note numbers. Lines end with newlines
    (and their hyphens), as ``pdftotext -raw`` gives them."""
    return "\n".join(ln.text for page in pdf_pages(pdf) for ln in page
                     if ln.in_body and (ln.is_text_size or ln.height > TEXT_HEIGHT[1]))
