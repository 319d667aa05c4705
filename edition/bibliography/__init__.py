"""The bibliography: the MLA styles for sphinxcontrib-bibtex, works-cited lists kept in
place in every format, and the checks on the records."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.bibliography import checks, citecache, entries, styles


def setup(app: Sphinx) -> None:
    # The edition's citations are sphinxcontrib-bibtex roles in its own styles.
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("edition.bibliography.plugincache")
    styles.register()
    citecache.install()
    entries.setup(app)
    # A citation written once for several candidate works links to none of them alone.
    app.connect("builder-inited", checks.hold_bib_errors, priority=400)
    app.connect("builder-inited", checks.release_bib_errors, priority=550)
    app.connect("builder-inited", checks.check_bibfiles, priority=600)
    app.connect("env-check-consistency", checks.check_unused_entries)
