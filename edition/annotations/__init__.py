"""The annotations: one note per file, loaded and validated once, held in its chapter
as it is read, anchored to its lemma when it is written."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.annotations import hints, holding, lemma, note
from edition.annotations.nodes import annotated, annotation, annotation_notes, annotation_ref
from edition.doctree import EDITORIAL, passthrough, visitors
from edition.teimarkup import no_departure


def setup(app: Sphinx) -> None:
    app.add_node(annotation_ref, **visitors(
        (lemma.visit_annotation_ref_html, lemma.depart_annotation_ref_html),
        (lemma.visit_annotation_ref_latex, lemma.depart_annotation_ref_latex)),
        tei=(lemma.visit_annotation_ref_tei, no_departure))
    app.add_node(annotation, **visitors(
        (note.visit_annotation_html, note.depart_annotation_html),
        (note.visit_annotation_latex, note.depart_annotation_latex)),
        tei=(note.visit_annotation_tei, no_departure))
    app.add_node(annotation_notes, **visitors(
        note.wrapper_html("edition-notes " + EDITORIAL),
        note.environment_latex("editionnotes")))
    app.add_node(annotated, **visitors(note.wrapper_html("edition-annotated"),
                                       (note.visit_annotated_latex, passthrough)))
    hints.add_key_hints()  # sphinxcontrib-bibtex's unknown key: "did you mean …?"
    app.add_event(holding.NOTE_HELD)
