"""MLA 9, checked against the Handbook's own patterns, every expected string written by
hand (never produced by the style under test): the works-cited entry of every kind of
record the edition uses, and "Cite this"."""

from __future__ import annotations

import pytest
from pybtex.database import parse_file, parse_string

from edition.bibliography import styles
from edition.bibliography.entrystyle import MlaStyle, mla_date, publisher_name
from edition.output.citethis import Work, mla_html
from tests.outputs import ROOT

styles.register()
RECORDS = parse_file(ROOT / "references.bib").entries

#: Each record of references.bib as MLA 9 lists it (the editors' bracketed annotation
#: left out): author. Title. Container, other contributors, version, number, publisher,
#: date, location. Second container, location. Accessed date.
WORKS_CITED = {
    "gill2004destalinization":
        "Gill, Graeme. \u201cDe-Stalinization.\u201d Encyclopedia of Russian History, edited "
        "by James R. Millar, vol. 1, Macmillan Reference USA, 2004. Encyclopedia.com, "
        "https://www.encyclopedia.com/history/encyclopedias-almanacs-transcripts-and-maps/"
        "de-stalinization.",
    "rush1965succession": "Rush, Myron. Political Succession in the USSR. Columbia UP, 1965.",
    "rushndrise": "Rush, Myron. The Rise of Khrushchev.",
    "historycomndpremier":
        "\u201cKhrushchev Becomes Soviet Premier.\u201d HISTORY.com, http://www.history.com/"
        "this-day-in-history/khrushchev-becomes-soviet-premier.",
    "nekrichndnakazannye": "Nekrich, Aleksandr M. Nakazannye narody.",
    "nekrich1978punished":
        "Nekrich, Aleksandr M. The Punished Peoples: The Deportation and Fate of Soviet "
        "Minorities at the End of the Second World War. W. W. Norton, 1978.",
    # A description in place of a title (the editors' words, in brackets): MLA 9 gives
    # it neither italicized nor quoted.
    "khrushchev1956text":
        "Khrushchev, Nikita. [Text of the Speech of 25 February 1956, as Released by "
        "the Department of State]. The New York Times, 5 June 1956, p. 13.",
    "wikipediandcult":
        "\u201cOn the Cult of Personality and Its Consequences.\u201d Wikipedia, "
        "https://en.wikipedia.org/wiki/On_the_Cult_of_Personality_and_Its_Consequences.",
    "erh2004antiparty":
        "\u201cAnti-Party Group.\u201d Encyclopedia of Russian History, vol. 1, Macmillan "
        "Reference USA, 2004. Encyclopedia.com, https://www.encyclopedia.com/history/"
        "encyclopedias-almanacs-transcripts-and-maps/anti-party-group.",
    "wikipediandsecret":
        "\u201cSecret Speech.\u201d Wikipedia. piglix, http://piglix.com/piglix/Secret_Speech.",
    "wikipediandthaw":
        "\u201cThe Thaw (Ehrenburg Novel).\u201d Wikipedia. TheInfoList, http://theinfolist.com/"
        "html/ALL/s/T/The_Thaw_(Ehrenburg_Novel).html.",
    "vongeldernndthaw":
        "von Geldern, James. \u201cThe Thaw.\u201d Seventeen Moments in Soviet History, "
        "http://soviethistory.msu.edu/1954-2/the-thaw/.",
    "kameristyi2025stalin":
        "Kameristyi-Braitenbiukher, Rostislav. \u201cStalin bol\u2019she ne bog. Kak Mossad "
        "\u00abslil\u00bb Zapadu polnyi tekst doklada Khrushcheva o kul\u2019te lichnosti, "
        "opublikovannogo v SSSR chastichno.\u201d NV, 2025, https://nv.ua/world/countries/"
        "kult-lichnosti-kak-hrushchev-rasskazal-vsemu-miru-kem-byl-nastoyashchiy-stalin-i-"
        "razvenchal-ego-kult-50525832.html.",
    "wikipediandoneday":
        "\u201cOne Day in the Life of Ivan Denisovich.\u201d Simple English Wikipedia, "
        "https://simple.wikipedia.org/wiki/One_Day_in_the_Life_of_Ivan_Denisovich.",
    "solonenko2004ottepel":
        "Solonenko, Vladimir. \u201c50 let nazad nastupila ottepel\u2019.\u201d Nezavisimaia "
        "gazeta, 2004, http://ng.ru/ng_exlibris/2004-11-11/3_ottepel.html.",
    "taubman2003khrushchev": "Taubman, William. Khrushchev: The Man and His Era. W. W. "
                             "Norton, 2003.",
    "tompson1995khrushchev": "Tompson, William J. Khrushchev: A Political Life. "
                             "St. Martin\u2019s Press, 1995.",
    "jones2006dilemmas":
        "Jones, Polly, editor. The Dilemmas of De-Stalinization: Negotiating Cultural and "
        "Social Change in the Khrushchev Era. Routledge, 2006, "
        "https://doi.org/10.4324/9780203536957.",
    "jones2013myth":
        "Jones, Polly. Myth, Memory, Trauma: Rethinking the Stalinist Past in the Soviet "
        "Union, 1953\u201370. Yale UP, 2013. Eurasia Past and Present.",
    "dobson2009cold":
        "Dobson, Miriam. Khrushchev\u2019s Cold Summer: Gulag Returnees, Crime, and the Fate "
        "of Reform after Stalin. Cornell UP, 2009.",
    "bittner2008many":
        "Bittner, Stephen V. The Many Lives of Khrushchev\u2019s Thaw: Experience and Memory "
        "in Moscow\u2019s Arbat. Cornell UP, 2008, https://doi.org/10.7591/j.ctt7v6qq.",
    "smithilic2011kremlin":
        "Smith, Jeremy, and Melanie Ilic, editors. Khrushchev in the Kremlin: Policy and "
        "Government in the Soviet Union, 1953\u201364. Routledge, 2011.",
    "rubenstein2016last": "Rubenstein, Joshua. The Last Days of Stalin. Yale UP, 2016.",
    "khrushchev2007cult":
        "Khrushchev, Nikita. The Cult of the Individual. The Guardian, 2007. Great Speeches "
        "of the 20th Century 6.",
    "cia1962antiparty":
        "Bohlen, Avis. Khrushchev and the \u201cAnti-Party Group\u201d (1953\u20131957). "
        "Central Intelligence Agency, Office of Current Intelligence, 1962. CAESAR XV, "
        "OCI No. 1608/62.",
}


