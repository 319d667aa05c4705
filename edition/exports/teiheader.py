"""The TEI document's ``teiHeader``: titles, editors and a ``respStmt`` per note author;
the edition number; publisher, rights and date; the witness (address, SHA-256, extent,
what it lacks, and when it was received, as the edition's settings say); the editorial
principles; the note types as a taxonomy. This edition's own words come from its
settings (``edition_tei``) and its pages, never from here."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from docutils import nodes

from edition.annotations.model import TYPES
from edition.config import settings
from edition.exports.material import build_date
from edition.teimarkup import el

#: What each note type is, for the taxonomy (labels are the annotation model's).
TYPE_DESCRIPTIONS = {
    "commentary": "historical context and explanation",
    "source": "identifies or assesses a source the essay uses",
    "textual": "the text itself: its lacunae, slips and regularizations",
}


class TeiHeader:
    """Writes the header of one TEI document (:class:`~edition.exports.tei.TeiDocument`,
    whose sources, settings and writer it uses)."""

    def __init__(self, document) -> None:
        self.document = document
        self.sources, self.config = document.sources, document.config
        self.domain, self.notes, self.write = document.domain, document.notes, document.write

    def header(self, header: ET.Element) -> None:
        config = self.config
        file_desc = el(header, "fileDesc")
        title_stmt = el(file_desc, "titleStmt")
        words = settings(config).tei
        el(title_stmt, "title", config.project, type="main")
        if words.get("subtitle"):
            el(title_stmt, "title", words["subtitle"], type="sub")
        el(title_stmt, "editor", config.author, xml_id="editors")
        for name, ident in self.document.authors().items():
            resp = el(title_stmt, "respStmt")
            el(resp, "resp", "Author of editorial notes")
            orcid = next((a.orcid for n in self.notes for a in n.authors
                          if a.name == name and a.orcid), None)
            el(resp, "name", name, xml_id=ident,
                ref=f"https://orcid.org/{orcid}" if orcid else None)

        edition_stmt = el(file_desc, "editionStmt")
        el(edition_stmt, "edition", f"Version {config.release}", n=config.release)

        publication = el(file_desc, "publicationStmt")
        el(publication, "publisher", config.epub_publisher or config.author)
        if config.html_baseurl:
            el(publication, "ptr", target=config.html_baseurl)
        availability = el(publication, "availability")
        el(availability, "p", f"Copyright {config.copyright}.")
        heading = words.get("rights_section")
        rights = self.sources.find_section(heading) if heading else None
        if rights is not None:
            for para in rights.findall(nodes.paragraph):
                self.write(el(availability, "p"), para)
        date = build_date()
        el(publication, "date", date.date().isoformat(), when=date.date().isoformat())

        self.source_desc(el(file_desc, "sourceDesc"))
        self.encoding_desc(el(header, "encodingDesc"))
        profile = el(header, "profileDesc")
        languages = el(profile, "langUsage")
        el(languages, "language", "English", ident=config.language or "en")

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
        bibl = el(source_desc, "bibl", type="witness", xml_id="W")
        if words.get("witness_title"):
            el(bibl, "title", words["witness_title"], type="desc")
        if words.get("witness_author"):
            el(bibl, "author", words["witness_author"])
        address = self.witness_address()
        if address:
            el(bibl, "publisher", re.sub(r"^https?://([^/]+)/.*$", r"\1", address))
            el(bibl, "ptr", target=address)
        sha = settings(self.config).witness_sha256
        if sha:
            el(bibl, "idno", sha, type="SHA-256")
        path = self.sources.witness_path()
        if path:
            data = path.read_bytes()
            text = data.decode("utf-8")
            el(bibl, "extent", f"{len(data):,} bytes of UTF-8, {len(text):,} characters, "
                                f"{text.count(chr(10)) + 1} paragraphs (one per line)")
        if words.get("witness_received"):
            el(bibl, "note", words["witness_received"], type="received")
        opening = words.get("witness_lacks")
        lacks = self.sources.find_paragraph(opening) if opening else None
        if lacks is not None:
            self.write(el(bibl, "note", type="lacks"), lacks)

    def principle(self, kind: str) -> list[nodes.paragraph]:
        """The paragraphs of the edition's principles of this kind: the list items of its
        editorial pages that open with one of the labels ``edition_tei`` gives."""
        labels = tuple(settings(self.config).tei.get("principles", {}).get(kind, ()))
        found: list[nodes.paragraph] = []
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
        decl = el(encoding, "editorialDecl")
        correction = el(decl, "correction", method="markup")
        for para in self.principle("correction"):
            self.write(el(correction, "p"), para)
        el(correction, "p", "Encoded as choice/sic+corr (a correction) and sic alone (an "
                             "error kept); lacunae as gap with @reason and @agent.")
        normalization = el(decl, "normalization", method="markup")
        for para in self.principle("normalization"):
            self.write(el(normalization, "p"), para)
        el(normalization, "p", "Spelling, punctuation and capitalization are not normalized. "
                                + self.regularized_citations())
        quotation = el(decl, "quotation", marks="all")
        el(quotation, "p", "Quotation marks are kept as the witness has them, as characters "
                            "(curly quotes included); none is encoded as markup.")
        segmentation = el(decl, "segmentation")
        el(segmentation, "p", "One p per paragraph of the witness (one per line of the "
                               "witness file), its @n the paragraph's number (¶); one div per "
                               "essay chapter, each holding one paragraph, with an editorial "
                               "head. Each note's lemma is a seg that the note's @target "
                               "points to.")
        for para in self.principle("lacunae"):
            self.write(el(segmentation, "p"), para)
        classes = el(encoding, "classDecl")
        taxonomy = el(classes, "taxonomy", xml_id="note-types")
        el(taxonomy, "desc", "Types of editorial note")
        for kind, label in TYPES.items():
            category = el(taxonomy, "category", xml_id=f"note-type-{kind}")
            el(category, "catDesc", f"{label}: {TYPE_DESCRIPTIONS.get(kind, '')}")

    # -- text -----------------------------------------------------------------------------
