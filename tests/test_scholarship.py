"""The edition's scholarship stays honest: notes cite, registers are complete and linked,
the dossier's points each have their note, and the matter exists in every format."""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from edition.annotations.bodycheck import cited_keys
from edition.annotations.files import load_all
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
    assert ("registers/chronology.yaml:1: WARNING: the entry for '1 January 1960' cites no "
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
    assert problems == [(f"{path}:3", "`mentions` must be a list of names, each on one line, "
                                      "e.g. [Joseph Stalin, Stalin] (the entry is not "
                                      "published until it is mended)")]



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


# -- edition 0.3: the corrections of the second fact check (issue 22) stay made ------------------
#
# Each rule reads the edition's own text: the notes, the registers, the front and back
# matter, the READMEs, the developer's guide. The Changes page and CHANGELOG.md narrate
# the errors they correct, so they are left out of the rules about wording and checked on
# their own.

TEXT_PAGES = ["index.md", "README.md", "witness/README.md",
              *(str(p.relative_to(ROOT))
                for p in sorted((ROOT / "docs" / "developer").glob("*.md"))),
              *(str(p.relative_to(ROOT)) for p in sorted((ROOT / "chapters").glob("*.md"))
                if p.name != "changes.md")]


def _units() -> dict[str, str]:
    """Every unit of the edition's text, whitespace normalized: each note body, each
    register entry, each page (the essay's chapters included: they hold no editorial
    prose but must not be left out), each README and each guide of docs/developer/."""
    units = {f"annotations/{a.id}.md": a.body for a in ANNOTATIONS}
    units |= {f"persons.yaml: {p['id']}": f"{p['dates']}. {p['role']}" for p in PERSONS}
    units |= {f"chronology.yaml: {c['date']}": c["event"] for c in CHRONOLOGY}
    units |= {page: (ROOT / page).read_text(encoding="utf-8") for page in TEXT_PAGES}
    return {name: " ".join(text.split()) for name, text in units.items()}


UNITS = _units()


def _sentences(text: str) -> list[str]:
    """Sentences and semicolon clauses (not split after "p." or "no.")."""
    return re.split(r"(?<=[a-z0-9)”*`][.;])\s+(?=[A-Z“*(])|(?<=;)\s+", text)


def _with(*words: str) -> dict[str, str]:
    return {name: text for name, text in UNITS.items() if all(w in text for w in words)}


def _changes_section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = re.search(r"\n## ", text[start + len(heading):])
    return text[start:start + len(heading) + following.start()] if following else text[start:]


def test_rfe_rl_is_not_given_as_a_source_of_7_september():
    """Only the RGANI note gives 7 September 1953; RFE/RL gives 12 September."""
    mentions = _with("Radio Free Europe")
    assert mentions, "the date's sources are named"
    for name, text in mentions.items():
        for sentence in _sentences(text):
            if "Radio Free Europe" in sentence:
                assert "7 September" not in sentence and "12 September" in sentence, name
    for name, text in _with("7 September 1953").items():
        assert "RGANI" in text, name


def test_the_anti_party_group_did_not_fail_in_the_presidium():
    """It had a majority in the Presidium; Khrushchev won at the Central Committee plenum
    of 22–29 June 1957."""
    units = _with("Anti-Party Group")
    assert len(units) >= 7  # the note, chronology, introduction, four persons
    for name, text in units.items():
        assert "plenum" in text, name
        for sentence in _sentences(text):
            if "Presidium" in sentence:
                assert "majority" in sentence and not re.search(r"\bfail", sentence), name
    assert "22 to 29 June" in UNITS["annotations/commentary-party-members-implicated.md"]


def test_the_nyt_of_31_october_1961_is_cited_for_the_vote_only():
    assert not _with("30–31 October")
    symbolism = UNITS["annotations/commentary-symbolism.md"]
    assert "On 30 October the congress voted" in symbolism
    assert "went to press before the removal" in symbolism
    assert not re.search(r"confirmed[^.]*New York Times", symbolism)


def test_gill_on_victims_outside_the_party_is_quoted_whole():
    whole = "“no mention was made of the suffering of anyone outside the party”"
    for name, text in _with("no mention").items():
        assert text.count("no mention") == text.count(whole), name
    assert whole in UNITS["annotations/commentary-crimes-russian-people.md"]
    assert whole in UNITS["chapters/introduction.md"]


def test_what_the_speech_says_is_cited_to_its_full_text_not_nekrich():
    for name in ("annotations/commentary-crimes-russian-people.md", "chapters/introduction.md"):
        assert "New York Times" in UNITS[name] and "5 June 1956" in UNITS[name], name
    for name, text in _with("nekrichndnakazannye").items():
        assert name == "annotations/commentary-crimes-russian-people.md"
        cited = [s for s in _sentences(text) if "nekrichndnakazannye" in s]
        assert cited and all("not seen" in s for s in cited)


def test_the_nekrich_record_keeps_unverified_data_out():
    entry = parse_file(ROOT / "references.bib").entries["nekrichndnakazannye"]
    assert not {"publisher", "year", "address"} & {f.lower() for f in entry.fields}
    assert "not seen" in entry.fields["annotation"]


def test_the_booklet_is_not_cited_for_the_title_of_the_speech():
    """The booklet is titled *The Cult of the Individual*: the speech is the one "known in
    English as" “On the Cult of Personality and Its Consequences”, and (0.4) that title is
    cited where it stands, to a work that gives it, never to the booklet."""
    title = "“On the Cult of Personality and Its Consequences”"
    units = _with(title)
    assert units
    for name, text in units.items():
        for at in [m.start() for m in re.finditer(re.escape(title), text)]:
            assert text[:at].endswith("known in English as "), name
            after = text[at + len(title):].lstrip()
            assert after.startswith("{cite:p}`wikipediandcult`"), name


def test_de_stalinization_term_is_supported_and_the_formula_is_the_resolution():
    note = UNITS["annotations/commentary-destalinization-term.md"]
    assert "New York Times" in note and "Reuters" in note
    assert "resolution of 30 June 1956" in note
    assert "khrushchev2007cult" not in note


def test_historycom_note_says_what_the_page_gets_wrong():
    note = UNITS["annotations/source-historycom.md"]
    for words in ("“the position of first secretary”", "September 1953", "5 March 1953",
                  "14 March", "“a more ceremonial post”", "until the plenum of 14 March 1953"):
        assert words in note, words
    assert "two ways" not in note


def test_russia_note_does_not_hang_on_present_day_russia():
    note = BY_ID["commentary-russia-for-ussr"]
    assert note.selector.exact != "the Russia that we know and see today"
    assert "Russia" in note.selector.exact
    assert "Throughout" not in note.body


def test_myron_rush_has_his_dates_with_their_source():
    rush = next(p for p in PERSONS if p["id"] == "rush")
    assert "1922" in rush["dates"] and "2018" in rush["dates"]
    assert "Cornell Chronicle" in rush["role"] and "1 February 2018" in rush["role"]


def test_rush_candidates_say_what_is_known():
    """Four books (Cornell Daily Sun), two identified; the article's pages unconfirmed,
    so it is not offered as a possible home of pp. 59 and 61."""
    note = UNITS["annotations/source-rush-two-candidates.md"]
    assert "four books" in note and "Cornell Daily Sun" in note
    assert "any of these works" not in note
    pages = [s for s in _sentences(note) if "59 and 61" in s]
    assert pages and all("two books" in s and "article" not in s for s in pages)
    for name, text in _with("Khrushchev Succession Problem").items():
        assert "pages have not been confirmed" in text, name


def test_znamya_names_its_russian_sources():
    """0.4: the Russian source is a cited work (Solonenko, 2004), not two bare names."""
    units = _with("Znamya")
    assert len(units) >= 3
    for name, text in units.items():
        assert "solonenko2004ottepel" in text and "Novy Mir" in text, name
        assert "Dushenko" not in text and "Sarnov" not in text, name


def test_the_copyright_is_presumed_not_stated():
    import conf

    assert "presumably" in conf.copyright
    for name in ("chapters/note-on-the-text.md", "README.md", "witness/README.md"):
        rights = [s for s in _sentences(UNITS[name]) if "copyright" in s and "author" in s]
        assert rights and all("presum" in s for s in rights), name
    assert not _with("belongs to its unknown author.")


def test_witness_readme_says_what_the_stored_copy_shows():
    readme = UNITS["witness/README.md"]
    assert "The page shows no author" not in readme
    assert "shown in the stored copy" in readme


def test_points_the_sources_settle_are_not_hedged():
    publication = UNITS["annotations/commentary-secret-speech-publication.md"]
    year = [s for s in _sentences(publication) if "in the Soviet Union in 1989" in s]
    assert year and all("unresolved" not in s and "not seen" not in s for s in year)
    premier = UNITS["annotations/commentary-premier-1958.md"]
    assert ("“Khrushchev Takes Full Control, Replacing Bulganin as Premier; U.S. Expects No "
            "Change in Policy”") in premier
    assert "unconfirmed" not in premier
    jones = parse_file(ROOT / "references.bib").entries["jones2013myth"]
    assert "978-0-300-18721-2 as the eISBN" in jones.fields["note"]


def test_the_version_is_0_4_everywhere_the_edition_states_it():
    import conf

    assert conf.version == conf.release == "0.4"
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == "0.4" and cff["date-released"] == conf.edition_published
    # index.md no longer states the version: conf.py alone does (test_release reads the
    # built pages).
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    changes = (ROOT / "chapters/changes.md").read_text(encoding="utf-8")
    assert re.findall(r"(?m)^## (\S+)", changelog)[0] == "0.4"
    assert re.findall(r"(?m)^## (\S+)", changes)[0] == "0.4"
    assert f"## 0.4 — {conf.edition_published}" in changelog
    assert f"## 0.4 ({conf.edition_published})" in changes


def test_every_note_revised_for_0_3_is_listed_in_the_changelog():
    section = _changes_section((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"),
                               "## 0.3")
    revised = [a for a in ANNOTATIONS if str(a.date) == "2026-11-30"]
    assert len(revised) >= 4
    for note in revised:
        assert f"`annotations/{note.id}.md`" in section, note.id
    for path in ("registers/chronology.yaml", "registers/persons.yaml", "references.bib",
                 "chapters/introduction.md", "chapters/note-on-the-text.md",
                 "witness/README.md", "README.md", "edition/bibliography/citestyle.py"):
        assert f"`{path}`" in section, path


def test_two_works_by_one_author_are_told_apart_in_the_edition(html_build):
    """Jones 2006 and 2013 (and, in the notes, Rush's two books) each have their own
    in-text citation; only the essay's own "(Rush 59)" and "(Rush 61)" name both."""
    pages = [*sorted((html_build.outdir / "chapters").glob("*.html")),
             html_build.outdir / "index.html"]
    works: dict[str, set[str]] = {}
    texts: list[str] = []
    for page in pages:
        soup = BeautifulSoup(page.read_bytes(), "lxml")
        for number in soup.select(".edition-noteref"):  # a note on the citation itself
            number.decompose()
        for cite in soup.select("article .bibtex-citation"):
            text = " ".join(cite.get_text().split())
            texts.append(text)
            if text in ("(Rush 59)", "(Rush 61)"):
                continue
            for a in cite.select('a[href*="#cite-"]') if text.startswith("(") else ():
                works.setdefault(a.get_text(), set()).add(a["href"].split("#cite-")[1])
    assert texts.count("(Rush 59)") == texts.count("(Rush 61)") == 1
    assert works and all(len(keys) == 1 for keys in works.values()), works
    assert "(see Jones, Dilemmas)" in texts and "(see Jones, Myth)" in texts
    assert "(Rush, Political Succession)" in texts and "(Rush, Rise)" in texts
