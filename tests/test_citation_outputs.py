"""The real edition: the essay's citations and both bibliographies in every format."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from pybtex.database import parse_file
from pypdf import PdfReader

from edition.text.chapters import front_matter, regularizations
from tests.essay_text import essay_chapters
from tests.outputs import ROOT, WITNESS_PATH, epub_xhtml, pdftotext
from tests.validators import pdf_link_targets

#: The essay's parenthetical citations, as the witness has them, in order.
WITNESS_CITATIONS = [
    "(Nikita KhrushchevHistory.com)",
    "(Rush 59)",
    "(Rush 61)",
    "(Gill)",
]
KEYS = sorted(parse_file(ROOT / "references.bib").entries)
LISTS = {"works-cited": "Works cited in the essay",
         "editorial-bibliography": "Editorial bibliography"}


def test_witness_citations_are_each_found_once_in_order():
    text = WITNESS_PATH.read_text(encoding="utf-8")
    positions = [text.find(c) for c in WITNESS_CITATIONS]
    assert all(text.count(c) == 1 for c in WITNESS_CITATIONS)
    assert positions == sorted(positions)


def test_each_witness_citation_is_one_role_rendering_back_to_the_witness(html_build):
    rendered, back = [], []
    for chapter in essay_chapters():
        regs = {r.reading: r.witness
                for r in regularizations(front_matter(chapter.path.read_text("utf-8")))}
        page = BeautifulSoup((html_build.outdir / f"{chapter.docname}.html").read_bytes(), "lxml")
        for editorial in page.select(".edition-editorial"):  # notes, note numbers, signs
            editorial.decompose()
        for cite in page.select("article .bibtex-citation"):
            rendered.append(cite.get_text())
            back.append(regs.get(cite.get_text(), cite.get_text()))
    assert back == WITNESS_CITATIONS
    assert rendered == ["(Nikita Khrushchev, HISTORY.com)", "(Rush 59)", "(Rush 61)", "(Gill)"]


def _ids(markup: bytes) -> set[str]:
    return {e["id"] for e in BeautifulSoup(markup, "lxml").find_all(id=True)}


@pytest.mark.parametrize("key", KEYS)
def test_entry_in_html(html_build, key):
    pages = [html_build.outdir / "chapters" / f"{name}.html" for name in LISTS]
    assert sum(f"cite-{key}" in _ids(p.read_bytes()) for p in pages) == 1


@pytest.mark.parametrize("key", KEYS)
def test_entry_in_epub(epub_build, key):
    docs = epub_xhtml(epub_build.artifact)
    assert sum(f"cite-{key}" in _ids(docs[f"chapters/{name}.xhtml"]) for name in LISTS) == 1


@pytest.fixture(scope="module")
def pdf(pdf_build) -> PdfReader:
    return PdfReader(pdf_build.artifact)


@pytest.mark.parametrize("key", KEYS)
def test_entry_in_pdf(pdf, key):
    dests = [d for d in pdf.named_destinations if d.endswith(f":cite-{key}")]
    assert len(dests) == 1


def test_pdf_lists_stand_in_their_own_chapters_in_order(pdf_build):
    text = pdftotext(pdf_build.artifact)
    # Each list's chapter heading, after the contents (which name them all first).
    after_contents = text.index("\f", text.index("Contents"))
    lines = text[after_contents:].replace("\f", "\n")  # a heading opens a page
    where = {name: re.search(rf"(?m)^{title}$", lines).start() + after_contents
             for name, title in LISTS.items()}
    assert 0 < where["works-cited"] < where["editorial-bibliography"]
    # An essay source in the first list, an editorial work in the second, none at the end.
    assert where["works-cited"] < text.find("Gill, Graeme.") < where["editorial-bibliography"]
    assert where["editorial-bibliography"] < text.find("Taubman, William.")
    # No list of Sphinx's own at the end (the running head of the editorial bibliography's
    # last pages aside).
    assert re.search(r"(?m)^Bibliography$", text[text.find("Tompson, William J."):]) is None


def test_pdf_citation_links_reach_their_entries(pdf):
    dests = set(pdf.named_destinations)
    links = [target for target in pdf_link_targets(pdf) if target.startswith("cite.")]
    # The essay's four, and those in the notes.
    assert len(links) >= len(WITNESS_CITATIONS)
    assert all(link in dests for link in links)
