"""The PDF as a critical edition (issues 12 and 31), read page by page from the built PDF:
the essay one text, its three paragraphs running on under their headings, its lines
numbered in the margin and nowhere else; the textual apparatus at the foot of the page
that carries its lemma, keyed by the line number printed beside it; the commentary after
the text, each note keyed to its lemma by page and line; pages filled as a printer fills
them, nothing in colour, person names in the text's roman, one face (EB Garamond, with a
true bold); a book's front matter and metadata; the back matter's page and line
references; log, screenshots."""

from __future__ import annotations

import io
import re
import shutil
from dataclasses import dataclass

import pytest
import yaml

from tests.essay_text import essay_chapters
from tests.outputs import ROOT, latex_log_findings, pdf_tool, pdftotext, run
from tests.pdf_pages import (
    HEAD_BOTTOM,
    TEXT_HEIGHT,
    Line,
    coloured_pixels,
    margin_numbers,
    page_fill,
    pdf_pages,
    text_lines,
    text_runs,
)

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
    #: The essay's pages (0-based indexes), from its first chapter's opening to the page
    #: before the back matter; the page of each chapter's heading.
    essay_pages: list[int]
    chapter_page: dict[str, int]
    #: The essay's text lines, numbered from 1 through the whole essay (its three
    #: paragraphs are one text): {line number: (page index, line)}.
    numbered: dict[int, tuple[int, Line]]
    first_back_page: int


#: Points: a chapter's title is set \\LARGE (word boxes about 17 pt high); bold text has
#: taller boxes (about 14 pt) than roman at the same size.
CHAPTER_TITLE = 16


def _heading_pages(pages, title: str) -> list[int]:
    return [i for i, page in enumerate(pages)
            if title in " ".join(ln.text for ln in page if ln.height > CHAPTER_TITLE)]


def _opens_chapter(page: list[Line]) -> bool:
    return any(ln.height > CHAPTER_TITLE for ln in page)


@pytest.fixture(scope="module")
def layout(pdf_build) -> Layout:
    return read_layout(pdf_pages(pdf_build.artifact))


def read_layout(pages: list[list[Line]]) -> Layout:
    starts = {}
    for chapter in CHAPTERS:
        found = _heading_pages(pages, chapter_title(chapter))
        assert len(found) == 1, (chapter.docname, found)
        starts[chapter.docname] = found[0]
    back = _heading_pages(pages, "Textual apparatus")
    assert back, "no 'Textual apparatus' heading"
    essay = list(range(min(starts.values()), back[0]))
    lines = [(i, ln) for i in essay for ln in text_lines(pages[i])]
    numbered = {n: where for n, where in enumerate(lines, start=1)}
    return Layout(pages, essay, starts, numbered, back[0])


# -- line numbers ---------------------------------------------------------------------------


def test_every_fifth_line_of_the_essay_is_numbered_in_the_margin(layout):
    """The margin numbers stand beside the lines they count, from 1 through the essay
    (one text: the count does not start again with a chapter)."""
    lines = layout.numbered
    assert len(lines) >= 25, len(lines)
    printed = []
    for page in layout.essay_pages:
        for number, mark in margin_numbers(layout.pages[page]):
            where, beside = lines[number]
            assert where == page, (number, where, page)
            assert abs(beside.y1 - mark.y1) < 3, (number, beside.text, mark.y1)
            printed.append(number)
    assert printed == list(range(5, len(lines) + 1, 5))


def test_no_line_numbers_outside_the_essay(layout):
    essay = set(layout.essay_pages)
    stray = {i + 1: [n for n, _ in margin_numbers(page)]
             for i, page in enumerate(layout.pages) if i not in essay}
    assert {page: n for page, n in stray.items() if n} == {}


# -- the essay, one text on full pages (issue 31) ----------------------------------------------


def test_the_essay_runs_on_from_paragraph_to_paragraph(layout):
    """A chapter after the first opens where the text has come to: on the page of the
    text before it, below that text, not on a page of its own."""
    for chapter in CHAPTERS[1:]:
        page = layout.chapter_page[chapter.docname]
        heading = next(ln for ln in layout.pages[page]
                       if ln.height > CHAPTER_TITLE and chapter_title(chapter) in ln.text)
        before = [ln for ln in text_lines(layout.pages[page]) if ln.y1 < heading.y0]
        assert before, f"{chapter.docname} opens a new page ({page + 1})"


