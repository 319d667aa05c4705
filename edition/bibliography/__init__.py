"""The bibliography: the MLA styles for sphinxcontrib-bibtex, works-cited lists kept in
place in every format, and the checks on the records."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.bibliography import citecache, entries, styles


def setup(app: Sphinx) -> None:
    # The edition's citations are sphinxcontrib-bibtex roles in its own styles.
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("edition.bibliography.plugincache")
    styles.register()
    citecache.install()
    entries.setup(app)
