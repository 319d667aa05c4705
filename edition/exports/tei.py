"""The edition as one TEI P5 document (``make tei`` → ``_build/tei/<name>.xml``).

Made from the resolved doctrees and the domain's records, never from the chapters'
sources:

- ``teiHeader``: titles, editors and a ``respStmt`` per note author; the edition number;
  publisher, rights and date; the witness (address, SHA-256, extent, what it lacks, and
  that the day it was received was not recorded); the editorial principles; the note
  types as a taxonomy.
- ``text/body``: one ``div`` per essay chapter, its editorial ``head``, one ``p`` with
  ``@n`` = the ¶ number; ``choice/sic+corr`` for corrections, ``sic`` for an error
  kept, ``choice/orig+reg`` for regularized citations, ``gap`` for lacunae, ``bibl/ref``
  for citations, ``persName/@ref`` for persons, ``seg`` for each note's lemma.
- ``standOff``: the notes (``listAnnotation``: ``note`` with ``@target``, ``@type``,
  ``@ana``, ``@resp``), the persons (``listPerson``), the chronology (``listEvent``) and
  both bibliographies (``listBibl``).

Choosing ``sic``/``orig`` (and the host's marker at ``gap[@agent='host-site']``) gives
the witness back byte for byte; choosing ``corr``/``reg`` gives the reading text.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from edition.annotations import loading
from edition.annotations.model import TYPES
from edition.annotations.nodes import annotation, annotation_ref
from edition.config import Lacuna, settings
from edition.doctree import EDITORIAL
from edition.exports.material import ResolvedEdition, build_date
from edition.messages import Subtype, warn
from edition.registers.persons import load_persons
from edition.text.chapters import chapter_info, regularizations
from edition.text.nodes import corr, gap, sic
from edition.text.readingtext import CITATION_CLASS, essay_paragraphs

logger = logging.getLogger(__name__)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", TEI_NS)

#: What each note type is, for the taxonomy (labels are the annotation model's).
TYPE_DESCRIPTIONS = {
    "commentary": "historical context and explanation",
    "source": "identifies or assesses a source the essay uses",
    "textual": "the text itself: its lacunae, slips and regularizations",
}


def tei_name(app: Sphinx) -> str:
    """The file name of the TEI document: the EPUB's base name (``epub_basename``)."""
    return f"{app.config.epub_basename}.xml"


def _el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs) -> ET.Element:
    attributes = {XML_ID if k == "xml_id" else XML_LANG if k == "xml_lang" else k: str(v)
                  for k, v in attrs.items() if v not in (None, "")}
    element = ET.Element(f"{{{TEI_NS}}}{tag}", attributes) if parent is None else \
        ET.SubElement(parent, f"{{{TEI_NS}}}{tag}", attributes)
    if text:
        element.text = text
    return element


def _add_text(parent: ET.Element, text: str) -> None:
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def xml_id(value: str) -> str:
    """A valid xml:id (an NCName) from an HTML anchor."""
    value = re.sub(r"[^\w.-]", "-", value)
    return value if re.match(r"[A-Za-z_]", value) else f"id-{value}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _is_editorial(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and EDITORIAL in node.get("classes", []) \
        and not isinstance(node, annotation)


