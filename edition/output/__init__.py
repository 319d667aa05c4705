"""The outputs: the website (furo, the reading tools, cite this, downloads), the EPUB,
the PDF as a critical edition, and plain nodes for every other builder."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.output import assets, epub, web


def setup(app: Sphinx) -> None:
    assets.register(app)
    # The website's theme and its sitemap (its listeners: edition/events.py).
    web.register(app)
    # The EPUB, with the accessibility metadata and markup Ace by DAISY checks.
    app.add_builder(epub.AccessibleEpub3Builder, override=True)
