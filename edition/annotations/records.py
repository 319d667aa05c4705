"""What the domain records of an essay chapter's notes as it is read (``doctree-read``):
each note placed by its quote in the witness paragraph, all the quotes found in one
pass, for the lists that give the notes in text order."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from edition.annotations.holding import held_notes
from edition.annotations.model import Selector
from edition.annotations.quotes import find_all
from edition.domain import END, NoteRecord, edition_domain


def record_notes(app: Sphinx, document: nodes.document) -> None:
    """doctree-read, after the text has recorded the chapter's witness paragraph."""
    domain = edition_domain(app.env)
    docname = app.env.docname
    if not domain.is_essay_chapter(docname):
        return
    domain.note_notes(docname, notes(document, domain.witness_text_of(docname)))


def notes(document: nodes.document, text: str) -> list[NoteRecord]:
    """The chapter's notes, each placed by its quote in the witness paragraph (quotes of
    regularized text sort last)."""
    held = held_notes(document)
    found = find_all(text, [Selector(n["exact"], n["prefix"], n["suffix"]) for n in held])
    return [NoteRecord(n["annotation"], n["type"], n["type_label"], tuple(n["authors"]),
                       n["date"], n["exact"], n["file"], starts[0] if starts else END)
            for n, starts in zip(held, found, strict=True)]