def test_every_page_of_the_essay_but_its_last_is_filled(layout):
    """No void: every page of the essay but its last at least 60 % filled (blank
    stretches of more than two lines subtracted, tests/pdf_pages.py)."""
    fill = {page + 1: round(100 * page_fill(layout.pages[page]))
            for page in layout.essay_pages}
    print(f"essay pages filled (%): {fill}")
    assert len(fill) >= 2
    assert {page: f for page, f in list(fill.items())[:-1] if f < 60} == {}


def test_the_fill_measure_finds_a_void():
    """A page of two lines of text and its notes at the foot is a void; a full one is
    not."""
    def line(y: float, height: float = 10.9) -> Line:
        return Line(["word"], 130, y, 400, y + height, [height])
    full = [line(100 + 13.2 * i) for i in range(40)]
    void = [line(100), line(113.2), line(680, 9), line(691, 9)]
    assert page_fill(full) > 0.85 and page_fill(void) < 0.4


def test_nothing_on_any_page_is_in_colour(pdf_build):
    """Links stay live but are drawn in the text's black: no coloured pixel on any page
    (the old blue links, and the blue that leaked across a page break, were hundreds)."""
    assert coloured_pixels(pdf_build.artifact) == {}


def _persons() -> set[str]:
    """Every word of every person's name (and its forms in the text)."""
    persons = yaml.safe_load((ROOT / "registers" / "persons.yaml").read_text())
    return {word for person in persons
            for form in [person["name"], *person.get("mentions", [])]
            for word in re.findall(r"\w+", form) if word[0].isupper()}


def test_person_names_in_the_reading_text_keep_its_roman(layout, pdf_build):
    """A person's name in the essay is a link to the index of persons, set as the
    witness has it: not in italic (Sphinx sets a cross-reference in italic)."""
    names = _persons()
    italic = []
    for page in layout.essay_pages:
        for piece in text_runs(pdf_build.artifact, page):
            in_text = TEXT_HEIGHT[0] <= piece.size <= TEXT_HEIGHT[1] + 0.5 and \
                HEAD_BOTTOM < piece.y
            if in_text and "Italic" in piece.font and set(re.findall(r"\w+", piece.text)) & names:
                italic.append((page + 1, piece.text))
    assert italic == []


def test_the_italic_check_can_fail(pdf_build):
    """The run reader sees italics: the title page's subtitle is italic."""
    assert any("Italic" in piece.font for piece in text_runs(pdf_build.artifact, 0))


# -- notes at the foot of the page ------------------------------------------------------------


@dataclass
class FootNote:
    series: str  # "A" (textual apparatus) or "B" (commentary)
    page: int  # where it is keyed: its lemma's page (0-based)
    first: int
    last: int
    lemma: list[str]
    number: int | None  # the note number (series B)


def foot_notes(layout: Layout) -> list[FootNote]:
    """The textual apparatus at the foot of the essay's pages: line number, lemma ] the
    witness's reading W."""
    found = []
    for page in layout.essay_pages:
        lines = layout.pages[page]
        body = text_lines(lines)
        bottom = max(ln.y1 for ln in body) if body else 0
        notes = [ln for ln in lines
                 if not ln.is_text_size and ln.in_body and not ln.in_margin
                 and ln.y0 > bottom]
        text = " ".join(ln.text for ln in notes)
        for match in re.finditer(
                r"(?:^|\s)(\d+)(?:\u2013(\d+))?\s(?!\d+\s)((?:(?!\d+(?:\u2013\d+)?\s)\S+\s)"
                r"{0,6}?\S+)\s\]\s((?:\S+\s){0,8}?W(?=\s|$))", text):
            first = int(match[1])
            found.append(FootNote("A", page, first, int(match[2] or first),
                                  match[3].split(), None))
    return found


