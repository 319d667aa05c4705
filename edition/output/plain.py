"""The edition's nodes as plain docutils nodes, for every builder without visitors of
its own: text, man, texinfo, and any other a user names.

HTML (and EPUB) and LaTeX render the edition's nodes with their own markup (each
concept's ``nodes.py``); the XML builders write the nodes as they are. Every other builder gets,
after the notes are anchored, the same content in nodes that every docutils writer
knows, as sphinx-design does for its components. This happens last, once the checks
that read the edition's nodes (the witness, the links) have run: each lemma followed by its note
number in brackets, each note as an indented block after its paragraph
("[1] lemma] Source" — the note — "authors, date"), the interventions as their text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from edition.annotations.credits import meta_text
from edition.annotations.nodes import (
    annotated,
    annotation,
    annotation_notes,
    annotation_ref,
    is_last_part,
)
from edition.bibliography.entries import bibentry
from edition.doctree import EDITORIAL
from edition.formats import Output, output_of
from edition.text.nodes import corr, gap, sic

#: Builder formats that render the edition's nodes themselves.
OWN_MARKUP = {"html", "latex", "xml"}


def _ids_to(first: nodes.Node | None, ids: list[str]) -> None:
    """Keep the anchors of a replaced node (citations and notes link to them)."""
    if isinstance(first, nodes.Element):
        first["ids"] = [*ids, *first["ids"]]


def to_plain_nodes(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved, after the checks that read the edition's nodes: replace
    them by plain ones for builders without visitors."""
    if app.builder.format in OWN_MARKUP or output_of(app.builder) is Output.NOTHING:
        return  # the dummy builder, and the check's own (`make check`), write nothing
    for ref in list(doctree.findall(annotation_ref)):
        plain = nodes.inline("", "", *ref.children, ids=ref["ids"])
        number = nodes.inline("", f"[{ref['number']}]", classes=[EDITORIAL])
        # A lemma overlapping another is marked in parts: the number after the last.
        ref.replace_self([plain, number] if is_last_part(ref) else [plain])
    for note in list(doctree.findall(annotation)):
        head = nodes.paragraph(
            "", "", nodes.strong("", f"[{note['number']}]"), nodes.Text(" "),
            nodes.emphasis("", note["exact"]), nodes.Text(f"] {note['type_label']}"))
        note.replace_self(nodes.block_quote(
            "", head, *note.children, nodes.paragraph("", meta_text(note, app.config)),
            ids=note["ids"], classes=[EDITORIAL]))
    for wrapper in [n for n in doctree.findall(nodes.Element)
                    if isinstance(n, (annotated, annotation_notes))]:
        wrapper.replace_self(wrapper.children)
    for mark in [n for n in doctree.findall(nodes.Element) if isinstance(n, (gap, corr, sic))]:
        mark.replace_self(nodes.inline("", "", *mark.children, ids=mark["ids"]))
    for entry in list(doctree.findall(bibentry)):
        children = list(entry.children)
        _ids_to(children[0] if children else None, entry["ids"])
        entry.replace_self(children)
    if app.builder.format == "man":
        # A manual page cannot link within itself: its writer would print each internal
        # link's address ("<#person-stalin>") after the words.
        for link in list(doctree.findall(nodes.reference)):
            if link.get("internal") or link.get("refuri", "").startswith("#") or \
                    link.get("refid"):
                link.replace_self(nodes.inline("", "", *link.children))
