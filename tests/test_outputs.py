"""Each format builds without a warning and passes the checks publishers use."""

from __future__ import annotations

import re

import pytest

import conf
from tests.links import broken_internal_links
from tests.outputs import pdf_tool
from tests.validators import epubcheck


@pytest.mark.parametrize("fmt", ["html_build", "epub_build", "pdf_build"])
def test_build_has_no_warnings(fmt, request):
    build = request.getfixturevalue(fmt)
    assert build.warnings.strip() == ""


def test_epubcheck_reports_nothing(epub_build):
    result = epubcheck(epub_build.artifact)
    messages = [str(m) for m in result.messages]
    assert result.valid and messages == []


def test_epubcheck_catches_a_broken_epub(epub_build, tmp_path):
    """EPUBCheck really runs: an EPUB without its mimetype entry is rejected for it
    (PKG-006). Only the container file is kept: checking every document again would take
    ten times as long, to show the same."""
    import zipfile

    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(epub_build.artifact) as src, zipfile.ZipFile(broken, "w") as dst:
        dst.writestr(src.getinfo("META-INF/container.xml"),
                     src.read("META-INF/container.xml"))
    result = epubcheck(broken)
    assert not result.valid and "PKG-006" in {m.id for m in result.messages}


def test_pdf_fonts_are_all_embedded(pdf_build):
    rows = pdf_tool("pdffonts", pdf_build.artifact).splitlines()[2:]
    assert rows, "pdffonts listed no fonts"
    # Columns: name type encoding emb sub uni object-id; read them from the right.
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not_embedded == []


def test_pdf_has_title_and_author(pdf_build):
    info = dict(
        re.match(r"([^:]+):\s*(.*)", line).groups()
        for line in pdf_tool("pdfinfo", pdf_build.artifact).splitlines()
        if ":" in line
    )
    assert info["Title"] == conf.project
    # As the title page prints it: curly apostrophes (issue 30).
    assert info["Author"] == conf.author.replace("'", "\u2019")


def test_html_has_no_broken_internal_link(html_build):
    assert broken_internal_links(html_build.outdir) == []


def test_link_check_finds_a_missing_fragment_and_file(tmp_path):
    (tmp_path / "a.html").write_text(
        '<a href="b.html#nowhere">x</a><a href="gone.html">y</a><a href="#here" id="here">z</a>'
    )
    (tmp_path / "b.html").write_text('<p id="somewhere"></p>')
    assert broken_internal_links(tmp_path) == [
        "a.html: 'b.html#nowhere' -> no such fragment",
        "a.html: 'gone.html' -> missing file",
    ]


def test_lemmas_with_quotation_marks_are_quoted_once(html_build):
    """A lemma that holds quotation marks is quoted with single ones inside:
    “the same ‘mistakes’”, never ““mistakes””."""
    from bs4 import BeautifulSoup

    for page in ("chapters/commentary.html", "chapters/contributors.html"):
        text = BeautifulSoup((html_build.outdir / page).read_bytes(), "lxml").get_text()
        assert "\u2018mistakes\u2019" in text, page  # the lemma “mistakes” is listed
        assert "\u201c\u201c" not in text and "\u201d\u201d" not in text, page


def test_quoted_nests_quotation_marks():
    from edition.pages.lists import quoted

    assert quoted("\u201cmistakes\u201d") == "\u201c\u2018mistakes\u2019\u201d"
    assert quoted("plain words") == "\u201cplain words\u201d"
