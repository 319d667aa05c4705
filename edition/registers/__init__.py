"""The registers: the index of persons (mentions linked by name) and the chronology."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.doctree import skip, visitors
from edition.registers import pages


def setup(app: Sphinx) -> None:
    app.add_node(pages.person_places, **visitors((skip, None), (skip, None)))
    app.add_directive("persons", pages.PersonsDirective)
    app.add_directive("chronology", pages.ChronologyDirective)
