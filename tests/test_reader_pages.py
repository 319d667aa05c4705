"""What readers see is the edition, not the machine that made it (issue 30): no build
commands, output paths, configuration names or placeholders on any page of any format;
an imprint, not a copied home page; a Commentary that gives every note in full; registers
that lead back to the text; an e-book described as catalogues expect."""

from __future__ import annotations

import re
import zipfile

import pytest
from bs4 import BeautifulSoup

from tests.outputs import ROOT, epub_xhtml, pdftotext

#: What belongs in README and CONTRIBUTING, never on a reader's page.
MACHINE = ("make all", "make html", "make test", "_build/", "html_baseurl", "conf.py",
           "edition_witness", "not yet known", "Built with Sphinx", "generated from",
           "CITATION.cff", "CONTRIBUTING.md", "its tests check")


def _text(markup: bytes) -> str:
    parser = "lxml-xml" if markup.lstrip().startswith(b"<?xml") else "lxml"
    return " ".join(BeautifulSoup(markup, parser).get_text(" ").split())


def test_no_page_of_any_format_speaks_of_the_machine(html_build, epub_build, pdf_build):
    pages = {f"html/{p.relative_to(html_build.outdir)}": _text(p.read_bytes())
             for p in html_build.outdir.rglob("*.html")}
    pages |= {f"epub/{name}": _text(data)
              for name, data in epub_xhtml(epub_build.artifact).items()}
    pages["pdf"] = " ".join(pdftotext(pdf_build.artifact).split())
    found = [(where, words) for where, text in pages.items() for words in MACHINE
             if words in text]
    assert found == []