class Inline:
    """Docutils inline content → TEI phrase-level content."""

    def __init__(self, regularized: dict[str, str] | None = None, scope: str = "",
                 lacunae: dict[str, Lacuna] | None = None) -> None:
        #: reading of a regularized citation -> what the witness has
        self.regularized = regularized or {}
        #: the edition's kinds of lacuna (their TEI reason and agent)
        self.lacunae = lacunae or {}
        #: prefix of the ids of a chapter's interventions (numbered within each page)
        self.scope = scope

    def scoped(self, node: nodes.Element) -> str | None:
        return xml_id(f"{self.scope}{node['ids'][0]}") if node["ids"] else None

    def children(self, parent: ET.Element, node: nodes.Node) -> None:
        for child in node.children:
            self.node(parent, child)

    def node(self, parent: ET.Element, node: nodes.Node) -> None:  # noqa: C901
        if isinstance(node, nodes.Text):
            _add_text(parent, str(node))
        elif isinstance(node, (nodes.system_message, nodes.comment, nodes.raw,
                               nodes.substitution_definition)) or \
                node.__class__.__name__ == "index":
            return
        elif isinstance(node, nodes.target):
            for ident in node["ids"]:
                if ident.startswith("regularization-"):
                    _el(parent, "anchor", xml_id=xml_id(f"{self.scope}{ident}"))
        elif isinstance(node, annotation_ref):
            seg = _el(parent, "seg", type="lemma", xml_id=xml_id(f"lemma-{node['annotation']}"))
            self.children(seg, node)
        elif isinstance(node, gap):
            kind = self.lacunae.get(node["kind"])
            reason, agent = (kind.tei_reason, kind.tei_agent) if kind else ("lost", "unknown")
            element = _el(parent, "gap", reason=reason, agent=agent, extent="unknown",
                          xml_id=self.scoped(node))
            _el(element, "desc", node.get("description", ""))
        elif isinstance(node, corr):
            choice = _el(parent, "choice", xml_id=self.scoped(node))
            _el(choice, "sic", node["witness"])
            self.children(_el(choice, "corr", resp="#editors"), node)
        elif isinstance(node, sic):
            element = _el(parent, "sic", xml_id=self.scoped(node))
            self.children(element, node)
        elif _is_editorial(node):
            return  # note numbers, ¶ numbers, the [sic] and […] signs
        elif isinstance(node, nodes.Element) and CITATION_CLASS in node["classes"]:
            witness = self.regularized.get(node.astext())
            if witness is not None:
                choice = _el(parent, "choice")
                _el(choice, "orig", witness)
                parent = _el(choice, "reg", resp="#editors")
            self.children(_el(parent, "bibl"), node)
        elif isinstance(node, nodes.reference):
            person = _person_id(node)
            if person:
                self.children(_el(parent, "persName", ref=f"#{xml_id(person)}"), node)
                return
            target = _pointer(node)
            if target:
                self.children(_el(parent, "ref", target=target), node)
            else:
                self.children(parent, node)
        elif isinstance(node, nodes.emphasis):
            self.children(_el(parent, "hi", rend="italic"), node)
        elif isinstance(node, nodes.strong):
            self.children(_el(parent, "hi", rend="bold"), node)
        elif isinstance(node, nodes.literal):
            self.children(_el(parent, "code"), node)
        elif isinstance(node, (nodes.subscript, nodes.superscript)):
            rend = "subscript" if isinstance(node, nodes.subscript) else "superscript"
            self.children(_el(parent, "hi", rend=rend), node)
        else:
            self.children(parent, node)

    def blocks(self, parent: ET.Element, node: nodes.Element) -> None:
        """Block content (a note's body, a register entry) as ``p`` and ``list``."""
        for child in node.children:
            if isinstance(child, nodes.paragraph):
                self.children(_el(parent, "p"), child)
            elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
                items = _el(parent, "list", rend="numbered"
                            if isinstance(child, nodes.enumerated_list) else "bulleted")
                for item in child.children:
                    self.blocks(_el(items, "item"), item)
            elif isinstance(child, nodes.block_quote):
                self.blocks(_el(_el(parent, "quote"), "q"), child)  # pragma: no cover
            elif isinstance(child, (nodes.Text, nodes.Inline)):
                self.node(parent, child)
            elif isinstance(child, nodes.Element):
                self.blocks(parent, child)


def _person_id(reference: nodes.reference) -> str | None:
    if not any("edition-person" in n.get("classes", []) for n in reference.findall(nodes.inline)):
        return None
    fragment = reference.get("refuri", "").rpartition("#")[2] or reference.get("refid", "")
    return fragment if fragment.startswith("person-") else None


def _pointer(reference: nodes.reference) -> str | None:
    uri = reference.get("refuri", "")
    if re.match(r"^(https?|mailto):", uri):
        return uri
    fragment = uri.rpartition("#")[2] if "#" in uri else reference.get("refid", "")
    return f"#{xml_id(fragment)}" if fragment else None


