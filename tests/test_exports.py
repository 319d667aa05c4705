"""Open exports (issue 14): the edition as TEI P5, its notes as W3C Web Annotations.

The TEI document is built by the ``tei`` builder and, with ``annotations.jsonld``, beside
the website by the HTML build (the session's ``html_build``). No test uses the network:
the TEI schema comes from the set-up (``scripts/tei-schema.sh``, run by ``make test``).
"""

from __future__ import annotations

import hashlib
import json
import re
import runpy
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
import yaml
from lxml import etree
from lxml import html as lxml_html

from edition.annotations.model import TYPES
from tests.outputs import (
    BUILD_ENV,
    HOST_MARKER,
    NAME,
    ROOT,
    WITNESS_PATH,
    Build,
    sphinx_build,
)
from tests.validators import java_tool_env

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
SCHEMA = ROOT / ".cache" / "tei" / "tei_all.rng"
JSON_SCHEMA = Path(__file__).with_name("webannotation.schema.json")
NOTE_FILES = sorted(p for p in (ROOT / "annotations").glob("*.md") if not p.name.startswith("_"))
CONF_SHA = re.search(r'edition_witness_sha256 = "([0-9a-f]{64})"',
                     (ROOT / "conf.py").read_text(encoding="utf-8")).group(1)


def _tei(tmp: Path) -> Build:
    out = tmp / "tei"
    warnings = sphinx_build("tei", out, tmp / "doctrees", env=BUILD_ENV)
    return Build(out, warnings, out / f"{NAME}.xml")


@pytest.fixture(scope="session")
def tei_build(once) -> Build:
    return once("tei", _tei)


@pytest.fixture(scope="session")
def tei(tei_build) -> etree._ElementTree:
    return etree.parse(str(tei_build.artifact))


def jing(document: Path) -> subprocess.CompletedProcess:
    if not SCHEMA.is_file():
        pytest.fail(f"{SCHEMA} is missing: run `make tei-schema` (make test does)")
    if not shutil.which("jing"):
        pytest.fail("jing is missing: run scripts/system-packages.sh test (make test does)")
    return subprocess.run(["jing", str(SCHEMA), str(document)], capture_output=True, text=True,
                          env=java_tool_env())


# -- TEI: validity ---------------------------------------------------------------------------


def test_tei_builds_without_warnings(tei_build):
    assert tei_build.warnings.strip() == ""
    assert tei_build.artifact.is_file()


def test_tei_is_valid_against_tei_all(tei_build):
    result = jing(tei_build.artifact)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_tei_document_fails_validation(tei_build, tmp_path):
    """jing does reject: a paragraph outside any division of the body."""
    broken = tmp_path / "broken.xml"
    text = tei_build.artifact.read_text(encoding="utf-8")
    broken.write_text(text.replace("<body>", "<body><p>stray</p><gap/><bogus/>", 1),
                      encoding="utf-8")
    result = jing(broken)
    assert result.returncode != 0
    assert "bogus" in result.stdout


def test_the_website_publishes_the_same_tei_document(tei_build, html_build):
    assert (html_build.outdir / f"{NAME}.xml").read_bytes() == tei_build.artifact.read_bytes()


def test_the_title_page_links_both_exports(html_build):
    page = lxml_html.parse(str(html_build.outdir / "index.html"))
    links = set(page.xpath("//article[@role='main']//a/@href"))
    for name in (f"{NAME}.xml", "annotations.jsonld"):
        assert name in links
        assert (html_build.outdir / name).is_file()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"_build/tei/{NAME}.xml" in readme and "annotations.jsonld" in readme


# -- TEI: round trip -----------------------------------------------------------------------


def view(element: etree._Element, choose: tuple[str, ...], gap) -> str:
    """The text of `element`, taking from each choice the child named in `choose`,
    leaving out the alternatives, descriptions and anchors; `gap(element)` gives the
    text put at each gap."""
    out = [element.text or ""] if element.tag not in (f"{TEI}gap",) else []
    for child in element:
        tag = child.tag.replace(TEI, "")
        if tag == "choice":
            picked = [c for c in child if c.tag.replace(TEI, "") in choose]
            assert len(picked) == 1, etree.tostring(child)
            out.append(view(picked[0], choose, gap))
        elif tag == "gap":
            out.append(gap(child))
        elif tag in ("anchor", "desc"):
            pass
        else:
            out.append(view(child, choose, gap))
        out.append(child.tail or "")
    return "".join(out)


def essay_paragraphs(tei) -> list[etree._Element]:
    return tei.findall(".//t:text/t:body/t:div[@type='chapter']/t:p", NS)


