"""The edition's scholarship stays honest: notes cite, registers are complete and linked,
the dossier's points each have their note, and the matter exists in every format."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup

from edition.annotations.model import cited_keys, load_all
from edition.registers.persons import CITES
from tests.outputs import ROOT, epub_xhtml, pdftotext
from tests.project import copy_root

_COLLECTION = load_all(ROOT / "annotations")
ANNOTATIONS, PROBLEMS = _COLLECTION.notes, _COLLECTION.problems
PERSONS = yaml.safe_load((ROOT / "registers/persons.yaml").read_text())
CHRONOLOGY = yaml.safe_load((ROOT / "registers/chronology.yaml").read_text())

#: The dossier's section 3 (what in the essay is loose or wrong): each point's note(s).
DOSSIER_POINTS = {
    1: ["commentary-khrushchev-party"],
    2: ["commentary-russia-for-ussr"],
    3: ["commentary-reign"],
    4: ["commentary-first-secretary"],
    5: ["commentary-premier-1958"],
    6: ["commentary-sole-leader"],
    7: ["commentary-destalinization-began-earlier"],
    8: ["textual-anti-stalinist-sentiment"],
    9: ["source-gill-four-elements"],
    10: ["source-gill-paraphrase"],
    11: ["commentary-crimes-russian-people"],
    12: ["commentary-opponents-1961"],
    13: ["source-historycom", "source-rush-two-candidates", "source-rush-61"],
}
#: The essay's three sources, each identified with its confidence.
SOURCE_NOTES = ["source-gill-four-elements", "source-rush-two-candidates", "source-historycom"]
#: The events the commentary must cover, and a word each note on them must contain.
EVENTS = {
    "Stalin's death": ("commentary-stalins-death", "5 March 1953"),
    "the Secret Speech": ("commentary-speeches", "25 February 1956"),
    "the Anti-Party Group": ("commentary-party-members-implicated", "Anti-Party Group"),
    "the premiership of 1958": ("commentary-premier-1958", "27 March 1958"),
    "the 22nd Congress": ("commentary-symbolism", "22nd Party Congress"),
    "the Thaw": ("commentary-freeing-intellectual-life", "Thaw"),
    "the renaming of Stalingrad": ("commentary-symbolism", "Volgograd"),
    "the removal from the Mausoleum": ("commentary-symbolism", "Mausoleum"),
    "the ouster of 1964": ("commentary-sole-leader", "14 October 1964"),
}
BY_ID = {a.id: a for a in ANNOTATIONS}


def test_at_least_25_valid_annotations():
    assert PROBLEMS == ()
    assert len(ANNOTATIONS) >= 25


@pytest.mark.parametrize("note", ANNOTATIONS, ids=lambda a: a.id)
def test_every_note_cites_a_work_or_is_textual(note):
    assert note.type == "textual" or cited_keys(note), note.path


def test_every_dossier_point_has_its_note():
    for point, ids in DOSSIER_POINTS.items():
        for ident in ids:
            assert ident in BY_ID, f"dossier point {point}: no annotation {ident!r}"


def test_each_source_is_identified_with_its_confidence():
    for ident in SOURCE_NOTES:
        note = BY_ID[ident]
        assert note.type == "source"
        body = note.body.lower()
        assert any(w in body for w in ("confidence", "probably", "undetermined",
                                       "not been verified", "not confirmed")), ident


@pytest.mark.parametrize("event", EVENTS, ids=list(EVENTS))
def test_the_commentary_covers_the_event(event):
    ident, words = EVENTS[event]
    assert words in BY_ID[ident].body


def test_every_chronology_date_is_cited():
    assert len(CHRONOLOGY) >= 10
    for entry in CHRONOLOGY:
        assert CITES.search(entry["event"]), entry["date"]
    years = {entry["date"][-4:] for entry in CHRONOLOGY}
    assert {"1953", "1956", "1957", "1958", "1961", "1964"} <= years


def test_every_person_has_dates_role_and_source():
    assert len(PERSONS) >= 5
    for person in PERSONS:
        assert person["dates"] and CITES.search(person["role"]), person["id"]


# -- persons linked in the text <-> register, in the built edition ---------------------------


def test_person_links_and_register_agree(html_build):
    linked: set[str] = set()
    chapters = sorted((html_build.outdir / "chapters").glob("0*.html"))
    assert len(chapters) == 3
    for page in chapters:
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        for a in soup.select('article a[href^="persons.html#person-"]'):
            linked.add(a["href"].split("#person-")[1])
    register = BeautifulSoup((html_build.outdir / "chapters/persons.html").read_bytes(), "lxml")
    entries = {dt["id"].removeprefix("person-") for dt in register.select("dt[id^=person-]")}
    assert linked == entries == {p["id"] for p in PERSONS}


def test_unmentioned_register_entry_fails_the_build(make_app, tmp_path):
    persons = ("- id: nobody\n  name: Nobody Atall\n  dates: none\n"
               "  role: Never mentioned {cite:p}`rush1965succession`.\n")
    srcdir = copy_root("edition", tmp_path, {"registers/persons.yaml": persons,
                                             "persons.md": "# Persons\n\n```{persons}\n```\n"})
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text().replace(
        "commentary\n", "commentary\npersons\n"))
    app = make_app("html", srcdir=srcdir, freshenv=True, confoverrides={
        "edition_persons": "registers/persons.yaml"})
    app.build()
    assert "registers/persons.yaml:1: WARNING: person 'nobody' is mentioned nowhere" in \
        app.warning.getvalue()


def test_uncited_chronology_date_fails_the_build(make_app, tmp_path):
    chronology = "- date: 1 January 1960\n  event: Something happened.\n"
    srcdir = copy_root("edition", tmp_path, {"registers/chronology.yaml": chronology,
                                             "chronology.md": "# C\n\n```{chronology}\n```\n"})
    (srcdir / "index.md").write_text((srcdir / "index.md").read_text().replace(
        "commentary\n", "commentary\nchronology\n"))
    app = make_app("html", srcdir=srcdir, freshenv=True)
    app.build()
    assert ("registers/chronology.yaml:1: WARNING: the entry for 1 January 1960 cites no "
            "work") in app.warning.getvalue()


# -- front and back matter in every format -------------------------------------------------------

MATTER = {
    "introduction": "Editors' introduction",
    "note-on-the-text": "Note on the text",
    "principles": "Editorial principles",
    "persons": "Index of persons",
    "chronology": "Chronology, 1953–1964",
    "contributors": "Contributors",
}


@pytest.mark.parametrize("page", MATTER)
def test_matter_in_html_and_epub(html_build, epub_build, page):
    html = BeautifulSoup((html_build.outdir / f"chapters/{page}.html").read_bytes(), "lxml")
    assert html.select_one("article h1").get_text().rstrip("¶").replace("’", "'") == \
        MATTER[page]
    xhtml = epub_xhtml(epub_build.artifact)[f"chapters/{page}.xhtml"]
    assert MATTER[page].encode() in xhtml.replace("’".encode(), b"'")


def test_matter_and_registers_in_pdf(pdf_build):
    text = pdftotext(pdf_build.artifact).replace("’", "'")
    assert MATTER and PERSONS and CHRONOLOGY
    for title in MATTER.values():
        assert title.upper() in text.upper()
    for person in PERSONS:
        assert person["name"] in text
    for entry in CHRONOLOGY:
        assert entry["date"].split()[0] in text


def test_contributors_page_credits_every_note(html_build):
    soup = BeautifulSoup((html_build.outdir / "chapters/contributors.html").read_bytes(),
                         "lxml")
    links = soup.select(".edition-contributors a[href*='#note-']")
    assert {a["href"].split("#note-")[1] for a in links} == set(BY_ID)




def test_pdf_prints_an_index_of_persons(pdf_build):
    """Every linked mention is an index entry; xindy makes the PDF's printed index."""
    text = pdftotext(pdf_build.artifact)
    # The printed index's heading: the last line reading "Index".
    index = text[[m.start() for m in re.finditer(r"(?im)(?:^|\f)index$", text)][-1]:]
    assert PERSONS
    for person in PERSONS:
        assert person.get("index", person["name"]) in index


