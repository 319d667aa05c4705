"""The edition's Sphinx extension: each concept sets itself up (see its package)."""

from __future__ import annotations

from sphinx.application import Sphinx

from edition import (
    annotations,
    bibliography,
    config,
    domain,
    exports,
    heap,
    links,
    output,
    pages,
    quiet,
    registers,
    rereading,
    text,
    trust,
)

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict:
    quiet.setup()
    trust.setup(app)
    bibliography.setup(app)
    config.setup(app)
    app.add_domain(domain.EditionDomain)
    text.setup(app)
    annotations.setup(app)
    pages.setup(app)
    registers.setup(app)
    links.setup(app)
    rereading.setup(app)
    output.setup(app)
    exports.setup(app)
    heap.setup(app)
    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
