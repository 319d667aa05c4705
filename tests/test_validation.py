"""Every output through the validators publishers trust; each validator can fail."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

from tests.validators import (
    ace,
    axe_violations,
    pdf_broken_links,
    pdf_link_targets,
    pdf_outline_titles,
    served,
    vnu_errors,
)

# -- HTML: Nu Html Checker ------------------------------------------------------------------


#: A page the Nu checker must fault, checked in the same run as the edition's pages: the
#: run that passes the edition is shown to catch what it should.
NU_CONTROL = ("nu-control-invalid.html",
              '<!DOCTYPE html><html lang="en"><head><title>x</title></head>'
              '<body><p role="heading">A</p><div><p>unclosed</span></div></body></html>')


@pytest.fixture(scope="module")
def nu_results(html_build, once) -> tuple[list[Path], list[str], list[str]]:
    """The Nu checker on every page and the control page, in one run: the pages, the
    errors on the edition's pages, the errors on the control."""
    pages = sorted(p for p in html_build.outdir.rglob("*.html") if "_static" not in p.parts)
    name, html = NU_CONTROL

    def run(tmp: Path) -> list[str]:
        (tmp / name).write_text(html, encoding="utf-8")
        return vnu_errors([*pages, tmp / name])

    errors = once("nu", run)
    on_control = [e for e in errors if e.startswith(f"{name}:")]
    return pages, [e for e in errors if e not in on_control], on_control


def test_every_html_page_is_valid(nu_results):
    pages, errors, _ = nu_results
    assert len(pages) >= 8
    assert errors == []


def test_nu_checker_reports_invalid_html(nu_results):
    _, _, on_control = nu_results
    assert on_control


# -- EPUB: Ace by DAISY --------------------------------------------------------------------------


def test_epub_has_no_serious_accessibility_violation(epub_build, tmp_path):
    code, violations = ace(epub_build.artifact, tmp_path / "ace")
    assert [v for v in violations if v["impact"] in {"critical", "serious"}] == []
    assert code == 0, violations


def test_epub_declares_language_and_accessibility_metadata(epub_build):
    with zipfile.ZipFile(epub_build.artifact) as zf:
        opf = etree.fromstring(zf.read("content.opf"))
        page = etree.fromstring(zf.read("chapters/01-stalins-legacy.xhtml"))
    ns = {"opf": "http://www.idpf.org/2007/opf"}
    props = {m.get("property") for m in opf.findall(".//opf:metadata/opf:meta", ns)}
    for prop in ("accessMode", "accessModeSufficient", "accessibilityFeature",
                 "accessibilityHazard", "accessibilitySummary"):
        assert f"schema:{prop}" in props
    assert page.get("lang") == "en"
    assert page.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_ace_reports_a_plain_sphinx_epub(epub_build, tmp_path):
    """Ace really checks: without the language and the metadata, it fails. (Only the
    first document is left in the reading order: Ace checks each one, and one is enough
    to show it failing, in a quarter of the time.)"""
    plain = tmp_path / "plain.epub"
    with zipfile.ZipFile(epub_build.artifact) as src, \
            zipfile.ZipFile(plain, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith(".xhtml"):
                data = re.sub(rb' (xml:)?lang="en"', b"", data)
            if item.filename == "content.opf":
                data = re.sub(rb'\s*<meta property="schema:[^"]+">[^<]*</meta>', b"", data)
                for itemref in re.findall(rb"<itemref [^>]*/>", data)[1:]:
                    data = data.replace(itemref, b"")
            compress = zipfile.ZIP_STORED if item.filename == "mimetype" else None
            dst.writestr(item, data, compress_type=compress or zipfile.ZIP_DEFLATED)
    code, violations = ace(plain, tmp_path / "ace")
    rules = {v["rule"] for v in violations}
    assert code != 0
    assert {"html-has-lang", "metadata-accessmode"} <= rules


# -- PDF: links, outline, metadata -----------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(pdf_build) -> PdfReader:
    return PdfReader(pdf_build.artifact)


def test_pdf_internal_links_all_arrive(pdf):
    assert len(pdf_link_targets(pdf)) > 10
    assert pdf_broken_links(pdf) == []


def test_pdf_link_check_finds_a_broken_link(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    link = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0),
                                          FloatObject(50), FloatObject(50)]),
        NameObject("/Dest"): TextStringObject("nowhere"),
    })
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])
    path = tmp_path / "broken.pdf"
    writer.write(path)
    assert pdf_broken_links(PdfReader(path)) == ["nowhere"]


