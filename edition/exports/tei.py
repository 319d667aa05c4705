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
from typing import cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from edition.annotations import loading
from edition.annotations.credits import contributor_ids
from edition.annotations.nodes import annotation, lemma_parts
from edition.config import settings
from edition.exports import unchanged
from edition.exports.material import ResolvedEdition
from edition.exports.teiheader import TeiHeader
from edition.exports.teilayout import check_pointers, indent
from edition.exports.teiparts import TeiPart, elements, placeholder, splice
from edition.exports.teitranslator import TeiTranslator, tei_handlers
from edition.registers.persons import load_persons
from edition.teimarkup import XML_ID, el, xml_id
from edition.text.chapters import chapter_info, regularizations
from edition.text.readingtext import essay_paragraphs

logger = logging.getLogger(__name__)


def tei_name(app: Sphinx) -> str:
    """The file name of the TEI document: the EPUB's base name (``epub_basename``)."""
    return f"{app.config.epub_basename}.xml"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"


class TeiDocument:
    """Builds the TEI document from one build's sources."""

    def __init__(self, sources: ResolvedEdition) -> None:
        self.sources = sources
        self.app, self.env, self.domain = sources.app, sources.env, sources.domain
        self.config = self.app.config
        self.notes = loading.collection(self.env).notes
        self.handlers = tei_handlers(self.app)

    def write(self, parent: ET.Element, node: nodes.Element, blocks: bool = False,
              **state) -> None:
        """The node's content as TEI into `parent` (its blocks as ``p`` and ``list``
        with `blocks`, else phrase-level content)."""
        TeiTranslator(cast(nodes.document, node.document), parent, blocks=blocks,
                      handlers=self.handlers, lacunae=settings(self.config).lacunae,
                      **state).write(node)

    # -- the whole ----------------------------------------------------------------------

    def build(self, parts: list[TeiPart] | None = None) -> ET.Element:
        """The document; with `parts` (one per essay chapter, in order), placeholders
        where the chapters' divs and notes go."""
        tei = el(None, "TEI", xml_lang=self.config.language or "en")
        TeiHeader(self).header(el(tei, "teiHeader"))
        self.standoff(el(tei, "standOff"), parts)
        self.text(el(tei, "text"), parts)
        elsewhere = frozenset().union(*(part.ids for part in parts)) if parts else frozenset()
        check_pointers(tei, elsewhere)
        return tei

    def serialize(self) -> bytes:
        """The document: around the chapters' parts as kept serialized
        (``teiparts.py``), when every chapter has one and every pointer in them names
        an element of the document; else made whole."""
        chapters = self.domain.essay_chapters()
        parts = [self.sources.tei_parts[d] for d in chapters if d in self.sources.tei_parts]
        if chapters and len(parts) == len(chapters):
            root = self.build(parts)
            ids = {e.get(XML_ID) for e in root.iter() if e.get(XML_ID)}
            ids = ids.union(*(part.ids for part in parts))
            if not any(part.pointers - ids for part in parts):
                indent(root)
                text = splice(ET.tostring(root, encoding="unicode"), parts)
                return (XML_DECLARATION + text + "\n").encode("utf-8")
        root = self.build()
        indent(root)
        return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"

    # -- who wrote the notes ----------------------------------------------------------

    @functools.cached_property
    def note_authors(self) -> dict[str, str]:
        return self.authors()

    def authors(self) -> dict[str, str]:
        """Note author's name -> the xml:id of their ``respStmt`` name."""
        names = contributor_ids(a.name for note in self.notes for a in note.authors)
        return dict(sorted(names.items(), key=lambda kv: kv[0].casefold()))

    def text(self, text: ET.Element, parts: list[TeiPart] | None = None) -> None:
        body = el(text, "body")
        for index, docname in enumerate(self.domain.essay_chapters()):
            body.append(placeholder("div", index) if parts else self.chapter(docname)[0])

    def chapter(self, docname: str) -> tuple[ET.Element, list[ET.Element]]:
        """An essay chapter's ``div`` and notes: from its part or its material as kept
        when its page was written, or from its resolved doctree."""
        part = self.sources.tei_parts.get(docname)
        if part is not None:
            return elements(part)
        kept = self.sources.chapters.get(docname)
        if kept is not None:
            return kept.tei_div, kept.tei_notes
        doctree = self.sources.doctree(docname)
        return self.chapter_div(docname, doctree), self.chapter_notes(doctree)

    def chapter_div(self, docname: str, doctree: nodes.document) -> ET.Element:
        """An essay chapter's ``div`` (not yet in the document)."""
        number = self.domain.paragraph_of(docname)
        try:
            info = chapter_info(self.env.metadata.get(docname, {}))
            regs = {r.reading: r.witness for r in regularizations(info.meta if info else {})}
        except ValueError:
            regs = {}
        div = el(None, "div", type="chapter", n=number, xml_id=f"chapter-{number}")
        section = doctree.next_node(nodes.section)
        title = section.next_node(nodes.title) if section else None
        if title is not None:
            el(div, "head", title.astext(), type="editorial", resp="#editors")
        for index, para in enumerate(essay_paragraphs(doctree)):
            p = el(div, "p", n=number if index == 0 else None,
                    xml_id=f"paragraph-{number}" if index == 0 else None)
            self.write(p, para, regularized=regs, scope=f"p{number}-")
        return div

    # -- standOff --------------------------------------------------------------------------

    def standoff(self, standoff: ET.Element, parts: list[TeiPart] | None = None) -> None:
        self.notes_list(el(standoff, "listAnnotation", type="notes"), parts)
        self.persons(standoff)
        self.chronology(standoff)
        for docname, entries in self.sources.bibliography_pages():
            list_bibl = el(standoff, "listBibl", type=_slug(docname.rpartition("/")[2]))
            el(list_bibl, "head", self.sources.title(docname))
            for entry in entries:
                ident = next((i for i in entry["ids"] if i.startswith("cite-")),
                             entry["ids"][0] if entry["ids"] else None)
                bibl = el(list_bibl, "bibl", xml_id=xml_id(ident) if ident else None)
                self.write(bibl, entry)
                bibl.text = (bibl.text or "").lstrip()

    def notes_list(self, notes_list: ET.Element, parts: list[TeiPart] | None = None) -> None:
        el(notes_list, "head", "Editorial notes")
        for index, docname in enumerate(self.domain.essay_chapters()):
            if parts:
                if parts[index].notes:
                    notes_list.append(placeholder("notes", index))
            else:
                notes_list.extend(self.chapter(docname)[1])

    def chapter_notes(self, doctree: nodes.document) -> list[ET.Element]:
        """The ``note`` elements of an essay chapter's notes (not yet in the document)."""
        authors = self.note_authors
        found = []
        for note in doctree.findall(annotation):
            ident = note["annotation"]
            element = el(
                None, "note", xml_id=xml_id(f"note-{ident}"), type=note["type"],
                ana=f"#note-type-{note['type']}", n=note.get("number"),
                target=" ".join(f"#{xml_id(part)}" for part in lemma_parts(note)),
                resp=" ".join(f"#{authors[a]}" for a in note["authors"] if a in authors))
            self.write(element, note, blocks=True)
            el(element, "date", note["date"], type="written", when=note["date"])
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
                definition = cast(nodes.Element, term.parent).next_node(nodes.definition)
                for ident in term["ids"]:
                    if definition is not None:
                        roles[ident] = definition
        list_person = el(standoff, "listPerson")
        for person in persons:
            element = el(list_person, "person", xml_id=f"person-{person.id}")
            el(element, "persName", person.name)
            el(element, "note", person.dates, type="dates")
            role = roles.get(f"person-{person.id}")
            if role is not None:
                note = el(element, "note", type="role")
                for para in role.findall(nodes.paragraph):
                    self.write(note, para)

    def chronology(self, standoff: ET.Element) -> None:
        items = []
        for docname in self.sources.editorial_pages():
            for dl in self.sources.doctree(docname).findall(nodes.definition_list):
                if "edition-chronology" in dl["classes"]:
                    items += list(dl.findall(nodes.definition_list_item))
        if not items:
            return
        list_event = el(standoff, "listEvent")
        for item in items:
            event = el(list_event, "event")
            term, definition = item.next_node(nodes.term), item.next_node(nodes.definition)
            if term is None or definition is None:  # a docutils definition list has both
                continue
            el(event, "label", term.astext())
            desc = el(event, "desc")
            for para in definition.findall(nodes.paragraph):
                self.write(desc, para)

    # -- integrity -------------------------------------------------------------------------

def write_tei(app: Sphinx, builder: Builder, outdir: Path,
              resolved: dict[str, nodes.document] | None = None,
              sources: ResolvedEdition | None = None) -> Path:
    """Write the TEI document into `outdir`; `resolved` or `sources` hold doctrees
    already resolved by `builder`."""
    document = TeiDocument(sources or ResolvedEdition(app, builder, resolved))
    path = Path(outdir) / tei_name(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    unchanged.write_bytes(path, document.serialize())
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