def test_choosing_sic_and_orig_gives_back_the_witness_byte_for_byte(tei):
    def marker(gap):
        return HOST_MARKER if gap.get("agent") == "host-site" else ""

    paragraphs = [view(p, ("sic", "orig"), marker) for p in essay_paragraphs(tei)]
    assert "\n".join(paragraphs).encode("utf-8") == WITNESS_PATH.read_bytes()


def html_reading_text(page: Path, number: int) -> str:
    """The paragraph as the HTML shows it, its editorial signs and numbers set aside."""
    tree = lxml_html.parse(str(page))
    para = tree.xpath(f"//*[@id='paragraph-{number}']/ancestor::p[1]")[0]
    for editorial in para.xpath(".//*[contains(concat(' ', @class, ' '), "
                                "' edition-editorial ')]"):
        editorial.drop_tree()
    return para.text_content()


def test_choosing_corr_and_reg_gives_the_reading_text_of_the_html(tei, html_build):
    assert len(essay_paragraphs(tei)) == 3
    for p in essay_paragraphs(tei):
        number = int(p.get("n"))
        page = next((html_build.outdir / "chapters").glob(f"0{number}-*.html"))
        assert view(p, ("corr", "reg"), lambda gap: "") == html_reading_text(page, number)


# -- TEI: structure and pointers -------------------------------------------------------------


def test_every_local_pointer_names_an_element_that_exists(tei):
    ids = {e.get(XML_ID) for e in tei.iter() if e.get(XML_ID)}
    pointers = [(e.tag, value) for e in tei.iter() if isinstance(e.tag, str)
                for attribute in ("target", "ref", "ana", "resp", "corresp")
                for value in (e.get(attribute) or "").split() if value.startswith("#")]
    assert len(pointers) > 100
    missing = [(tag, value) for tag, value in pointers if value[1:] not in ids]
    assert missing == []


def test_every_note_is_in_stand_off_and_targets_its_lemma(tei):
    notes = tei.findall(".//t:standOff/t:listAnnotation/t:note", NS)
    assert len(notes) >= 25
    assert {n.get(XML_ID) for n in notes} == {f"note-{p.stem}" for p in NOTE_FILES}
    categories = {c.get(XML_ID) for c in tei.findall(".//t:taxonomy/t:category", NS)}
    assert categories == {f"note-type-{kind}" for kind in TYPES}
    for note in notes:
        lemma = tei.find(f".//t:seg[@xml:id='{note.get('target')[1:]}']",
                         {**NS, "xml": "http://www.w3.org/XML/1998/namespace"})
        assert lemma is not None and lemma.get("type") == "lemma"
        assert note.get("type") in TYPES and note.get("ana") == f"#note-type-{note.get('type')}"
        assert note.get("resp", "").startswith("#contributor-")


def test_the_interventions_are_encoded(tei):
    body = tei.find(".//t:text/t:body", NS)
    corrections = body.findall(".//t:choice[t:sic][t:corr]", NS)
    regularizations = body.findall(".//t:choice[t:orig][t:reg]", NS)
    kept = [s for s in body.iter(f"{TEI}sic") if s.getparent().tag != f"{TEI}choice"]
    gaps = body.findall(".//t:gap", NS)
    assert [c.findtext("t:sic", namespaces=NS) for c in corrections] == [".At"]
    assert [r.findtext("t:orig", namespaces=NS) for r in regularizations] == \
        ["(Nikita KhrushchevHistory.com)"]
    assert ["".join(s.itertext()) for s in kept] == \
        ["Together, these Khrushchev used these four tools"]
    assert [(g.get("reason"), g.get("agent")) for g in gaps] == \
        [("hidden", "host-site"), ("lost", "witness-ends")]
    assert [p.get("n") for p in essay_paragraphs(tei)] == ["1", "2", "3"]
    heads = tei.findall(".//t:body/t:div/t:head", NS)
    assert heads and all(h.get("type") == "editorial" for h in heads)
    # Citations point into a bibliography; persons into the list of persons.
    cited = {r.get("target") for b in body.iter(f"{TEI}bibl") for r in b.iter(f"{TEI}ref")}
    # The essay's "(Rush 59)" names both candidate works, never one (issue 32).
    assert {"#cite-gill2004destalinization", "#cite-rush1965succession #cite-rushndrise",
            "#cite-historycomndpremier"} <= cited
    assert {p.get("ref") for p in body.iter(f"{TEI}persName")} >= \
        {"#person-stalin", "#person-khrushchev"}