def test_pdf_outline_lists_every_chapter(pdf, html_build):
    from bs4 import BeautifulSoup

    index = BeautifulSoup((html_build.outdir / "index.html").read_bytes(), "lxml")
    chapters = [a.get_text() for a in index.select("article .toctree-wrapper a")]
    assert len(chapters) >= 7
    assert [t for t in chapters if t not in pdf_outline_titles(pdf)] == []


def test_pdf_has_subject_and_keywords(pdf):
    meta = pdf.metadata
    assert "critical edition" in meta.subject
    assert "de-Stalinization" in meta.keywords




# -- HTML: axe-core in a real browser ---------------------------------------------------------


#: Pages axe-core must fault, checked in the same browser run as the edition's pages:
#: the run that passes the edition is shown to catch what it should.
AXE_CONTROLS = {
    "inaccessible.html": '<!DOCTYPE html><html><head><title>x</title></head><body>'
                         '<img src="x.png"><button></button></body></html>',
    # Fine on white, not on black: the dark run really is dark.
    "dim-in-dark.html": '<!DOCTYPE html><html lang="en"><head><title>x</title><style>'
                        "@media (prefers-color-scheme: dark) { body { background: #000 } }"
                        "</style></head><body><main><h1>x</h1><p style=\"color:#333\">"
                        "Dim text</p></main></body></html>",
}


@pytest.fixture(scope="module")
def axe_results(html_build, once) -> tuple[list[str], dict]:
    """axe-core on every page, each loaded once and checked in both colour schemes;
    the control pages under "control/"."""
    out = html_build.outdir
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                   if "_static" not in p.parts)

    def run(tmp: Path) -> dict:
        controls = {}
        for name, html in AXE_CONTROLS.items():
            (tmp / name).write_text(html, encoding="utf-8")
            controls[str(tmp / name)] = f"control/{name}"
        # Served over HTTP, as readers get it (the 404 page's links are absolute).
        with served(out) as base:
            addresses = [base + page for page in pages]
            # Right after the same page narrow: the runner must load it afresh, not
            # only scroll to the note (run-axe.mjs goes through a blank page).
            wide = "chapters/02-cautious-destalinization.html"
            addresses.insert(pages.index(wide) + 1, f"1400:{base}{wide}#note-source-rush-61")
            found = axe_violations([*addresses, *controls])
        # Named without the server's address, which another worker's run differs in.
        def name(page: str) -> str:
            return controls.get(page) or re.sub(r"http://127\.0\.0\.1:\d+/", "", page)

        return {scheme: {name(page): v for page, v in by_page.items()}
                for scheme, by_page in found.items()}

    return pages, once("axe", run)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_html_page_passes_axe(axe_results, theme):
    """No violation at all, of any impact, on any page, in either colour scheme (the
    edition's theme names furo's two <aside> landmarks and gives the search page its
    <h1>); every page narrow, and a chapter wide, with a note open in the margin."""
    pages, found = axe_results
    assert "404.html" in pages and "search.html" in pages
    results = {page: v for page, v in found[theme].items() if not page.startswith("control/")}
    assert len(results) == len(pages) + 1
    assert {page: found for page, found in results.items() if found} == {}


def test_axe_reports_an_inaccessible_page(axe_results):
    _, found = axe_results
    ids = {v["id"] for v in found["light"]["control/inaccessible.html"]}
    assert {"image-alt", "button-name", "html-has-lang"} <= ids


def test_axe_in_dark_mode_reports_poor_contrast(axe_results):
    """The dark run really is dark: text that is fine on white fails on black."""
    _, found = axe_results
    assert found["light"]["control/dim-in-dark.html"] == []
    assert "color-contrast" in {v["id"] for v in found["dark"]["control/dim-in-dark.html"]}