def entry_text(entry) -> str:
    text = MlaStyle().format_entry("", entry).text.render_as("text")
    # The record's annotation, in brackets at the end, is left out (a description in
    # place of a title is in brackets too, at the start).
    return text.rsplit(" [", 1)[0] if "annotation" in entry.fields else text


def test_every_record_is_described():
    assert set(WORKS_CITED) == set(RECORDS)


@pytest.mark.parametrize("key", sorted(WORKS_CITED))
def test_works_cited_entry(key):
    assert entry_text(RECORDS[key]) == WORKS_CITED[key]


def test_italics_keep_the_space_after_them():
    from edition.bibliography.names import latex

    assert latex(r"\emph{The Thaw} appeared in \emph{Znamya} and").render_as("html") == \
        "<em>The Thaw</em> appeared in <em>Znamya</em> and"


def test_an_access_date_is_day_month_year_after_the_location():
    entry = parse_string(
        "@online{x, title = {A page}, organization = {A Site}, "
        "url = {https://example.org/page}, urldate = {2024-05-01}}", "bibtex").entries["x"]
    assert entry_text(entry) == ("\u201cA Page.\u201d A Site, https://example.org/page. "
                                 "Accessed 1 May 2024.")
    assert mla_date("2024-09-05") == "5 Sept. 2024" and mla_date("2024-06") == "June 2024"


def test_university_presses_are_shortened_and_no_other():
    assert str(publisher_name("University of Chicago Press")) == "U of Chicago P"
    assert str(publisher_name("Yale University Press")) == "Yale UP"
    assert str(publisher_name("Public Affairs Press")) == "Public Affairs Press"


