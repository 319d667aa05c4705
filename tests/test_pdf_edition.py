"""The PDF as a critical edition (issue 12), read page by page from the built PDF:
line numbers beside the essay's text and nowhere else, every note at the foot of the page
that carries its lemma, keyed by the line number printed beside that lemma; a book's
front matter; the back matter's page and line references; fonts, log, screenshots."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass

import pytest
import yaml

from tests.essay_text import essay_chapters
from tests.outputs import ROOT, latex_log_findings, pdf_tool, pdftotext, run
from tests.pdf_pages import HEAD_BOTTOM, Line, margin_numbers, pdf_pages, text_lines

CHAPTERS = essay_chapters()
#: Where the test run leaves the page images (CI keeps this folder as an artifact).
SCREENSHOTS = ROOT / "_build" / "screenshots"
NOTE_KEY = re.compile(r"^(\d+)(?:\u2013(\d+))?$")


def _norm(word: str) -> str:
    return "".join(re.findall(r"\w+", word)).casefold()


def chapter_title(chapter) -> str:
    for line in chapter.path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise AssertionError(chapter.path)


@dataclass
class Layout:
    pages: list[list[Line]]
    #: Per essay chapter: its pages (0-based indexes), and its text lines, numbered from
    #: 1 through the chapter: {line number: (page index, line)}.
    chapter_pages: dict[str, list[int]]
    numbered: dict[str, dict[int, tuple[int, Line]]]
    first_back_page: int


def _heading_pages(pages, title: str) -> list[int]:
    return [i for i, page in enumerate(pages)
            if title in " ".join(ln.text for ln in page if ln.height > 13)]


@pytest.fixture(scope="module")
def layout(pdf_build) -> Layout:
    pages = pdf_pages(pdf_build.artifact)
    starts = []
    for chapter in CHAPTERS:
        found = _heading_pages(pages, chapter_title(chapter))
        assert len(found) == 1, (chapter.docname, found)
        starts.append(found[0])
    back = _heading_pages(pages, "Textual apparatus")
    assert back, "no 'Textual apparatus' heading"
    ends = [*starts[1:], back[0]]
    chapter_pages, numbered = {}, {}
    for chapter, start, end in zip(CHAPTERS, starts, ends, strict=True):
        chapter_pages[chapter.docname] = list(range(start, end))
        lines = [(i, ln) for i in range(start, end) for ln in text_lines(pages[i])]
        numbered[chapter.docname] = {n: where for n, where in enumerate(lines, start=1)}
    return Layout(pages, chapter_pages, numbered, back[0])


# -- line numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.docname)
def test_every_fifth_line_of_each_chapter_is_numbered_in_the_margin(layout, chapter):
    """The margin numbers stand beside the lines they count (from 1 in each chapter)."""
    lines = layout.numbered[chapter.docname]
    assert len(lines) >= 5, len(lines)
    printed = []
    for page in layout.chapter_pages[chapter.docname]:
        for number, mark in margin_numbers(layout.pages[page]):
            where, beside = lines[number]
            assert where == page, (number, where, page)
            assert abs(beside.y1 - mark.y1) < 3, (number, beside.text, mark.y1)
            printed.append(number)
    assert printed == list(range(5, len(lines) + 1, 5))


def test_no_line_numbers_outside_the_essay(layout):
    essay = {p for pages in layout.chapter_pages.values() for p in pages}
    stray = {i + 1: [n for n, _ in margin_numbers(page)]
             for i, page in enumerate(layout.pages) if i not in essay}
    assert {page: n for page, n in stray.items() if n} == {}


# -- notes at the foot of the page ------------------------------------------------------------


@dataclass
class FootNote:
    series: str  # "A" (textual apparatus) or "B" (commentary)
    page: int
    first: int
    last: int
    lemma: list[str]
    number: int | None  # the note number (series B)


def foot_notes(layout: Layout, chapter: str) -> list[FootNote]:
    """The keyed notes at the foot of the chapter's pages."""
    found = []
    for page in layout.chapter_pages[chapter]:
        lines = layout.pages[page]
        body = text_lines(lines)
        bottom = max(ln.y1 for ln in body) if body else 0
        notes = [ln for ln in lines
                 if not ln.is_text_size and ln.in_body and not ln.in_margin
                 and ln.y0 > bottom]
        text = " ".join(ln.text for ln in notes)
        for match in re.finditer(
                # (A key is the last bare number before the lemma: a note's text may
                # end with one, "in 1953", now that the editors' notes are unsigned.)
                r"(?:^|\s)(\d+)(?:\u2013(\d+))?\s(?!\d+\s)((?:(?!\d+(?:\u2013\d+)?\s)\S+\s)"
                r"{0,6}?\S+)\s\]\s(n\.\s(\d+)|"
                r"(?:\S+\s){0,8}?W(?=\s|$))", text):
            first = int(match[1])
            found.append(FootNote("B" if match[5] else "A", page, first,
                                  int(match[2] or first), match[3].split(),
                                  int(match[5]) if match[5] else None))
    return found


