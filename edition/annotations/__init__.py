"""The annotations: one note per file, loaded and validated once, held in its chapter
as it is read, anchored to its lemma when it is written."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.annotations import hints, holding, nodes


def setup(app: Sphinx) -> None:
    nodes.setup(app)
    hints.add_key_hints()  # sphinxcontrib-bibtex's unknown key: "did you mean …?"
    app.add_event(holding.NOTE_HELD)