def test_the_header_describes_the_witness_without_inventing_a_date(tei):
    header = tei.find("t:teiHeader", NS)
    witness = header.find(".//t:sourceDesc/t:bibl[@type='witness']", NS)
    assert witness.findtext("t:idno[@type='SHA-256']", namespaces=NS) == CONF_SHA
    readme = (ROOT / "witness" / "README.md").read_text(encoding="utf-8")
    assert f"`{witness.find('t:ptr', NS).get('target')}`" in readme
    received = witness.findtext("t:note[@type='received']", namespaces=NS)
    assert "not recorded" in received
    assert witness.find(".//t:date", NS) is None
    assert "lacks" in "".join(witness.find("t:note[@type='lacks']", NS).itertext())
    assert header.find(".//t:titleStmt/t:editor", NS) is not None
    assert [n.text for n in header.findall(".//t:titleStmt/t:respStmt/t:name", NS)] == \
        ["The edition\u2019s editors"]
    assert header.find(".//t:editionStmt/t:edition", NS).get("n") == \
        runpy.run_path(str(ROOT / "conf.py"))["release"]
    assert header.find(".//t:publicationStmt/t:availability/t:p", NS) is not None
    for part in ("correction", "normalization", "quotation", "segmentation"):
        assert header.find(f".//t:editorialDecl/t:{part}", NS) is not None, part


def test_registers_and_bibliographies_are_lists(tei):
    persons = yaml.safe_load((ROOT / "registers" / "persons.yaml").read_text(encoding="utf-8"))
    events = yaml.safe_load((ROOT / "registers" / "chronology.yaml").read_text(encoding="utf-8"))
    listed = [p.get(XML_ID) for p in tei.findall(".//t:listPerson/t:person", NS)]
    assert listed == [f"person-{p['id']}" for p in persons]
    assert len(tei.findall(".//t:listEvent/t:event", NS)) == len(events)
    lists = tei.findall(".//t:standOff/t:listBibl", NS)
    assert len(lists) == 2
    keys = set(re.findall(r"^@\w+\{([^,]+),", (ROOT / "references.bib").read_text(
        encoding="utf-8"), re.M))
    assert {b.get(XML_ID) for lb in lists for b in lb.findall("t:bibl", NS)} == \
        {f"cite-{k}" for k in keys}


# -- Web Annotations ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def annotations(html_build) -> dict:
    return json.loads((html_build.outdir / "annotations.jsonld").read_text(encoding="utf-8"))


class _MainText(HTMLParser):
    """Every text node inside the first element with role="main", in order, character
    references decoded (Python's own HTML parser: BeautifulSoup drops whitespace between
    elements, which textContent keeps)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
            "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []
        self.started = self.done = False
        self.tag = ""

    def handle_starttag(self, tag, attrs):
        if not self.started and dict(attrs).get("role") == "main":
            self.started, self.tag = True, tag
        if self.started and not self.done and tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if self.started and not self.done and tag in self.open:
            while self.open.pop() != tag:
                pass
            self.done = not self.open

    def handle_data(self, data):
        if self.started and not self.done:
            self.parts.append(data)


def article_text(page: Path) -> str:
    """The text the selectors count: the textContent of the first element with
    role="main", furo's <article> (read here with Python's own HTML parser,
    independently of the extension's reader, which uses lxml)."""
    reader = _MainText()
    reader.feed(page.read_text(encoding="utf-8"))
    assert reader.tag == "article"
    return "".join(reader.parts)