def _expected_apparatus(chapter) -> int:
    source = chapter.path.read_text(encoding="utf-8")
    roles = len(re.findall(r"\{(?:gap|corr|sic)\}`", source))
    front = yaml.safe_load(source.split("---")[1]) or {}
    return roles + len(front.get("regularizations", []))


def _expected_notes(chapter) -> int:
    return sum(1 for path in (ROOT / "annotations").glob("*.md")
               if not path.name.startswith("_")
               and f"chapter: {chapter.docname}" in path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.docname)
def test_every_note_is_on_the_page_of_its_lemma_keyed_by_its_line(layout, chapter):
    """Each note's key (line number, lemma) points at a line of the same page whose
    margin count is that number and which holds the lemma's first (and last) word."""
    notes = foot_notes(layout, chapter.docname)
    series_b = sorted(n.number for n in notes if n.series == "B")
    assert series_b == list(range(1, _expected_notes(chapter) + 1)), series_b
    assert len([n for n in notes if n.series == "A"]) == _expected_apparatus(chapter)
    lines = layout.numbered[chapter.docname]
    for note in notes:
        page, line = lines[note.first]
        assert page == note.page, (note, "lemma on page", page + 1)
        words = {_norm(w) for w in line.words}
        first = _norm(note.lemma[0])
        if first:
            assert first in words, (note, line.text)
        else:  # a sign: […]
            assert note.lemma[0] in line.text, (note, line.text)
        # A lemma may run over to the next page; its note stands where it starts.
        end_page, end_line = lines[note.last]
        last = _norm(note.lemma[-1])
        assert end_page in (note.page, note.page + 1), (note, end_page)
        assert not last or last in {_norm(w) for w in end_line.words}, (note, end_line.text)


def test_the_note_parser_can_fail():
    """A note keyed to a line that does not hold its lemma is caught."""
    layout = Layout(pages=[[
        Line(["Stalin", "died", "in", "1953."], 130, 100, 400, 110.9, [10.9] * 4),
        Line(["1", "Khrushchev", "]", "n.", "1", "Commentary."], 130, 600, 400, 609,
             [9.0] * 6)]], chapter_pages={"c": [0]},
        numbered={"c": {1: (0, None)}}, first_back_page=1)
    layout.numbered["c"][1] = (0, layout.pages[0][0])
    [note] = foot_notes(layout, "c")
    assert (note.first, note.lemma, note.number) == (1, ["Khrushchev"], 1)
    assert _norm(note.lemma[0]) not in {_norm(w) for w in layout.pages[0][0].words}


# -- the back matter: pages and lines ---------------------------------------------------------


def _page_labels(pdf) -> list[str]:
    from pypdf import PdfReader

    return list(PdfReader(pdf).page_labels)


@pytest.mark.parametrize("heading,series", [("Textual apparatus", "A"),
                                            ("Commentary", "B")])
def test_the_apparatus_and_commentary_index_give_page_and_line(layout, pdf_build, heading,
                                                               series):
    labels = _page_labels(pdf_build.artifact)
    expected = sorted((labels[n.page], n.first) for c in CHAPTERS
                      for n in foot_notes(layout, c.docname) if n.series == series)
    start = _heading_pages(layout.pages, heading)[-1]
    end = start + 1  # the list runs until the next page that opens a chapter
    while end < len(layout.pages) and not any(ln.height > 13 for ln in layout.pages[end]):
        end += 1
    text = " ".join(ln.text for page in layout.pages[start:end] for ln in page)
    given = sorted((p, int(line)) for p, line in
                   re.findall(r"\(p\.\s?(\w+), l\.\s?(\d+)\)", text))
    assert given == expected


# -- front matter, heads, furniture -------------------------------------------------------------


