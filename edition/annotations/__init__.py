"""The annotations: one note per file, loaded and validated once, held in its chapter
as it is read, anchored to its lemma when it is written."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.annotations import anchoring, candidates, hints, holding, loading, nodes, records


def setup(app: Sphinx) -> None:
    nodes.setup(app)
    hints.add_key_hints()  # sphinxcontrib-bibtex's unknown key: "did you mean …?"
    app.connect("builder-inited", loading.report_invalid_files)
    app.connect("env-get-outdated", loading.outdated_chapters)
    app.add_event(holding.NOTE_HELD)
    app.add_transform(holding.HoldNotes)
    app.connect("doctree-read", records.record_notes, priority=500)
    app.connect("env-updated", loading.check_targets)
    app.add_post_transform(holding.LocateNoteLinks)
    app.add_post_transform(anchoring.AnchorAnnotations)
    app.add_post_transform(candidates.CandidateCitations)
