"""Annotations in the read phase: an essay chapter given its notes, held at its end until
it is written (``anchoring.py``), every role and link in a note located in the note's
own file and line.

A read-phase transform, after the paragraph is numbered and the persons its text names
are linked (the order: ``edition/events.py``). Each note, once parsed, is announced with the
event :data:`NOTE_HELD` (the registers link the persons it names), then every role and
linked mention in it is given its file and line.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition.annotations import bodies, loading, model
from edition.annotations.nodes import annotation, annotation_notes
from edition.doctree import EDITORIAL
from edition.domain import edition_domain
from edition.text.chapters import essay_section

#: The class of the block of notes held at the end of a chapter until it is written.
HOLDER_CLASS = "edition-pending-notes"
#: Emitted with (the chapter's document, the note's node) for each note held, before its
#: roles are located: what another concept adds to a note's prose goes in here.
NOTE_HELD = "edition-note-held"


class HoldNotes(SphinxTransform):
    """An essay chapter's notes, parsed and held at the end of its section."""

    default_priority = 702

    def apply(self, **kwargs) -> None:
        found = essay_section(self.env, self.document)
        if found is None:
            return
        for node, note in hold_notes(self.env, self.document, found[1], self.env.docname):
            self.env.events.emit(NOTE_HELD, self.document, node)
            bodies.locate_inline(node, note)


def hold_notes(env, doctree: nodes.document, section: nodes.Element,
               docname: str) -> list[tuple[annotation, model.Annotation]]:
    """The chapter's notes, parsed and held at the end of its section (until they are
    anchored, when the chapter is written), each with the record it was made from."""
    notes = loading.collection(env).by_chapter.get(docname, [])
    if not notes:
        return []
    md = bodies.markdown_for(env)
    holder = annotation_notes(classes=[HOLDER_CLASS, EDITORIAL])
    held = []
    stamps, file_of = loading.file_stamps(env), loading.collection(env).file_of
    edition_domain(env).note_note_files(docname, {
        path: stamps[path] for note in notes if (path := file_of[note.id]) in stamps})
    for note in notes:
        node = annotation(
            annotation=note.id, type=note.type, type_label=note.type_label,
            authors=[a.name for a in note.authors], date=note.date.isoformat(),
            exact=note.selector.exact,
            prefix=note.selector.prefix, suffix=note.selector.suffix,
            file=str(note.path), exact_line=note.exact_line, chapter=docname,
            ids=[f"note-{note.id}"], classes=[EDITORIAL],
        )
        node.source, node.line = str(note.path), note.body_line
        node.extend(bodies.parse_body(md, doctree, docname, note))
        holder += node
        held.append((node, note))
    section += holder
    return held


def held_notes(document: nodes.document) -> list[annotation]:
    """The notes held in a chapter, not yet anchored."""
    return [note for holder in document.findall(annotation_notes)
            if HOLDER_CLASS in holder["classes"] for note in holder.children
            if isinstance(note, annotation)]


class LocateNoteLinks(SphinxPostTransform):
    """Give a note's in-page Markdown links (``[text](#anchor)``) their line, before
    MyST resolves them and reports one that leads nowhere.

    MyST turns such a link into a cross-reference late in the read phase, at the line
    of its paragraph, so its message would point at the paragraph's first line."""

    # Before MyST's resolver (9), which reports what it cannot resolve.
    default_priority = 8

    def run(self, **kwargs) -> None:
        notes = None
        for node in self.document.findall(annotation):
            links = [ref for ref in node.findall(addnodes.pending_xref)
                     if ref.get("reftype") == "myst"]
            if not links:
                continue
            notes = notes or loading.collection(self.env).by_file
            note = notes.get(node["file"])
            if note is None:
                continue
            lines = bodies.NoteLines(note)
            for ref in links:
                ref.source = str(note.path)
                ref.line = lines.find(f"](#{ref['reftarget']})", note.body_line)
                for inner in ref.findall(nodes.Element):
                    inner.line = ref.line