def test_title_page_and_its_verso(pdf_build):
    import conf

    text = pdftotext(pdf_build.artifact)
    title, verso, contents = (" ".join(p.split()) for p in text.split("\f")[:3])
    main, _, sub = conf.project.partition(": ")
    for expected in (main, sub, "critical edition", "edited by", "contributors",
                     f"edition {conf.release}", conf.copyright[:4]):
        assert expected.casefold() in title.casefold(), expected
    # No placeholder where the hosted address is unknown (no html_baseurl here).
    assert "not yet known" not in title and "Sphinx" not in title
    # The verso is an imprint: how to cite (MLA, once), the rights; no BibTeX.
    assert f"version {conf.release}" in verso and "How to cite" in verso
    assert "@misc" not in verso and "BibTeX" not in verso
    assert "Rights" in verso and "unknown" in verso
    assert contents.startswith("Contents")
    assert re.search(r"https?://", title + verso) is None  # no invented address or DOI


def test_no_release_build_date_or_chapter_banner(pdf_build):
    text = pdftotext(pdf_build.artifact)
    assert re.search(r"\bRelease\s+\d", text) is None  # Sphinx's "Release 0.4" label
    assert re.search(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\w* \d{1,2}, "
                     r"\d{4}\b", text) is None
    assert re.search(r"(?im)^\s*chapter\s+(\d+|one|two|three)\s*$", text) is None


def test_running_heads_give_short_title_and_chapter(layout):
    short = "khrushchev and de-stalinization"
    titles = {chapter_title(c).casefold() for c in CHAPTERS}
    heads = 0
    for chapter in CHAPTERS:
        for page in layout.chapter_pages[chapter.docname][1:]:  # not the opening page
            head = " ".join(ln.text for ln in layout.pages[page] if ln.y1 < HEAD_BOTTOM)
            head = re.sub(r"^\d+\s+|\s+\d+$", "", head).casefold()
            assert head == short or head in titles, (page + 1, head)
            heads += 1
    assert heads >= 3


def test_no_blank_pages_but_before_a_recto(pdf_build):
    pages = pdftotext(pdf_build.artifact).split("\f")[:-1]
    blank = [i + 1 for i, page in enumerate(pages) if not page.strip()]
    # A blank page is a verso (even) left so that the next page starts on a recto.
    assert all(n % 2 == 0 and n < len(pages) for n in blank), blank
    assert len(blank) <= 2, blank
    print(f"{len(pages)} pages, blank: {blank}")


def test_type_is_eb_garamond_with_every_character(pdf_build):
    fonts = pdf_tool("pdffonts", pdf_build.artifact)
    assert "EBGaramond12-Regular" in fonts and "EBGaramond12-Italic" in fonts
    log = (pdf_build.outdir / "khrushchev-essay.log").read_text(errors="replace")
    assert "Missing character" not in log
    # English hyphenation patterns are in use (polyglossia's English).
    assert re.search(r"Package polyglossia Warning.*english", log) is None
    text = pdftotext(pdf_build.artifact)
    for char in "\u201c\u201d\u2019\u2026\u00b6":
        assert char in text, char


def test_overfull_boxes_are_counted(pdf_build, record_property):
    """Goal: none wider than 1 pt (the count is printed and recorded)."""
    log = (pdf_build.outdir / "khrushchev-essay.log").read_text(errors="replace")
    count = latex_log_findings(log).get("Overfull box wider than 1 pt", 0)
    print(f"overfull boxes wider than 1 pt: {count}")
    record_property("overfull", count)
    assert count == 0


# -- screenshots for review, and Read the Docs ----------------------------------------------------


def test_screenshots_of_title_essay_and_back_matter_pages(layout, pdf_build):
    """pdftoppm images kept by CI (_build/screenshots/): a reviewer can look."""
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm (poppler-utils) is missing")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    essay_page = layout.chapter_pages[CHAPTERS[0].docname][0] + 1
    for name, page in (("title-page", 1), ("essay-page", essay_page),
                       ("back-matter-page", layout.first_back_page + 1)):
        out = SCREENSHOTS / name
        run(["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", str(page), "-l",
             str(page), str(pdf_build.artifact), str(out)])
        assert out.with_suffix(".png").stat().st_size > 10_000


def test_readthedocs_installs_what_the_pdf_needs():
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    script = (ROOT / "scripts" / "system-packages.sh").read_text()
    build = re.search(r'build_pkgs="([^"]*)"', script)[1].split()
    assert {"texlive-humanities", "fonts-ebgaramond"} <= set(build)
    assert set(build) <= set(rtd["build"]["apt_packages"])
