"""EditionDomain: what the edition knows across documents, kept per document.

The domain collects its own data from each document as it is read (``process_doc``,
which Sphinx calls once the document's read-phase transforms have run), so it is
rebuilt for exactly the documents Sphinx re-reads, merged after a parallel read, and
read by the pages that list everything (the apparatus, the commentary index, the
contributors). Its records are typed (:class:`Intervention`, :class:`NoteRecord`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain

#: What the apparatus calls each kind of intervention.
KIND_LABELS = {"gap": "lacuna", "corr": "correction", "sic": "error kept (sic)",
               "reg": "regularized citation"}


@dataclass(frozen=True)
class Intervention:
    """One departure of the reading text from the witness, as the apparatus lists it."""

    kind: str  # gap | corr | sic | reg
    lemma: str  # what readers see
    witness: str  # what the witness has ("" where it breaks off)
    id: str | None  # the anchor of its place in the chapter
    paragraph: int  # the witness paragraph (¶ number)
    description: str
    offset: int  # where it stands in the witness paragraph, to list in text order

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class NoteRecord:
    """One annotation, as the lists of notes show it."""

    id: str
    type: str
    type_label: str
    authors: tuple[str, ...]
    date: str
    exact: str
    file: str
    offset: int  # where its quote stands in the witness paragraph (quotes of
    #              regularized text sort last), to list notes in text order


def regularization_id(number: int) -> str:
    """The anchor of a chapter's n-th regularized citation (``MarkRegularizations``)."""
    return f"regularization-{number}"


class EditionDomain(Domain):
    name = "edition"
    label = "Edition"
    data_version = 3
    initial_data: dict[str, Any] = {
        # docname -> [Intervention]
        "interventions": {},
        # docname -> [NoteRecord] (titles come from Sphinx's own env.titles)
        "annotations": {},
        # docname -> witness paragraph number (essay chapters only)
        "paragraphs": {},
        # docname -> that witness paragraph's text
        "witness_text": {},
        # docnames whose content is a generated list (apparatus, commentary index)
        "list_pages": {},
        # docname -> ids of the persons whose mentions it links
        "person_mentions": {},
        # docnames that hold the index of persons
        "persons_pages": {},
    }
    PER_DOC = ("interventions", "annotations", "paragraphs", "witness_text", "list_pages",
               "person_mentions", "persons_pages")

    def clear_doc(self, docname: str) -> None:
        for key in self.PER_DOC:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames, otherdata: dict) -> None:
        for key in self.PER_DOC:
            for docname in docnames:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]

    def process_doc(self, env, docname: str, document: nodes.document) -> None:
        """Collect what this document contributes (after the read-phase transforms:
        ``text.reading.ReadEssayChapter`` has numbered it and given it its notes)."""
        from edition.text import collect

        mentions = sorted({ref["reftarget"] for ref in document.findall(addnodes.pending_xref)
                           if ref.get("refdomain") == "edition"
                           and ref.get("reftype") == "person"})
        if mentions:
            self.data["person_mentions"][docname] = mentions
        chapter = collect.essay_chapter(env, docname)
        if chapter is None:
            return
        paragraph, text, meta = chapter
        self.data["paragraphs"][docname] = paragraph
        self.data["witness_text"][docname] = text
        self.data["interventions"][docname] = collect.interventions(document, meta, text,
                                                                    paragraph)
        self.data["annotations"][docname] = collect.notes(document, text)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "person":
            from edition.registers.persons import resolve_person

            page = next(iter(self.data["persons_pages"]), None)
            return resolve_person(builder, fromdocname, target, contnode, page)
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []

    # -- accessors ------------------------------------------------------------------

    def essay_chapters(self) -> list[str]:
        """Essay chapters in the order of the witness's paragraphs."""
        return sorted(self.data["paragraphs"], key=self.data["paragraphs"].__getitem__)

    def annotations_by_chapter(self) -> dict[str, list[NoteRecord]]:
        return {d: self.data["annotations"].get(d, []) for d in self.essay_chapters()}

    def annotated_chapters(self) -> dict[str, set[str]]:
        """Chapter -> ids of the annotations it was read with."""
        return {d: {a.id for a in recs} for d, recs in self.data["annotations"].items()}

