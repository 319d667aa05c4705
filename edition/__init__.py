"""The edition's Sphinx extension: registration only (see the modules for the logic)."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import assets, bibcheck, bibliography, citations, config, essaycheck, interventions, nodes

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    # The edition's citations are sphinxcontrib-bibtex roles in its own styles.
    app.setup_extension("sphinxcontrib.bibtex")
    config.register(app)
    assets.register(app)

    app.add_node(nodes.gap, **nodes.GAP_VISITORS)
    app.add_role("gap", interventions.GapRole())

    citations.register()
    app.add_node(nodes.bibentry, **nodes.BIBENTRY_VISITORS)
    app.add_post_transform(bibliography.MlaEntries)
    app.connect("builder-inited", bibcheck.check_bibfiles, priority=600)
    app.connect("env-check-consistency", bibcheck.check_unused_entries)

    app.connect("doctree-resolved", essaycheck.check_essay_chapter)
    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