#: A note of the commentary: "p. 9, l. 5 Stalin's death ] n. 1 Commentary. …" (a lemma
#: over two lines: "ll. 9–10").
COMMENTARY_NOTE = re.compile(
    r"p\.\s?(\d+),\s?ll?\.\s?(\d+)(?:\u2013(\d+))?\s+(.+?)\s?\]\s+n\.\s?(\d+)\s")


def commentary_notes(layout: Layout, pdf) -> dict[str, list[FootNote]]:
    """The notes of the commentary, after the text, under the heading of their chapter:
    {chapter: notes}, each keyed by the page (as printed) and line of its lemma."""
    labels = _page_labels(pdf)
    start = _heading_pages(layout.pages, "Commentary")[-1]
    end = start + 1  # until the next page that opens a chapter
    while end < len(layout.pages) and not _opens_chapter(layout.pages[end]):
        end += 1
    text = " ".join(ln.text for page in layout.pages[start:end] for ln in page)
    titles = [(text.find(chapter_title(c)), c.docname) for c in CHAPTERS]
    assert all(at >= 0 for at, _ in titles), titles
    found: dict[str, list[FootNote]] = {c.docname: [] for c in CHAPTERS}
    for match in COMMENTARY_NOTE.finditer(text):
        chapter = [name for at, name in titles if at < match.start()][-1]
        first = int(match[2])
        found[chapter].append(FootNote("B", labels.index(match[1]), first,
                                       int(match[3] or first), match[4].split(),
                                       int(match[5])))
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


def _check_key(layout: Layout, note: FootNote) -> None:
    """The note's key (page, line, lemma) points at a line of that page whose margin
    count is that number and which holds the lemma's first (and last) word."""
    page, line = layout.numbered[note.first]
    assert page == note.page, (note, "lemma on page", page + 1)
    first = _norm(note.lemma[0])
    if first:
        assert first in {_norm(w) for w in line.words}, (note, line.text)
    else:  # a sign: […]
        assert note.lemma[0] in line.text, (note, line.text)
    # A lemma may run over to the next page; it is keyed where it starts.
    end_page, end_line = layout.numbered[note.last]
    last = _norm(note.lemma[-1])
    assert end_page in (note.page, note.page + 1), (note, end_page)
    assert not last or last in {_norm(w) for w in end_line.words}, (note, end_line.text)


def test_the_apparatus_is_at_the_foot_of_its_lemma_page_keyed_by_its_line(layout):
    notes = foot_notes(layout)
    assert len(notes) == sum(_expected_apparatus(c) for c in CHAPTERS)
    for note in notes:
        _check_key(layout, note)


def test_the_commentary_keys_every_note_to_its_page_and_line(layout, pdf_build):
    """The commentary stands after the text (reledmac's endnotes): every note of each
    chapter, numbered as in the text, keyed to the page and line of its lemma."""
    notes = commentary_notes(layout, pdf_build.artifact)
    for chapter in CHAPTERS:
        numbers = [n.number for n in notes[chapter.docname]]
        assert numbers == list(range(1, _expected_notes(chapter) + 1)), \
            (chapter.docname, numbers)
        for note in notes[chapter.docname]:
            _check_key(layout, note)


def test_the_note_parsers_can_fail():
    """A note keyed to a line that does not hold its lemma is caught."""
    text = Line(["Stalin", "died", "in", "1953."], 130, 100, 400, 110.9, [10.9] * 4)
    foot = Line(["1", "Khrushchev", "]", "Khrushchev’s", "W"], 130, 600, 400, 609,
                [9.0] * 5)
    layout = Layout(pages=[[text, foot]], essay_pages=[0], chapter_page={"c": 0},
                    numbered={1: (0, text)}, first_back_page=1)
    [note] = foot_notes(layout)
    assert (note.first, note.lemma) == (1, ["Khrushchev"])
    with pytest.raises(AssertionError):
        _check_key(layout, note)
    [match] = COMMENTARY_NOTE.finditer("p. 9, l. 1 Khrushchev ] n. 1 Commentary. He rose")
    assert (match[1], match[2], match[4], match[5]) == ("9", "1", "Khrushchev", "1")


# -- the back matter: pages and lines ---------------------------------------------------------


