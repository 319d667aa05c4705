"""The outputs: the website (furo, the reading tools, cite this, downloads), the EPUB,
the PDF as a critical edition, and plain nodes for every other builder."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.output import assets, epub, pdf, plain, web


def setup(app: Sphinx) -> None:
    assets.register(app)
    # The website: theme, reading tools, cite this, downloads, sitemap.
    web.register(app)
    # The PDF as a critical edition: line-numbered essay, notes at the foot of the page.
    pdf.register(app)
    # The EPUB, with the accessibility metadata and markup Ace by DAISY checks.
    app.add_builder(epub.AccessibleEpub3Builder, override=True)
    # Builders without visitors of their own get plain nodes (text, man, texinfo, …),
    # after every check has read the edition's own nodes.
    app.connect("doctree-resolved", plain.to_plain_nodes, priority=900)
