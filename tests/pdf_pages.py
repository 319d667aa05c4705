"""The PDF read as a page is read: lines of words with their boxes (poppler's
``pdftotext -bbox-layout``), told apart by their size and place — the text, the line
numbers in the margin, the notes at the foot of the page; and what a page looks like:
how much of it is filled, whether anything on it is in colour, the faces it is set in."""

from __future__ import annotations

import re
import subprocess
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


# -- what a page looks like: its fill, its colours, its faces (issue 31) ----------------------

#: A baseline of the text (11 pt, \linespread 1.08): a gap between two lines larger than
#: two of these is a void on the page.
BASELINE = 11 * 1.2 * 1.08


def page_fill(page: list[Line]) -> float:
    """How much of the text block a page fills, 0 to 1: its height less every blank
    stretch of it taller than two baselines (between two lines, above the first, below
    the last). A full page of text with its notes at the foot fills about 0.9; a page of
    two lines and its notes at the foot, about 0.3."""
    top, bottom = HEAD_BOTTOM + 4, FOOT_TOP - 4
    spans = sorted((ln.y0, ln.y1) for ln in page if ln.in_body)
    void, reached = 0.0, top
    for y0, y1 in spans:
        if y0 - reached > 2 * BASELINE:
            void += y0 - reached - 2 * BASELINE
        reached = max(reached, y1)
    if bottom - reached > 2 * BASELINE:
        void += bottom - reached - 2 * BASELINE
    return 1 - void / (bottom - top)


def coloured_pixels(pdf: Path, dpi: int = 40, chroma: int = 48) -> dict[int, int]:
    """For each page (1-based) that has any, the number of its pixels in colour (the
    largest and smallest of red, green and blue further apart than ``chroma``), as
    poppler renders it: black text on white has none, a blue link a few hundred."""
    found = {}
    for number in range(1, page_count(pdf) + 1):
        data = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(number), "-l",
                               str(number), str(pdf)], capture_output=True, check=True).stdout
        # Binary PPM: "P6", width and height, the maximum value, then RGB bytes.
        _, _, _, pixels = data.split(b"\n", 3)
        count = sum(1 for i in range(0, len(pixels) - 2, 3)
                    if max(pixels[i:i + 3]) - min(pixels[i:i + 3]) > chroma)
        if count:
            found[number] = count
    return found


def page_count(pdf: Path) -> int:
    info = run(["pdfinfo", str(pdf)]).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


@dataclass
class Run:
    """A run of text as the PDF draws it, in one font."""
    font: str
    size: float
    y: float  # from the top of the page, in points
    text: str


def text_runs(pdf: Path, page: int) -> list[Run]:
    """The text runs of a page (0-based), each with its font's name (without the subset
    prefix), as pypdf reads them from the page's content."""
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    height = float(reader.pages[page].mediabox.height)
    runs: list[Run] = []

    def visit(text, cm, tm, font, size):
        if font is None or not text.strip():
            return
        name = str(font.get("/BaseFont", "")).split("+")[-1]
        y = tm[5] * cm[3] + cm[5]
        runs.append(Run(name, size * abs(cm[3] or 1), height - y, text))

    reader.pages[page].extract_text(visitor_text=visit)
    return runs
