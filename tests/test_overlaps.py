"""Overlapping lemmas (issue 20): a new note whose quote begins before an existing
note's lemma and ends inside it, and one that begins inside another and ends after it.
Both notes of each pair are kept, in every format: on the website and in the EPUB the
later lemma is marked in parts (its number after the last), in the PDF each note is keyed
by its lines and lemma, in the TEI each note points to every part of its lemma, and the
Web Annotations select the whole lemma. Nothing else on the page changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.commands import edition as edition_command
from tests.outputs import (
    BUILD_ENV,
    ROOT,
    copy_project,
    latex_to_pdf,
    no_downloads,
    pdftotext,
    sphinx_build,
)
from tests.test_exports import jing

CHAPTER = "chapters/02-cautious-destalinization"
#: (id, quote): the first begins before note 2's lemma ("originally elected only the
#: First Secretary of the Communist Party") and ends inside it; the second begins inside
#: note 3's ("unanimously voted to the position of Premier in 1958") and ends after it.
ADDED = {"commentary-overlap-before": "(Khrushchev, originally elected",
         "commentary-overlap-after": "Premier in 1958, ultimately making him"}
SPLIT = {"commentary-first-secretary":
         "originally elected only the First Secretary of the Communist Party",
         "commentary-overlap-after": ADDED["commentary-overlap-after"]}
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def note_file(ident: str, exact: str) -> str:
    return (f"---\nid: {ident}\ntype: commentary\nauthors:\n  - name: A. Tester\n"
            f"date: 2026-11-30\ntarget:\n  chapter: {CHAPTER}\n  exact: \"{exact}\"\n---\n"
            "A note on words another note's lemma overlaps.\n")


@pytest.fixture(scope="module")
def edition(once) -> dict:
    def build(tmp: Path) -> dict:
        src = copy_project(tmp)
        for ident, exact in ADDED.items():
            (src / "annotations" / f"{ident}.md").write_text(note_file(ident, exact),
                                                             encoding="utf-8")
        check = edition_command("check", root=src)
        out = {"check": (check.returncode, check.stdout + check.stderr)}
        # The website carries the TEI and the Web Annotations too.
        for builder in ("html", "latex"):
            sphinx_build(builder, tmp / builder, tmp / f"doctrees-{builder}", src,
                         no_downloads(tmp) if builder == "html" else (), BUILD_ENV)
        out["pdf"] = pdftotext(latex_to_pdf(tmp / "latex", env=BUILD_ENV))
        out["html"], out["tei"] = str(tmp / "html"), str(tmp / "html" / "khrushchev-essay.xml")
        return out
    return once("overlaps", build)


def chapter(edition) -> BeautifulSoup:
    return BeautifulSoup((Path(edition["html"]) / f"{CHAPTER}.html").read_bytes(), "lxml")


def test_the_check_accepts_overlapping_quotes(edition):
    code, printed = edition["check"]
    assert code == 0 and "No problems found." in printed, printed


def test_the_page_marks_both_lemmas_the_later_in_parts(edition):
    page = chapter(edition)
    for ident, exact in SPLIT.items():
        parts = [page.select_one(f"#lemma-{ident}"),
                 *page.select(f'.edition-lemma-part[data-note="{ident}"]')]
        assert len(parts) == 2 and parts[1]["id"] == f"lemma-{ident}-part-2"
        words = "".join(t for part in parts for t in part.find_all(string=True)
                        if not t.find_parent(class_="edition-noteref"))
        assert words == exact, ident
        # The number follows the last part, and only it.
        assert parts[1].find_next_sibling()["href"] == f"#note-{ident}"
        assert len(page.select(f'a.edition-noteref[href="#note-{ident}"]')) == 1
    whole = page.select_one("#lemma-commentary-overlap-before")
    assert whole.get_text() == ADDED["commentary-overlap-before"]


def test_no_note_is_lost_and_every_link_to_one_lands(edition):
    site = Path(edition["html"])
    page = chapter(edition)
    notes = {n["id"] for n in page.select(".edition-notes > .edition-note")}
    # The chapter's own notes, and the two the test adds.
    own = sum(1 for path in (ROOT / "annotations").glob("*.md")
              if not path.name.startswith("_")
              and f"chapter: {CHAPTER}\n" in path.read_text(encoding="utf-8"))
    assert {f"note-{i}" for i in (*ADDED, *SPLIT)} <= notes and len(notes) == own + 2
    numbers = [n.select_one(".edition-note-number").get_text()
               for n in page.select(".edition-notes > .edition-note")]
    assert numbers == [str(k) for k in range(1, own + 3)]
    commentary = BeautifulSoup((site / "chapters/commentary.html").read_bytes(), "lxml")
    targets = [a["href"].split("#")[1] for a in commentary.select("a[href]")
               if a["href"].startswith(f"{CHAPTER.split('/')[1]}.html#")]
    assert targets and all(page.find(id=t) is not None for t in targets)


def test_the_pdf_keys_each_note_by_its_lines_and_lemma(edition):
    text = " ".join(edition["pdf"].split())
    for number, lemma in ((2, "(Khrushchev, originally elected"),
                          (3, "originally elected … Party"), (5, "Premier in … him")):
        assert re.search(rf"\d+(–\d+)? {re.escape(lemma)} \] n\. {number} ", text), lemma


def test_the_tei_points_each_note_at_every_part_of_its_lemma(edition):
    assert jing(Path(edition["tei"])).returncode == 0
    tree = etree.parse(edition["tei"])
    ids = {e.get(XML_ID) for e in tree.iter() if e.get(XML_ID)}
    notes = {n.get(XML_ID): n for n in tree.iter(f"{TEI}note")}
    for ident in SPLIT:
        note = notes[f"note-{ident}"]
        assert note.get("target") == f"#lemma-{ident} #lemma-{ident}-part-2"
        assert {t[1:] for t in note.get("target").split()} <= ids


def test_the_web_annotations_select_the_whole_lemma(edition):
    """From the first part to the last, as the page's text reads (its definition): the
    other note's number stands inside."""
    collection = json.loads((Path(edition["html"]) / "annotations.jsonld").read_text())
    by_id = {item["id"].rpartition("#")[2]: item for item in collection["first"]["items"]}
    selected = {ident: by_id[ident]["target"]["selector"][0]["exact"] for ident in SPLIT}
    assert selected == {
        "commentary-first-secretary":
            "originally elected2 only the First Secretary of the Communist Party",
        "commentary-overlap-after": "Premier in 19584, ultimately making him"}