def test_a_title_in_another_language_keeps_its_capitalization():
    entry = RECORDS["nekrichndnakazannye"]
    assert entry.fields["langid"] == "russian" and "~" not in entry.fields["title"]
    assert "Nakazannye narody." in entry_text(entry)


WORK = Work(title="[Stalin's legacy and a new leadership]",
            edition="Khrushchev and De-Stalinization: A Student Essay",
            editors="The edition's contributors", version="0.3", date="2026-11-30",
            publisher="The edition's contributors", url="", front_page=False)


def test_cite_this_a_page_of_the_edition():
    assert mla_html(WORK) == (
        "\u201c[Stalin\u2019s Legacy and a New Leadership].\u201d <i>Khrushchev and "
        "De-Stalinization: A Student Essay</i>, edited by the edition\u2019s contributors, "
        "version 0.3, 30 Nov. 2026.")


def test_cite_this_a_paragraph_with_its_address():
    work = Work(**{**WORK.__dict__, "url": "https://example.org/en/v0.3/chapters/one.html"})
    assert mla_html(work.with_paragraph(2)) == (
        "\u201c[Stalin\u2019s Legacy and a New Leadership].\u201d <i>Khrushchev and "
        "De-Stalinization: A Student Essay</i>, edited by the edition\u2019s contributors, "
        "version 0.3, 30 Nov. 2026, par. 2, "
        "https://example.org/en/v0.3/chapters/one.html#paragraph-2.")


def test_cite_this_the_edition():
    work = Work(**{**WORK.__dict__, "front_page": True,
                   "title": "Khrushchev and De-Stalinization: A Student Essay"})
    assert mla_html(work) == (
        "<i>Khrushchev and De-Stalinization: A Student Essay</i>. Edited by the edition\u2019s "
        "contributors, version 0.3, 30 Nov. 2026.")


def test_the_lists_give_three_hyphens_for_a_repeated_author(html_build):
    from bs4 import BeautifulSoup

    def entries(page: str) -> list[str]:
        soup = BeautifulSoup((html_build.outdir / "chapters" / page).read_bytes(), "lxml")
        return [" ".join(e.get_text().split()) for e in soup.select(".edition-bibentry")]

    works_cited = entries("works-cited.html")
    assert works_cited[2].startswith("Rush, Myron. Political Succession")
    assert works_cited[3].startswith("---. The Rise of Khrushchev.")
    editorial = entries("editorial-bibliography.html")
    jones = [i for i, e in enumerate(editorial) if e.startswith(("Jones", "---. Myth"))]
    assert [editorial[i][:20] for i in jones] == ["Jones, Polly, editor", "---. Myth, Memory, T"]


def test_cite_this_gives_the_version_read_its_own_address(monkeypatch):
    from edition.output.citethis import version_address

    stable = "https://khrushchev-essay.readthedocs.io/en/stable/"
    monkeypatch.setenv("READTHEDOCS_VERSION", "stable")
    assert version_address(stable, "0.3") == \
        "https://khrushchev-essay.readthedocs.io/en/v0.3/"
    monkeypatch.setenv("READTHEDOCS_VERSION", "latest")
    latest = "https://khrushchev-essay.readthedocs.io/en/latest/"
    assert version_address(latest, "0.3") == latest
    monkeypatch.delenv("READTHEDOCS_VERSION")
    assert version_address("", "0.3") == ""


def test_a_field_without_latex_skips_pybtex_s_conversion_and_reads_the_same():
    """names.latex: plain values are their own text (pybtex's conversion costs a
    millisecond a call); values with LaTeX still go through it."""
    from pybtex.richtext import Tag, Text

    from edition.bibliography.names import latex

    for value, html in (("Rush, Myron", "Rush, Myron"), ("Khrushchev's Cold War",
                                                          "Khrushchev’s Cold War"),
                        ("1953--1964", "1953–1964"),
                        ("The {USSR}", 'The <span class="bibtex-protected">USSR</span>'),
                        ("a~b", "a\u00a0b"), ("two  spaces", "two spaces"),
                        (r"The \emph{Times}", "The <em>Times</em>"), ("", "")):
        assert latex(value).render_as("html") == html, value
    assert isinstance(latex("plain"), Text) and not isinstance(latex("plain"), Tag)
