"""The edition's Sphinx extension: registration only (see the modules for the logic)."""

from __future__ import annotations

from sphinx.application import Sphinx

from . import interventions, nodes

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    app.add_node(nodes.gap, **nodes.GAP_VISITORS)
    app.add_role("gap", interventions.GapRole())
    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