class TeiDocument:
    """Builds the TEI document from one build's sources."""

    def __init__(self, sources: ResolvedEdition) -> None:
        self.sources = sources
        self.app, self.env, self.domain = sources.app, sources.env, sources.domain
        self.config = self.app.config
        self.notes = loading.collection(self.env).notes

    # -- the whole ----------------------------------------------------------------------

    def build(self) -> ET.Element:
        tei = _el(None, "TEI", xml_lang=self.config.language or "en")
        self.header(_el(tei, "teiHeader"))
        self.standoff(_el(tei, "standOff"))
        self.text(_el(tei, "text"))
        self.check_pointers(tei)
        return tei

    def serialize(self) -> bytes:
        root = self.build()
        _indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    # -- teiHeader ------------------------------------------------------------------------

    @functools.cached_property
    def note_authors(self) -> dict[str, str]:
        return self.authors()

    def authors(self) -> dict[str, str]:
        """Note author's name -> the xml:id of their ``respStmt`` name."""
        names: dict[str, str] = {}
        for note in self.notes:
            for author in note.authors:
                names.setdefault(author.name, f"contributor-{_slug(author.name)}")
        return dict(sorted(names.items(), key=lambda kv: kv[0].casefold()))

    def header(self, header: ET.Element) -> None:
        config = self.config
        file_desc = _el(header, "fileDesc")
        title_stmt = _el(file_desc, "titleStmt")
        words = settings(config).tei
        _el(title_stmt, "title", config.project, type="main")
        if words.get("subtitle"):
            _el(title_stmt, "title", words["subtitle"], type="sub")
        _el(title_stmt, "editor", config.author, xml_id="editors")
        for name, ident in self.authors().items():
            resp = _el(title_stmt, "respStmt")
            _el(resp, "resp", "Author of editorial notes")
            orcid = next((a.orcid for n in self.notes for a in n.authors
                          if a.name == name and a.orcid), None)
            _el(resp, "name", name, xml_id=ident,
                ref=f"https://orcid.org/{orcid}" if orcid else None)

        edition_stmt = _el(file_desc, "editionStmt")
        _el(edition_stmt, "edition", f"Version {config.release}", n=config.release)

        publication = _el(file_desc, "publicationStmt")
        _el(publication, "publisher", config.epub_publisher or config.author)
        if config.html_baseurl:
            _el(publication, "ptr", target=config.html_baseurl)
        availability = _el(publication, "availability")
        _el(availability, "p", f"Copyright {config.copyright}.")
        heading = words.get("rights_section")
        rights = self.sources.find_section(heading) if heading else None
        if rights is not None:
            for para in rights.findall(nodes.paragraph):
                Inline().children(_el(availability, "p"), para)
        date = build_date()
        _el(publication, "date", date.date().isoformat(), when=date.date().isoformat())

        self.source_desc(_el(file_desc, "sourceDesc"))
        self.encoding_desc(_el(header, "encodingDesc"))
        profile = _el(header, "profileDesc")
        languages = _el(profile, "langUsage")
        _el(languages, "language", "English", ident=config.language or "en")

    def witness_address(self) -> str | None:
        """The witness's address as the project's witness/README.md records it."""
        path = self.sources.witness_path()
        readme = path.with_name("README.md") if path else None
        if readme and readme.is_file():
            found = re.search(r"`(https?://[^`\s]+)`", readme.read_text(encoding="utf-8"))
            if found:
                return found.group(1)
        return None

    def source_desc(self, source_desc: ET.Element) -> None:
        words = settings(self.config).tei
        bibl = _el(source_desc, "bibl", type="witness", xml_id="W")
        if words.get("witness_title"):
            _el(bibl, "title", words["witness_title"], type="desc")
        if words.get("witness_author"):
            _el(bibl, "author", words["witness_author"])
        address = self.witness_address()
        if address:
            _el(bibl, "publisher", re.sub(r"^https?://([^/]+)/.*$", r"\1", address))
            _el(bibl, "ptr", target=address)
        sha = self.config.edition_witness_sha256
        if sha:
            _el(bibl, "idno", sha, type="SHA-256")
        path = self.sources.witness_path()
        if path:
            data = path.read_bytes()
            text = data.decode("utf-8")
            _el(bibl, "extent", f"{len(data):,} bytes of UTF-8, {len(text):,} characters, "
                                f"{text.count(chr(10)) + 1} paragraphs (one per line)")
        if words.get("witness_received"):
            _el(bibl, "note", words["witness_received"], type="received")
        opening = words.get("witness_lacks")
        lacks = self.sources.find_paragraph(opening) if opening else None
        if lacks is not None:
            Inline().children(_el(bibl, "note", type="lacks"), lacks)

    def principle(self, kind: str) -> list[nodes.paragraph]:
        """The paragraphs of the edition's principles of this kind: the list items of its
        editorial pages that open with one of the labels ``edition_tei`` gives."""
        labels = tuple(settings(self.config).tei.get("principles", {}).get(kind, ()))
        found = []
        if not labels:
            return found
        for docname in self.sources.editorial_pages():
            for item in self.sources.doctree(docname).findall(nodes.list_item):
                para = item.next_node(nodes.paragraph)
                if para is not None and para.astext().startswith(labels):
                    found.append(para)
        return found

    def regularized_citations(self) -> str:
        """How the regularized citations are encoded, counted."""
        count = sum(1 for docname in self.domain.essay_chapters()
                    for record in self.domain.interventions_in(docname) if record.kind == "reg")
        if count == 0:
            return "No citation is regularized."
        if count == 1:
            return "The one regularized citation is encoded as choice/orig+reg."
        return f"The {count} regularized citations are encoded as choice/orig+reg."

    def encoding_desc(self, encoding: ET.Element) -> None:
        decl = _el(encoding, "editorialDecl")
        correction = _el(decl, "correction", method="markup")
        for para in self.principle("correction"):
            Inline().children(_el(correction, "p"), para)
        _el(correction, "p", "Encoded as choice/sic+corr (a correction) and sic alone (an "
                             "error kept); lacunae as gap with @reason and @agent.")
        normalization = _el(decl, "normalization", method="markup")
        for para in self.principle("normalization"):
            Inline().children(_el(normalization, "p"), para)
        _el(normalization, "p", "Spelling, punctuation and capitalization are not normalized. "
                                + self.regularized_citations())
        quotation = _el(decl, "quotation", marks="all")
        _el(quotation, "p", "Quotation marks are kept as the witness has them, as characters "
                            "(curly quotes included); none is encoded as markup.")
        segmentation = _el(decl, "segmentation")
        _el(segmentation, "p", "One p per paragraph of the witness (one per line of the "
                               "witness file), its @n the paragraph's number (¶); one div per "
                               "essay chapter, each holding one paragraph, with an editorial "
                               "head. Each note's lemma is a seg that the note's @target "
                               "points to.")
        for para in self.principle("lacunae"):
            Inline().children(_el(segmentation, "p"), para)
        classes = _el(encoding, "classDecl")
        taxonomy = _el(classes, "taxonomy", xml_id="note-types")
        _el(taxonomy, "desc", "Types of editorial note")
        for kind, label in TYPES.items():
            category = _el(taxonomy, "category", xml_id=f"note-type-{kind}")
            _el(category, "catDesc", f"{label}: {TYPE_DESCRIPTIONS.get(kind, '')}")

    # -- text -----------------------------------------------------------------------------

    def text(self, text: ET.Element) -> None:
        body = _el(text, "body")
        for docname in self.domain.essay_chapters():
            kept = self.sources.chapters.get(docname)
            body.append(kept.tei_div if kept else
                        self.chapter_div(docname, self.sources.doctree(docname)))

    def chapter_div(self, docname: str, doctree: nodes.document) -> ET.Element:
        """An essay chapter's ``div`` (not yet in the document)."""
        number = self.domain.paragraph_of(docname)
        try:
            info = chapter_info(self.env.metadata.get(docname, {}))
            regs = {r.reading: r.witness for r in regularizations(info.meta if info else {})}
        except ValueError:
            regs = {}
        div = _el(None, "div", type="chapter", n=number, xml_id=f"chapter-{number}")
        section = doctree.next_node(nodes.section)
        title = section.next_node(nodes.title) if section else None
        if title is not None:
            _el(div, "head", title.astext(), type="editorial", resp="#editors")
        for index, para in enumerate(essay_paragraphs(doctree)):
            p = _el(div, "p", n=number if index == 0 else None,
                    xml_id=f"paragraph-{number}" if index == 0 else None)
            Inline(regs, scope=f"p{number}-",
                   lacunae=settings(self.config).lacunae).children(p, para)
        return div

    # -- standOff --------------------------------------------------------------------------

    def standoff(self, standoff: ET.Element) -> None:
        self.notes_list(_el(standoff, "listAnnotation", type="notes"))
        self.persons(standoff)
        self.chronology(standoff)
        for docname, entries in self.sources.bibliography_pages():
            list_bibl = _el(standoff, "listBibl", type=_slug(docname.rpartition("/")[2]))
            _el(list_bibl, "head", self.sources.title(docname))
            for entry in entries:
                ident = next((i for i in entry["ids"] if i.startswith("cite-")),
                             entry["ids"][0] if entry["ids"] else None)
                bibl = _el(list_bibl, "bibl", xml_id=xml_id(ident) if ident else None)
                Inline().children(bibl, entry)
                bibl.text = (bibl.text or "").lstrip()

    def notes_list(self, notes_list: ET.Element) -> None:
        _el(notes_list, "head", "Editorial notes")
        for docname in self.domain.essay_chapters():
            kept = self.sources.chapters.get(docname)
            notes_list.extend(kept.tei_notes if kept else
                              self.chapter_notes(self.sources.doctree(docname)))

    def chapter_notes(self, doctree: nodes.document) -> list[ET.Element]:
        """The ``note`` elements of an essay chapter's notes (not yet in the document)."""
        authors = self.note_authors
        found = []
        for note in doctree.findall(annotation):
            ident = note["annotation"]
            element = _el(
                None, "note", xml_id=xml_id(f"note-{ident}"), type=note["type"],
                ana=f"#note-type-{note['type']}", n=note.get("number"),
                target=f"#{xml_id(f'lemma-{ident}')}",
                resp=" ".join(f"#{authors[a]}" for a in note["authors"] if a in authors))
            Inline().blocks(element, note)
            _el(element, "date", note["date"], type="written", when=note["date"])
            found.append(element)
        return found

    def persons(self, standoff: ET.Element) -> None:
        path = settings(self.config).persons
        persons = load_persons(path)[0]
        if not persons:
            return
        roles: dict[str, nodes.definition] = {}
        for docname in self.domain.persons_pages():
            for term in self.sources.doctree(docname).findall(nodes.term):
                definition = term.parent.next_node(nodes.definition)
                for ident in term["ids"]:
                    roles[ident] = definition
        list_person = _el(standoff, "listPerson")
        for person in persons:
            element = _el(list_person, "person", xml_id=f"person-{person.id}")
            _el(element, "persName", person.name)
            _el(element, "note", person.dates, type="dates")
            role = roles.get(f"person-{person.id}")
            if role is not None:
                note = _el(element, "note", type="role")
                for para in role.findall(nodes.paragraph):
                    Inline().children(note, para)

    def chronology(self, standoff: ET.Element) -> None:
        items = []
        for docname in self.sources.editorial_pages():
            for dl in self.sources.doctree(docname).findall(nodes.definition_list):
                if "edition-chronology" in dl["classes"]:
                    items += list(dl.findall(nodes.definition_list_item))
        if not items:
            return
        list_event = _el(standoff, "listEvent")
        for item in items:
            event = _el(list_event, "event")
            _el(event, "label", item.next_node(nodes.term).astext())
            definition = item.next_node(nodes.definition)
            desc = _el(event, "desc")
            for para in definition.findall(nodes.paragraph):
                Inline().children(desc, para)

    # -- integrity -------------------------------------------------------------------------

    def check_pointers(self, tei: ET.Element) -> None:
        """Every local pointer must name an element of the document: a link to a page
        that the TEI does not hold becomes plain text."""
        ids = {e.get(XML_ID) for e in tei.iter() if e.get(XML_ID)}
        parents = {child: parent for parent in tei.iter() for child in parent}
        for element in list(tei.iter()):
            for attribute in ("target", "ref", "ana", "resp"):
                value = element.get(attribute)
                if not value:
                    continue
                local = [v for v in value.split() if v.startswith("#")]
                if all(v[1:] in ids for v in local):
                    continue
                if element.tag == f"{{{TEI_NS}}}note" and attribute == "target":
                    warn(f"the TEI note {element.get(XML_ID)!r} points to {value}, which the "
                         "TEI text does not hold: its lemma was not marked", Subtype.export)
                if element.tag == f"{{{TEI_NS}}}ref":
                    _unwrap(element, parents)
                else:
                    kept = [v for v in value.split() if not v.startswith("#") or v[1:] in ids]
                    if kept:
                        element.set(attribute, " ".join(kept))
                    else:
                        del element.attrib[attribute]


