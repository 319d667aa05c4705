"""The generated pages: the textual apparatus, the commentary index and the
contributors, filled from the domain when they are written."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.pages import lists


def setup(app: Sphinx) -> None:
    lists.setup(app)
