"""No format drops, adds or alters a word of the essay."""

from __future__ import annotations

import pytest

from edition.text.interventions import SIC_SIGN
from tests.essay_text import (
    align_in_pdf,
    dehyphenate,
    essay_chapters,
    essay_words_in_markup,
    witness_words,
)
from tests.outputs import epub_xhtml, words
from tests.pdf_pages import main_text

CHAPTERS = essay_chapters()


def test_every_witness_paragraph_has_one_chapter():
    assert [c.paragraph for c in CHAPTERS] == [1, 2, 3]


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.docname)
def test_html_gives_the_witness_words(html_build, chapter):
    page = (html_build.outdir / f"{chapter.docname}.html").read_bytes()
    assert essay_words_in_markup(page, "article[role=main]") == witness_words(chapter)


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.docname)
def test_epub_gives_the_witness_words(epub_build, chapter):
    page = epub_xhtml(epub_build.artifact)[f"{chapter.docname}.xhtml"]
    assert essay_words_in_markup(page, "div[role=main]") == witness_words(chapter)


@pytest.fixture(scope="module")
def pdf_words(pdf_build) -> list[str]:
    """The PDF's words as a reader reads the text: the notes at the foot of each page,
    the line numbers in the margin and the note numbers (all set smaller than the text)
    set aside; page furniture and digits are allowed by the alignment."""
    vocabulary = {w for c in CHAPTERS for w in witness_words(c)}
    return words(dehyphenate(main_text(pdf_build.artifact), vocabulary))


@pytest.fixture(scope="module")
def pdf_furniture() -> set[str]:
    """Words the PDF may print between two words of the essay: running heads and feet
    (edition title, release, chapter titles), chapter openings, editorial signs."""
    import conf

    titles = [conf.project, conf.release, "Release", "Chapter", "Contents",
              SIC_SIGN]
    for chapter in CHAPTERS:
        titles += [line for line in chapter.path.read_text(encoding="utf-8").splitlines()
                   if line.startswith("# ")]
    return {w for t in titles for w in words(t)}


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda c: c.docname)
def test_pdf_gives_the_witness_words(pdf_words, pdf_furniture, chapter):
    problem = align_in_pdf(pdf_words, witness_words(chapter), pdf_furniture)
    assert problem is None, f"{chapter.docname}: {problem}"


def test_pdf_alignment_rejects_an_altered_word(pdf_words, pdf_furniture):
    """The PDF check can fail: a witness paragraph with one word changed is not found."""
    expected = witness_words(CHAPTERS[2])
    altered = expected[:20] + ["Brezhnev"] + expected[21:]
    assert align_in_pdf(pdf_words, altered, pdf_furniture) is not None


def test_markup_check_drops_only_editorial_matter():
    """The HTML check keeps the author's words and drops only editorial elements."""
    page = (
        '<div role="main"><h1>[Title]</h1><p>one <span class="edition-editorial">[…]</span>'
        " two</p></div>"
    )
    assert essay_words_in_markup(page, "div[role=main]") == ["one", "two"]
