"""Citations: the essay's own form, MLA entries in place, and every check's failure."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.project import ROOTS, copy_root, edit

ESSAY = "chapters/01-essay.md"
BIB = "refs.bib"


def build(make_app, tmp_path, changes=None, builder="html"):
    srcdir = copy_root("edition", tmp_path, changes)
    app = make_app(builder, srcdir=srcdir, freshenv=True)
    app.build()
    return app


def changed(rel: str, old: str, new: str) -> dict[str, str]:
    return {rel: edit(ROOTS / "test-edition" / rel, old, new)}


def test_fixture_builds_clean_and_renders_the_essay_form(make_app, tmp_path):
    app = build(make_app, tmp_path)
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    for note in soup.select(".edition-notes"):
        note.decompose()
    cites = [c.get_text() for c in soup.select(".bibtex-citation")]
    assert cites == ["(Gill)", "(Rush 59)", "(Nikita Khrushchev, HISTORY.com)"]
    # Each links to its entry's stable anchor.
    hrefs = [a["href"] for a in soup.select(".bibtex-citation a")]
    assert hrefs[0].endswith("index.html#cite-gill2004destalinization")


def test_entries_are_mla_without_labels(make_app, tmp_path):
    app = build(make_app, tmp_path)
    soup = BeautifulSoup((app.outdir / "index.html").read_bytes(), "lxml")
    entries = soup.select(".edition-bibliography .edition-bibentry")
    texts = [" ".join(e.get_text().split()) for e in entries]
    # Sorted by author then title (articles ignored); the organization stands in for
    # a missing author.
    # A second work by the same author: three hyphens for the name (MLA 9).
    assert [t.split(".")[0] for t in texts] == [
        "Gill, Graeme", "\u201cKhrushchev Becomes Soviet Premier", "Rush, Myron", "---"]
    assert texts[0].startswith(
        "Gill, Graeme. \u201cDe-Stalinization.\u201d Encyclopedia of Russian History, edited "
        "by James R. Millar, vol. 1, Macmillan Reference USA, 2004, https://www.encyclopedia")
    assert "Political Succession in the USSR. Columbia UP, 1965." in texts[2]
    assert not soup.select(".edition-bibliography .label")
    # Uncertainty is visible to readers, not only in the .bib file.
    assert "attribution to Graeme Gill is probable" in texts[0]
    assert "[One of two candidates" in texts[3]


def test_latex_keeps_the_list_in_place(make_app, tmp_path):
    app = build(make_app, tmp_path, builder="latex")
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert "sphinxthebibliography" not in tex
    assert tex.count("\\begin{editionbibentry}") == 4
    assert "\\label{\\detokenize{index:cite-gill2004destalinization}}" in tex


def warnings_of(make_app, tmp_path, changes) -> str:
    app = build(make_app, tmp_path, changes)
    return app.warning.getvalue()


def test_unknown_key(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, "{cite:p}`gill2004destalinization`", "{cite:p}`gill2004`"))
    assert "01-essay.md:10" in w and 'could not find bibtex key "gill2004"' in w


def test_entry_nothing_cites(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, "{cite:p}`gill2004destalinization`", "(Gill)"))
    assert f"{BIB}:1: WARNING: gill2004destalinization: nothing in the edition cites" in w
    assert "[edition.bibliography]" in w


def test_further_reading_may_stand_uncited(make_app, tmp_path):
    bib = (ROOTS / "test-edition" / BIB).read_text()
    extra = ("@book{tompson1995khrushchev,\n  author = {Tompson, William J.},\n"
             "  title = {Khrushchev: A Political Life},\n  publisher = {St. Martin's Press},\n"
             "  year = {1995},\n  keywords = {further-reading}\n}\n")
    assert warnings_of(make_app, tmp_path, {BIB: bib + extra}) == ""


def test_plain_text_citation_in_the_essay(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, "{cite:p}`gill2004destalinization`", "(Gill)"))
    assert "01-essay.md:10" in w
    assert "(Gill) looks like a citation written as plain text" in w


def test_citation_that_does_not_render_the_witness_form(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(ESSAY, "rushndrise{59}", "rushndrise{60}"))
    assert "01-essay.md:10" in w and "does not give back witness paragraph 1" in w
    assert "small (Rush 60). The page" in w and "small (Rush 59). The page" in w
    assert "[edition.witness]" in w


def test_unused_regularization(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, 'reading: "(Nikita Khrushchev, HISTORY.com)"', 'reading: "(Nikita, HISTORY)"'))
    assert "01-essay.md:1" in w and "no citation in this chapter does" in w


def test_malformed_regularization(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, '    witness: "(Nikita KhrushchevHistory.com)"\n', ""))
    assert "01-essay.md:1" in w and "needs a `reading`" in w and "and a `witness`" in w


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  publisher   = {Columbia University Press},\n", "",
         "rush1965succession: an MLA @book entry needs `publisher`"),
        ("  pagetotal   = {223},", "  pagetotal   = {223},\n  isbn = {978-0-393-32484-7},",
         "rush1965succession: ISBN '978-0-393-32484-7' is not valid"),
        ("  pagetotal   = {223},", "  pagetotal   = {223},\n  doi = {https://doi.org/10.1/x},",
         "rush1965succession: DOI 'https://doi.org/10.1/x' is malformed"),
        ("url         = {https://www.encyclopedia.com", "url         = {ftp://www.encyclopedia.com",
         "gill2004destalinization: URL 'ftp://"),
        ("@book{rush1965succession,", "@misc{rush1965succession,",
         "rush1965succession: entry type @misc has no MLA format here"),
        ("  unconfirmed = {pages},\n", "",
         "gill2004destalinization: an MLA @incollection entry needs `pages`"),
    ],
    ids=["missing-field", "isbn-checksum", "doi", "url-scheme", "unknown-type",
         "undeclared-unconfirmed"],
)
def test_bad_record(make_app, tmp_path, old, new, message):
    w = warnings_of(make_app, tmp_path, changed(BIB, old, new))
    assert message in w and "[edition.bibliography]" in w
    assert f"{BIB}:" in w


def test_duplicate_key(make_app, tmp_path):
    bib = (ROOTS / "test-edition" / BIB).read_text()
    dup = bib.split("\n@")[1]
    w = warnings_of(make_app, tmp_path, {BIB: bib + "\n@" + dup})
    assert "duplicate key" in w and "first used at line" in w


def test_witness_paragraph_that_is_not_a_number(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        ESSAY, "witness-paragraph: 1", "witness-paragraph: first"))
    assert "01-essay.md:1" in w and "must be a paragraph number of the witness" in w


def test_bib_syntax_error_is_located_without_a_traceback(make_app, tmp_path):
    w = warnings_of(make_app, tmp_path, changed(
        BIB, "title       = {De-Stalinization},", "title       = {De-Stalinization,"))
    assert "refs.bib:17: WARNING: refs.bib cannot be read: syntax error in line 17" in w
    assert "Traceback" not in w


# -- two works by one author (MLA 9: a short title tells them apart) -------------------------

SMITH = """
@book{smith2000alpha,
  author    = {Smith, Ann},
  title     = {The Alpha of Things: A Study},
  publisher = {University Press},
  year      = {2000}
}