def _page_labels(pdf) -> list[str]:
    from pypdf import PdfReader

    return list(PdfReader(pdf).page_labels)


def test_the_apparatus_index_gives_page_and_line(layout, pdf_build):
    labels = _page_labels(pdf_build.artifact)
    expected = sorted((labels[n.page], n.first) for n in foot_notes(layout))
    start = _heading_pages(layout.pages, "Textual apparatus")[-1]
    end = start + 1  # the list runs until the next page that opens a chapter
    while end < len(layout.pages) and not _opens_chapter(layout.pages[end]):
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
    """Every page of the essay but its opening one, and the commentary's pages, carry
    the short title (left) or the chapter (right) in their head."""
    short = "khrushchev and de-stalinization"
    titles = {chapter_title(c).casefold() for c in CHAPTERS} | {"commentary"}
    commentary = _heading_pages(layout.pages, "Commentary")[-1]
    heads = 0
    for page in [*layout.essay_pages[1:], commentary + 1]:  # not an opening page
        head = " ".join(ln.text for ln in layout.pages[page] if ln.y1 < HEAD_BOTTOM)
        head = re.sub(r"^\d+\s+|\s+\d+$", "", head).casefold()
        assert head == short or head in titles, (page + 1, head)
        heads += 1
    assert heads >= 2


def test_no_blank_pages_but_before_a_recto(pdf_build):
    pages = pdftotext(pdf_build.artifact).split("\f")[:-1]
    blank = [i + 1 for i, page in enumerate(pages) if not page.strip()]
    # A blank page is a verso (even) left so that the next page starts on a recto.
    assert all(n % 2 == 0 and n < len(pages) for n in blank), blank
    assert len(blank) <= 2, blank
    print(f"{len(pages)} pages, blank: {blank}")


def _font_names(pdf) -> list[str]:
    """The names of the faces embedded in the PDF (pdffonts), without subset prefix."""
    rows = pdf_tool("pdffonts", pdf).splitlines()[2:]
    return sorted({row.split()[0].split("+")[-1] for row in rows if row.strip()})


def test_the_book_is_set_in_eb_garamond_only_with_a_true_bold(pdf_build):
    """One face, the text's, everywhere (the index's entries and letters too, which
    Sphinx sets in a typewriter face and a sans-serif); its bold a bold, not the
    Regular made heavier (fontspec's FakeBold)."""
    names = _font_names(pdf_build.artifact)
    print("faces:", names)
    assert names and [n for n in names if not n.startswith("EBGaramond")] == []
    assert any(n.startswith("EBGaramond-Bold") for n in names), names
    tex = (pdf_build.outdir / "khrushchev-essay.tex").read_text(encoding="utf-8")
    sty = (pdf_build.outdir / "edition.sty").read_text(encoding="utf-8")
    assert "FakeBold" not in sty
    # conf.py's own font settings, if any, are overridden by edition.sty's, loaded after.
    assert tex.index("\\usepackage{edition}") > tex.index("\\usepackage{fontspec}")


def test_the_index_is_in_the_text_face(layout, pdf_build):
    index = _heading_pages(layout.pages, "Index")[-1]
    fonts = {piece.font for piece in text_runs(pdf_build.artifact, index)}
    assert fonts and all(f.startswith("EBGaramond") for f in fonts), fonts


def test_the_pdf_says_its_language_title_editors_version_date_and_rights(pdf_build):
    """Metadata as catalogues read it (issue 30): /Lang, the Info dictionary with curly
    apostrophes as the title page prints them, and XMP with the title, the editors, the
    version, the date and the rights."""
    from pypdf import PdfReader

    import conf
    from edition.bibliography.names import curly

    reader = PdfReader(str(pdf_build.artifact))
    assert reader.trailer["/Root"]["/Lang"] == conf.language
    info = reader.metadata
    assert info["/Title"] == curly(conf.project) and info["/Author"] == curly(conf.author)
    assert "'" not in info["/Author"] + info["/Title"]
    xmp = reader.xmp_metadata
    assert xmp is not None, "no XMP metadata"
    assert xmp.dc_title == {"en": curly(conf.project)}
    assert xmp.dc_creator == [curly(conf.author)]
    assert xmp.dc_language == [conf.language]
    assert xmp.dc_rights["en"].startswith("\u00a9 " + conf.copyright[:4])
    assert [d.date().isoformat() for d in xmp.dc_date] == [conf.edition_published]
    packet = xmp.stream.get_data().decode("utf-8")
    assert f"<xmpMM:VersionID>{conf.release}</xmpMM:VersionID>" in packet


