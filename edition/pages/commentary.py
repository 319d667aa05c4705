"""The Commentary: every note in full, in the order of the text, each with its number,
lemma, kind and place (chapter and ¶), so that it can be read through and a note cited
by number found.

A note's number and its text as readers read it (citations rendered, persons linked)
exist only once its chapter is resolved for writing: the anchoring (a post-transform)
numbers the notes in the order of their lemmas. So the Commentary resolves each essay
chapter's doctree again, as its own page is resolved, with the post-transforms alone
(no ``doctree-resolved`` event: the checks and exports that listen to it have already
seen that chapter) and takes copies of its notes, their ids dropped so that the
Commentary's ids stay unique and each note's own anchor stays in its chapter.
"""

from __future__ import annotations

from copy import deepcopy

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransformer
from sphinx.util import logging

from edition.annotations.credits import signature
from edition.annotations.nodes import annotation

#: Quotation marks inside a quoted lemma become single ones, as a quotation within a
#: quotation does: “the same ‘mistakes’”, never ““mistakes””.
NESTED_QUOTES = str.maketrans({"\u201c": "\u2018", "\u201d": "\u2019"})


def quoted(lemma: str) -> str:
    return f"\u201c{lemma.translate(NESTED_QUOTES)}\u201d"


def resolved_notes(app: Sphinx, docname: str) -> list[annotation]:
    """The notes of an essay chapter as its page shows them, numbered, in number order."""
    env = app.env
    doctree = env.get_doctree(docname)
    backup = env.current_document
    current = deepcopy(backup)  # as Sphinx's own apply_post_transforms does
    current.docname = docname
    try:
        env.current_document = current
        transformer = SphinxTransformer(doctree)
        transformer.set_environment(env)
        transformer.add_transforms(app.registry.get_post_transforms())
        # Its problems were reported when the chapter itself was resolved.
        with logging.suppress_logging():
            transformer.apply_transforms()
    finally:
        env.current_document = backup
    notes = [n for n in doctree.findall(annotation) if n.get("number")]
    return sorted(notes, key=lambda n: n["number"])


def _without_ids(node: nodes.Node) -> nodes.Node:
    copy = node.deepcopy()
    for inner in copy.findall(nodes.Element):
        inner["ids"] = []
        inner["names"] = []
        if "backrefs" in inner:
            inner["backrefs"] = []
    return copy


def entry(app: Sphinx, link, docname: str, paragraph: int | None,
          note: annotation) -> nodes.container:
    """One note of the Commentary: its head (number, lemma linked to the note in its
    chapter, kind, ¶), its text, and its author where it is not the editors'."""
    ident = note["annotation"]
    head = nodes.paragraph(classes=["edition-commentary-head"])
    head += nodes.strong("", str(note["number"]), classes=["edition-commentary-number"])
    head += nodes.Text(" ")
    head += link(docname, f"note-{ident}", nodes.Text(quoted(note["exact"])))
    head += nodes.Text(" ")
    head += nodes.emphasis("", note["type_label"], classes=["edition-commentary-kind"])
    if paragraph is not None:
        head += nodes.Text(f" \u00b7 \u00b6\u00a0{paragraph}")
    box = nodes.container(classes=["edition-commentary-entry",
                                   f"edition-commentary-{note['type']}"],
                          ids=[f"commentary-{ident}"])
    box += head
    box.extend(_without_ids(child) for child in note.children)
    signed = signature(note, app.config)
    if signed:
        box += nodes.paragraph("", signed, classes=["edition-commentary-signature"])
    return box