def test_html_general_index_lists_persons(html_build):
    soup = BeautifulSoup((html_build.outdir / "genindex.html").read_bytes(), "lxml")
    entries = " ".join(s.get_text() for s in soup.select(".genindex-section"))
    assert PERSONS
    for person in PERSONS:
        assert person.get("index", person["name"]) in entries


def test_mentions_must_be_a_list_of_names(tmp_path):
    from edition.registers.persons import load_persons

    path = tmp_path / "persons.yaml"
    path.write_text("- id: stalin\n  name: Joseph Stalin\n  mentions: Stalin\n"
                    "  dates: d. 1953\n  role: Leader {cite:p}`rubenstein2016last`.\n")
    persons, problems = load_persons(path)
    assert persons == []
    assert problems == [(f"{path}:1", "person 'stalin': `mentions` must be a list of names, "
                                      "e.g. [Joseph Stalin, Stalin]")]



@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a\n  name: A\n  dates: x\n  role: R {cite:p}`k`.\n"
         "- id: a\n  name: B\n  dates: x\n  role: R {cite:p}`k`.\n",
         5, "person 'a' is listed twice"),
        ("- id: a\n  name: A\n  mentions: [Rush]\n  dates: x\n  role: R {cite:p}`k`.\n"
         "- id: b\n  name: B\n  mentions: [Rush]\n  dates: x\n  role: R {cite:p}`k`.\n",
         6, "the mention 'Rush' is already 'a''s"),
        ("- id: a\n  name: [A\n", 3, "persons.yaml is not valid YAML"),
    ],
    ids=["duplicate-id", "shared-mention", "bad-yaml"],
)
def test_bad_register_entry_is_located(tmp_path, text, line, message):
    from edition.registers.persons import load_persons

    path = tmp_path / "persons.yaml"
    path.write_text(text)
    problems = load_persons(path)[1]
    assert [where for where, _ in problems] == [f"{path}:{line}"]
    assert message in problems[0][1]