#: A document with hyperxmp and metadata in several scripts, with capitals where hyperxmp
#: lowercases its pieces (the authors and keywords: list items), XML's specials, and a !
#: after a non-ASCII file name (whose conversion leaves the code of ! set);
#: %s: edition-xmp.sty, or nothing.
XMP_DOCUMENT = r"""\documentclass{article}
\usepackage{hyperxmp}%s
\usepackage{hyperref}
\hypersetup{pdftitle={Хрущёв and De-Stalinization: ÄÖ, Σ \& <Co.>!},
  pdfauthor={ÉMILE ZOLA, ΑΡΙΣΤΟΤΕΛΗΣ, ЛЕВ ТОЛСТОЙ, The Edition’s Contributors},
  pdfkeywords={STALIN, Ḱhrushchev, ẞTRASSE}, pdfcontactemail={x!y@example.org},
  pdfcopyright={© 2026 Some Body}, pdflang={en}, pdfmetalang={en}, pdfpubtype={book},
  pdfversionid={0.4}, pdfurl={https://example.org/Édition/}, pdfdate={2026-12-06},
  pdfcreationdate={D:20261206000000Z}, pdfmoddate={D:20261206000000Z},
  pdfmetadate={D:20261206000000Z},
  pdfdocumentid={uuid:9e6e1f4e-0000-4000-8000-000000000001},
  pdfinstanceid={uuid:9e6e1f4e-0000-4000-8000-000000000002}}
\begin{document}x\end{document}
"""


def test_the_faster_xmp_packet_is_hyperxmps_own(tmp_path):
    """edition-xmp.sty makes hyperxmp's packet without its 65,536-code loop for each
    piece: the PDF must be the same bytes, capitals and all (the loop's whole point is
    that nothing but hyperxmp's stand-ins changes), and the faster way must be the one
    taken here (if a newer hyperxmp is not the 5.9 it knows, it steps aside: compare its
    \\hyxmp@add@to@xml with the copy in edition-xmp.sty)."""
    from pypdf import PdfReader

    env = {"PATH": "/usr/bin:/bin", "SOURCE_DATE_EPOCH": "1765000000",
           "FORCE_SOURCE_DATE": "1"}
    pdfs, logs = {}, {}
    for name, extra in (("theirs", ""), ("ours", r"\usepackage{edition-xmp}")):
        folder = tmp_path / name  # the same file name: it is in the packet
        folder.mkdir()
        shutil.copy(ROOT / "edition" / "output" / "latex" / "edition-xmp.sty", folder)
        (folder / "Édition.tex").write_text(XMP_DOCUMENT % extra, encoding="utf-8")
        run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "Édition.tex"],
            cwd=folder, env=env)
        pdfs[name] = (folder / "Édition.pdf").read_bytes()
        logs[name] = (folder / "Édition.log").read_text(errors="replace")
    assert "Package edition-xmp Info: in use" in logs["ours"], logs["ours"][-3000:]

    def packet(pdf: bytes) -> str:
        reader = PdfReader(io.BytesIO(pdf))
        return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")

    theirs = packet(pdfs["theirs"])
    for shown in ("Хрущёв and De-Stalinization: ÄÖ, Σ &amp; &lt;Co.&gt;!", "ΑΡΙΣΤΟΤΕΛΗΣ",
                  "ЛЕВ ТОЛСТОЙ", "ẞTRASSE", "x!y@example.org",
                  "<xmpMM:VersionID>0.4</xmpMM:VersionID>"):
        assert shown in theirs, shown
    assert packet(pdfs["ours"]) == theirs
    assert pdfs["ours"] == pdfs["theirs"]


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
    essay_page = layout.essay_pages[0] + 1
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