#: Elements whose content is structure only, never text: laid out on lines of their own.
STRUCTURAL = {f"{{{TEI_NS}}}{tag}" for tag in (
    "TEI teiHeader fileDesc titleStmt respStmt editionStmt publicationStmt availability "
    "sourceDesc encodingDesc editorialDecl correction normalization quotation segmentation "
    "classDecl taxonomy category profileDesc langUsage standOff listAnnotation listPerson "
    "person listEvent event listBibl text body div").split()}
BLOCKS = {f"{{{TEI_NS}}}{tag}" for tag in ("p", "date", "list", "head")}


def _structural(element: ET.Element) -> bool:
    if (element.text or "").strip() or any((c.tail or "").strip() for c in element):
        return False
    if element.tag in STRUCTURAL:
        return True
    if element.tag == f"{{{TEI_NS}}}note":  # a note made of paragraphs
        return all(child.tag in BLOCKS for child in element)
    return element.tag == f"{{{TEI_NS}}}bibl" and element.get("type") == "witness"


def _indent(element: ET.Element, level: int = 0) -> None:
    """Pretty-print the structure, never mixed content: whitespace added inside a
    paragraph would change the text."""
    if not len(element) or not _structural(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        _indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


def _unwrap(element: ET.Element, parents: dict) -> None:
    parent = parents[element]
    index = list(parent).index(element)
    text = element.text or ""
    children = list(element)
    tail = element.tail or ""
    parent.remove(element)
    if index:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
        parents[child] = parent
    last = parent[index + len(children) - 1] if index + len(children) else None
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail


def write_tei(app: Sphinx, builder: Builder, outdir: Path,
              resolved: dict[str, nodes.document] | None = None,
              sources: ResolvedEdition | None = None) -> Path:
    """Write the TEI document into `outdir`; `resolved` or `sources` hold doctrees
    already resolved by `builder`."""
    document = TeiDocument(sources or ResolvedEdition(app, builder, resolved))
    path = Path(outdir) / tei_name(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(document.serialize())
    return path


class TeiBuilder(Builder):
    """``-b tei``: the whole edition as one TEI P5 document."""

    name = "tei"
    # The edition's own nodes stay as they are (``plain.OWN_MARKUP``): the exporter
    # reads them.
    format = "xml"
    epilog = "The TEI document is in %(outdir)s."
    allow_parallel = False

    def init(self) -> None:
        self._resolved: dict[str, nodes.document] = {}

    def get_outdated_docs(self):
        return "the whole edition"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"#{docname}"

    def prepare_writing(self, docnames) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        self._resolved[docname] = doctree

    def finish(self) -> None:
        path = write_tei(self._app, self, Path(self.outdir), self._resolved)
        logger.info("TEI: %s", path)

