"""The generated pages: the textual apparatus, the Commentary and the contributors,
filled from the domain when they are written; the edition's citation and imprint, from
conf.py."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.doctree import skip, visitors
from edition.pages import imprint, lists


def setup(app: Sphinx) -> None:
    lists.setup(app)
    app.add_directive("edition-citation", imprint.CitationDirective)
    app.add_directive("imprint", imprint.ImprintDirective)
    app.add_node(imprint.version_note, **visitors((skip, None), (skip, None)))
    app.add_directive("version-note", imprint.VersionNoteDirective)