@collection{smith2001beta,
  editor    = {Smith, Ann},
  title     = {Beta, Gamma and Delta},
  publisher = {University Press},
  year      = {2001}
}

@online{smith2002delta,
  author    = {Smith, Ann},
  title     = {Delta in the Evening},
  url       = {https://example.org/delta},
  urldate   = {2026-11-30}
}

@book{smith1999gamma,
  author    = {Smith, Bob},
  title     = {Gamma Rays},
  publisher = {University Press},
  year      = {1999}
}
"""
NOTE = "annotations/note-steps.md"


def _cites(element) -> list[str]:
    return [" ".join(c.get_text().split()) for c in element.select(".bibtex-citation")]


def test_two_works_by_one_author_are_told_apart(make_app, tmp_path):
    """Whatever the author, each in-text citation of one of their several works names its
    short title (italic for a book, quoted for a web page or a part of a book), in
    parenthetical and textual citations, alone or together; an author with one work, or
    another person of the same surname, is cited by name alone. The essay's own
    candidates for its "Rush" keep the form the essay gives them."""
    note = edit(ROOTS / "test-edition" / NOTE,
                "A note that cites {cite:p}`rush1965succession{12}`.",
                "A note that cites {cite:p}`rush1965succession{12}` and {cite:p}`{see}rushndrise`, "
                "as {cite:t}`rushndrise{3}` says. Also {cite:p}`smith2000alpha{4}`, "
                "{cite:p}`{see}smith2001beta`, {cite:t}`smith2002delta`, "
                "{cite:p}`smith1999gamma` and {cite:p}`smith2000alpha,smith2001beta{9}`.")
    bib = (ROOTS / "test-edition" / BIB).read_text() + SMITH
    app = build(make_app, tmp_path, {NOTE: note, BIB: bib})
    assert app.warning.getvalue() == ""
    soup = BeautifulSoup((app.outdir / "chapters/01-essay.html").read_bytes(), "lxml")
    body = soup.select_one("#note-note-steps")
    assert _cites(body) == [
        "(Rush, Political Succession 12)", "(see Rush, Rise)", "Rush (Rise 3)",
        "(Smith, Alpha 4)", "(see Smith, Beta)", "Smith (\u201cDelta\u201d)",
        "(Smith)", "(Smith, Alpha; Smith, Beta 9)"]
    assert [em.get_text() for em in body.select(".bibtex-citation em")] == [
        "Political Succession", "Rise", "Rise", "Alpha", "Beta", "Alpha", "Beta"]
    # In a parenthetical citation, the linked words stand for one work only.
    works: dict[str, set[str]] = {}
    for cite in body.select(".bibtex-citation"):
        for a in cite.select("a") if cite.get_text().startswith("(") else ():
            works.setdefault(a.get_text(), set()).add(a["href"].split("#cite-")[1])
    assert len(works) == 5
    assert all(len(keys) == 1 for keys in works.values()), works
    # The essay's own citations are unchanged: its two candidates for "Rush 59" once.
    for notes in soup.select(".edition-notes"):
        notes.decompose()
    assert _cites(soup) == ["(Gill)", "(Rush 59)", "(Nikita Khrushchev, HISTORY.com)"]


@pytest.mark.parametrize(("title", "short"), [
    ("The Dilemmas of De-Stalinization: Negotiating Cultural and Social Change", "Dilemmas"),
    ("Myth, Memory, Trauma: Rethinking the Stalinist Past", "Myth"),
    ("Political Succession in the {USSR}", "Political Succession"),
    ("The Rise of Khrushchev", "Rise"),
    ("On the Cult of Personality", "On the Cult"),
    ("Khrushchev's Cold Summer: Gulag Returnees", "Khrushchev's Cold Summer"),
])
def test_short_title(title, short):
    from edition.bibliography.citestyle import shorten_title

    assert shorten_title(title) == short


def test_a_citation_formatted_once_links_from_every_page_it_stands_on(make_app, tmp_path):
    """A citation is formatted once per build (bibliography/citecache.py), and stands on
    each page with that page's own link: the same work cited on a page at the top and
    on a chapter one folder down, and the same citation three times on one page."""
    commentary = (ROOTS / "test-edition" / "commentary.md").read_text(encoding="utf-8")
    note = edit(ROOTS / "test-edition" / NOTE,
                "A note that cites {cite:p}`rush1965succession{12}`.",
                "A note that cites {cite:p}`rush1965succession{12}`, "
                "{cite:p}`gill2004destalinization` and {cite:p}`gill2004destalinization`.")
    app = build(make_app, tmp_path, {
        "commentary.md": commentary + "\nAs {cite:t}`gill2004destalinization` argues "
                                      "{cite:p}`gill2004destalinization`.\n",
        NOTE: note})
    assert app.warning.getvalue() == ""

    def links(page: str) -> list[tuple[str, str]]:
        soup = BeautifulSoup((app.outdir / page).read_bytes(), "lxml")
        return [(" ".join(c.get_text().split()), c.select_one("a")["href"])
                for c in soup.select(".bibtex-citation")
                if "gill2004destalinization" in c.select_one("a")["href"]]

    gill = "index.html#cite-gill2004destalinization"
    # (The commentary's own two; before them, the notes its index repeats.)
    assert links("commentary.html")[-2:] == [("Gill", gill), ("(Gill)", gill)]
    assert links("chapters/01-essay.html") == [("(Gill)", f"../{gill}")] * 3
    domain = app.env.get_domain("cite")
    assert len(domain.reference_style.formatted) < len(domain.citation_refs)
