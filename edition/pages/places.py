"""The index of persons leads back to the text: under each person, where the essay names
them, paragraph by paragraph, and which notes do (``registers/persons.py`` leaves a
placeholder; the places are known once every chapter is read, and a note's number once
its chapter is resolved)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from edition.domain import edition_domain
from edition.pages.commentary import resolved_notes
from edition.registers.pages import person_places


def _numbers(app: Sphinx, docname: str, kept: dict) -> dict[str, int]:
    if docname not in kept:
        kept[docname] = {n["annotation"]: n["number"] for n in resolved_notes(app, docname)}
    return kept[docname]


def _places(app: Sphinx, docname: str, person: str, numbers: dict) -> nodes.paragraph:
    domain = edition_domain(app.env)
    by_chapter: dict[str, list] = {}
    for chapter, place in domain.places_of(person):
        by_chapter.setdefault(chapter, []).append(place)
    paragraph = nodes.paragraph(classes=["edition-person-places"])
    if not by_chapter:
        return paragraph
    paragraph += nodes.Text("Named in ")
    for k, (chapter, places) in enumerate(by_chapter.items()):
        if k:
            paragraph += nodes.Text("; ")
        paragraph += nodes.Text(f"\u00b6\u00a0{domain.paragraph_of(chapter)} (")
        in_text = next((p for p in places if p.note is None), None)
        if in_text:
            paragraph += make_refnode(app.builder, docname, chapter, in_text.target,
                                      nodes.Text("the text"))
        # A note is reached at its head, where the website opens it (the mention inside
        # a note closed in the margin would open nothing).
        in_notes = sorted((number, f"note-{p.note}") for p in places if p.note is not None
                          and (number := _numbers(app, chapter, numbers).get(p.note)))
        if in_notes:
            paragraph += nodes.Text(("; " if in_text else "") +
                                    ("notes\u00a0" if len(in_notes) > 1 else "note\u00a0"))
        for j, (number, target) in enumerate(in_notes):
            if j:
                paragraph += nodes.Text(", ")
            paragraph += make_refnode(app.builder, docname, chapter, target,
                                      nodes.Text(str(number)))
        paragraph += nodes.Text(")")
    paragraph += nodes.Text(".")
    return paragraph


def fill_person_places(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: each person's places in the text, linked."""
    numbers: dict = {}
    for placeholder in list(doctree.findall(person_places)):
        filled = _places(app, docname, placeholder["person"], numbers)
        placeholder.replace_self(filled if len(filled) else [])