def test_the_collection_matches_its_json_schema(annotations):
    schema = json.loads(JSON_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(annotations, schema)
    items = annotations["first"]["items"]
    assert annotations["total"] == len(items) == len(NOTE_FILES)
    assert "relative" in annotations["description"]  # html_baseurl is empty here
    assert "textContent" in annotations["description"]


def test_every_selector_resolves_in_the_published_page(annotations, html_build):
    assert len(annotations["first"]["items"]) == len(NOTE_FILES) > 0
    for item in annotations["first"]["items"]:
        page = html_build.outdir / item["target"]["source"]
        text = article_text(page)
        quote, position = item["target"]["selector"]
        context = quote["prefix"] + quote["exact"] + quote["suffix"]
        assert text.count(context) == 1, item["id"]
        assert text.index(context) + len(quote["prefix"]) == position["start"], item["id"]
        assert text[position["start"]:position["end"]] == quote["exact"], item["id"]


def test_the_collection_says_who_made_it_and_how_its_pages_hang_together(annotations):
    conf = runpy.run_path(str(ROOT / "conf.py"))
    assert annotations["creator"] == {"type": "Organization", "name": conf["author"]}
    made_by = {"type": "Software",
               "name": f"{conf['project']}, version {conf['release']}"}
    assert annotations["generator"] == made_by  # no homepage: a local build has no address
    assert annotations["last"] == annotations["first"]["id"]
    assert annotations["first"]["partOf"] == annotations["id"]
    assert all(item["generator"] == made_by for item in annotations["first"]["items"])


def test_each_creator_is_typed_and_found_on_the_contributors_page(annotations, html_build):
    organizations = runpy.run_path(str(ROOT / "conf.py"))["edition_organizations"]
    page = lxml_html.parse(str(html_build.outdir / "chapters" / "contributors.html"))
    anchors = set(page.xpath("//@id"))
    creators = [c for item in annotations["first"]["items"] for c in item["creator"]]
    assert creators
    for creator in creators:
        assert creator["type"] == ("Organization" if creator["name"] in organizations
                                   else "Person")
        where, _, anchor = creator["id"].partition("#")
        assert where == "chapters/contributors.html" and anchor in anchors, creator


def test_each_note_is_an_annotation_with_its_motivation_creator_and_date(annotations):
    motivations = {"commentary": "commenting", "source": "identifying", "textual": "editing"}
    by_id = {item["id"].rpartition("#")[2]: item for item in annotations["first"]["items"]}
    assert len(NOTE_FILES) >= 25
    for path in NOTE_FILES:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        item = by_id[meta["id"]]
        assert item["motivation"] == motivations[meta["type"]]
        assert [c["name"] for c in item["creator"]] == [a["name"] for a in meta["authors"]]
        assert item["created"].startswith(str(meta["date"]))
        html_body, text_body = item["body"]
        assert lxml_html.fragment_fromstring(html_body["value"], create_parent="div") \
            .text_content().strip() == text_body["value"]


# -- JSON-LD expansion ------------------------------------------------------------------------

#: A local copy of the Web Annotation context (http://www.w3.org/ns/anno.jsonld), never the
#: web: a developer's in .cache/, or a vetted copy, with its provenance, in the shared folder
#: laid beside the repository on the project's machines (asked for under issue 14: no PyPI,
#: npm or Debian package ships the file).
CONTEXT_COPIES = [ROOT / ".cache" / "anno" / "anno.jsonld",
                  ROOT.parent / "shared" / "contexts" / "anno.jsonld"]


def vetted_context() -> dict:
    """The Web Annotation context from a local copy whose SHA-256 is the one its README
    records (skipped, with the reason, where no copy is laid beside the repository, as
    on a contributor's machine; a copy that differs fails)."""
    copy = next((p for p in CONTEXT_COPIES if p.is_file()), None)
    if copy is None:
        pytest.skip("no local copy of the Web Annotation context (the project's machines "
                    "lay a vetted one in ../shared/contexts/; no package ships the file)")
    readme = copy.with_name("README.md")
    if readme.is_file():
        recorded = re.search(r"SHA-256: ([0-9a-f]{64})", readme.read_text(encoding="utf-8"))
        assert recorded, f"{readme} records no SHA-256 for {copy.name}"
        assert hashlib.sha256(copy.read_bytes()).hexdigest() == recorded.group(1), \
            f"{copy} is not the vetted copy its README describes"
    return json.loads(copy.read_text(encoding="utf-8"))


def expanded_leaves(document: dict) -> tuple[int, int]:
    """(leaves before, leaves after) JSON-LD expansion with the vetted context, loaded
    by a document loader that answers that one address and never the network."""
    import pyld

    context = vetted_context()

    def loader(url, options=None):
        if url.rstrip("/") in ("http://www.w3.org/ns/anno.jsonld",
                               "https://www.w3.org/ns/anno.jsonld"):
            return {"contextUrl": None, "documentUrl": url, "document": context}
        raise AssertionError(f"the test tried to load {url}")

    expanded = pyld.jsonld.expand(document, {"documentLoader": loader,
                                             "base": "https://example.invalid/"})

    def leaves(value) -> int:
        if isinstance(value, dict) and "@value" in value:
            return 1  # a typed value: one leaf, as it was before expansion
        if isinstance(value, dict):
            return sum(leaves(v) for k, v in value.items() if k != "@context")
        if isinstance(value, list):
            return sum(leaves(v) for v in value)
        return 1

    return leaves(document), leaves(expanded)


def test_the_collection_expands_without_losing_a_term(annotations):
    before, after = expanded_leaves(annotations)
    assert before > 100 and after == before


def test_a_term_outside_the_context_is_lost_on_expansion(annotations):
    """What the test above would catch: a term no context defines disappears."""
    broken = json.loads(json.dumps(annotations))
    broken["first"]["items"][0]["editorNote"] = "not a Web Annotation term"
    before, after = expanded_leaves(broken)
    assert after == before - 1


def test_the_page_text_is_the_main_elements_text_content():
    from edition.exports.pagetext import page_text, parse_page

    html = ("<html><body><nav>Menu</nav><article role='main'>\n  <p>A <!-- no -->"
            "<span id='lemma-x'>Stalin&#8217;s</span> era<br>ends</p>\n</article> after"
            "<div role='main'>second</div></body></html>")
    page = page_text(parse_page(html))
    assert page.text == "\n  A Stalin’s eraends\n"
    start, end = page.spans["lemma-x"]
    assert page.text[start:end] == "Stalin’s"
    assert page_text(parse_page("<p>no main</p>")).text == ""
