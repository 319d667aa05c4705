"""The text: the witness, the essay chapters' reading text and its interventions, and
the check that the reading text gives the witness back."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.text import interventions, nodes, numbering, records, safepaths, witnesscheck


def setup(app: Sphinx) -> None:
    nodes.setup(app)
    for name, role in interventions.ROLES.items():
        app.add_role(name, role())
    app.add_transform(numbering.NumberEssayParagraph)
    # Before the annotations record their notes, which are placed by its words.
    app.connect("doctree-read", records.record_essay_chapter, priority=400)
    app.add_post_transform(interventions.MarkRegularizations)
    # No page reads a file from outside the project.
    app.connect("source-read", safepaths.refuse_outside_paths)
    app.add_event(witnesscheck.WITNESS_EVENT)
    app.connect("doctree-resolved", witnesscheck.check_essay_chapter)
