"""The edition's Sphinx extension: each concept declares what it adds (see its package);
``events.py`` says when each of its listeners and transforms runs."""

# No `from __future__ import annotations` here: its name would be this package's
# `annotations` module.
from sphinx.application import Sphinx

from edition import (
    annotations,
    bibliography,
    config,
    domain,
    events,
    exports,
    links,
    output,
    pages,
    quiet,
    registers,
    rereading,
    text,
    trust,
)

#: The extension's version, which Sphinx records; the package's too (pyproject.toml).
__version__ = "0.2.0"


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
    # Last: every event the listeners need has been declared.
    events.register(app)
    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