def _notes() -> dict[str, str]:
    """Each note's id and its body's first words (roles aside)."""
    found = {}
    for path in sorted((ROOT / "annotations").glob("[!_]*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        words = re.findall(r"[A-Za-z]{3,}", re.sub(r"\{[\w:]+\}`[^`]*`", "", body))
        found[path.stem] = " ".join(words[:6])
    return found


@pytest.mark.parametrize("fmt", ["html", "epub"])
def test_the_commentary_gives_every_note_in_full_with_its_number(html_build, epub_build, fmt):
    if fmt == "html":
        markup = (html_build.outdir / "chapters/commentary.html").read_bytes()
    else:
        markup = epub_xhtml(epub_build.artifact)["chapters/commentary.xhtml"]
    page = BeautifulSoup(markup, "lxml")
    entries = {e["id"].removeprefix("commentary-"): e
               for e in page.select(".edition-commentary-entry")}
    notes = _notes()
    assert set(entries) == set(notes)
    for ident, first_words in notes.items():
        entry = entries[ident]
        number = entry.select_one(".edition-commentary-number").get_text()
        assert number.isdigit()
        text = set(re.findall(r"[A-Za-z]{3,}", entry.get_text(" ")))
        assert set(first_words.split()) <= text, (ident, first_words)
    # In the order of the text: each chapter's numbers run 1, 2, 3…
    numbers = [int(e.select_one(".edition-commentary-number").get_text())
               for e in page.select(".edition-commentary-entry")]
    runs = [k for k, n in enumerate(numbers) if n == 1]
    for start, end in zip(runs, [*runs[1:], len(numbers)], strict=True):
        assert numbers[start:end] == list(range(1, end - start + 1))


def test_every_person_leads_back_to_where_the_text_names_them(html_build):
    page = BeautifulSoup((html_build.outdir / "chapters/persons.html").read_bytes(), "lxml")
    entries = page.select("dl.edition-persons > dt")
    assert entries
    for term in entries:
        places = term.find_next_sibling("dd").select(".edition-person-places a")
        assert places, term.get_text()
        for link in places:
            target, _, anchor = link["href"].partition("#")
            chapter = BeautifulSoup((html_build.outdir / "chapters" / target).read_bytes(),
                                    "lxml")
            assert chapter.find(id=anchor) is not None, link["href"]


def test_the_epub_is_described_as_catalogues_expect(epub_build):
    with zipfile.ZipFile(epub_build.artifact) as book:
        opf = book.read("content.opf").decode("utf-8")
        names = book.namelist()
        nav = book.read("nav.xhtml").decode("utf-8")
    assert re.search(r"<dc:identifier id=\"[^\"]+\">urn:uuid:[0-9a-f-]{36}</dc:identifier>",
                     opf), opf
    assert "<dc:contributor>unknown" not in opf
    assert re.search(r'<meta refines="#creator" property="role" scheme="marc:relators">edt'
                     r"</meta>", opf)
    import conf

    assert f"<dc:title id=\"subtitle\">{conf.edition_subtitle}</dc:title>" in opf
    assert "ibooks:specified-fonts" not in opf
    for debris in ("basic.css", "pygments.css", "file.png", "minus.png", "plus.png",
                   "edition.css", "genindex.xhtml"):
        assert not any(name.endswith(debris) for name in names), debris
    assert 'epub:type="landmarks"' in nav and 'epub:type="bodymatter"' in nav


def test_the_books_carry_a_note_on_this_version_the_website_every_change(
        html_build, epub_build, pdf_build):
    import conf

    website = _text((html_build.outdir / "chapters/changes.html").read_bytes())
    assert f"## {conf.release}" not in website and conf.release in website
    assert "This is version" not in website
    book = _text(epub_xhtml(epub_build.artifact)["chapters/changes.xhtml"])
    assert f"This is version {conf.release} of the edition" in book
    assert len(book) < 600
    pdf = " ".join(pdftotext(pdf_build.artifact).split())
    assert f"This is version {conf.release} of the edition" in pdf
    assert "Corrections after a third independent check" not in pdf


def test_the_cover_says_what_conf_says_in_the_book_face():
    """The EPUB's cover is a PNG (every reading system shows one) made by
    scripts/cover.py; the words it shows are conf.py's (make cover, after a change)."""
    import json
    import struct

    import conf
    from edition.output.cover import COVER, HEIGHT, WIDTH, WORDS, cover_html, cover_words

    class Config:
        project, author = conf.project, conf.author
        edition_subtitle = conf.edition_subtitle

    assert json.loads(WORDS.read_text(encoding="utf-8")) == cover_words(Config)
    header = COVER.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (WIDTH, HEIGHT)
    page = cover_html(cover_words(Config))
    assert "EBGaramond12-Regular.woff2" in page and "Georgia" not in page
    assert conf.epub_cover == ("_static/edition-cover.png", "edition-cover.html")


def test_search_results_read_as_the_text(html_build):
    """A search result's summary is the page's text as read: no note numbers in the
    words ("so5. The6"), no blocks run together ("5 March 1953Death of Stalin")."""
    import functools
    import http.server
    import json
    import subprocess
    import threading

    from tests.validators import CHROMIUM

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(  # loopback only, stopped below
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(html_build.outdir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = subprocess.run(
            ["node", str(ROOT / "tests/browser/search.mjs"),
             f"http://127.0.0.1:{server.server_address[1]}/", "death"],
            cwd=ROOT, capture_output=True, text=True, timeout=120,
            env={**__import__("os").environ, "CHROMIUM": CHROMIUM})
    finally:
        server.shutdown()
    assert proc.returncode == 0, proc.stderr[-2000:]
    summaries = json.loads(proc.stdout)
    assert summaries
    text = " ".join(summaries)
    assert "Stalin’s death towards" in text
    assert not re.search(r"[a-z]\d", text.replace("De-Stalinization", "")), text
    assert "1953Death" not in text


def test_the_bibliography_files_a_work_without_author_under_its_title(html_build):
    """MLA 9: a work with no author is alphabetized by its title, the first thing its
    entry gives (not under the website it is on); an author's second work opens with
    three hyphens and a full stop, also where the name ends with an initial."""
    page = BeautifulSoup((html_build.outdir / "chapters/editorial-bibliography.html")
                         .read_bytes(), "lxml")
    entries = [" ".join(p.get_text().split()) for p in page.select(".edition-bibentry p")]
    starts = [e[:12] for e in entries]
    secret = next(k for k, e in enumerate(entries) if e.startswith("\u201cSecret Speech"))
    assert entries[secret - 1].startswith("Rubenstein") and \
        entries[secret + 1].startswith("Smith"), starts
    assert any(e.startswith("---. The Punished Peoples") for e in entries), starts
