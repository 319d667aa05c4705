"""EditionDomain: what the edition knows across documents, kept per document.

Filled while documents are read (so it is rebuilt for exactly the documents Sphinx
re-reads), merged after a parallel read, and read by the pages that list everything
(the apparatus and the commentary index).
"""

from __future__ import annotations

from typing import Any

from sphinx.domains import Domain


class EditionDomain(Domain):
    name = "edition"
    label = "Edition"
    data_version = 2
    initial_data: dict[str, Any] = {
        # docname -> [intervention record]: kind, lemma, witness, id, paragraph, offset
        "interventions": {},
        # docname -> [annotation record]: id, type, type_label, authors, date, exact, file
        # (titles come from Sphinx's own env.titles)
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

    def annotations_by_chapter(self) -> dict[str, list[dict]]:
        return {d: self.data["annotations"].get(d, []) for d in self.essay_chapters()}

    def annotated_chapters(self) -> dict[str, set[str]]:
        """Chapter -> ids of the annotations it was read with."""
        return {d: {a["id"] for a in recs} for d, recs in self.data["annotations"].items()}
