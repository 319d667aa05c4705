"""The text: the witness, the essay chapters' reading text and its interventions, and
the check that the reading text gives the witness back."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.text import interventions, nodes, witnesscheck


def setup(app: Sphinx) -> None:
    nodes.setup(app)
    for name, role in interventions.ROLES.items():
        app.add_role(name, role())
    app.add_event(witnesscheck.WITNESS_EVENT)
