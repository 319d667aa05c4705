"""The edition's Sphinx extension: each concept sets itself up (see its package)."""

from __future__ import annotations

import contextlib
import io
import logging

from sphinx.application import Sphinx

from edition import (
    annotations,
    bibliography,
    config,
    domain,
    exports,
    links,
    output,
    pages,
    registers,
    text,
)

__version__ = "0.1.0"

# A quiet build (issue 20): sphinxext-opengraph prints, on import, that matplotlib is
# missing, although conf.py turns its social cards off. Imported here first (conf.py
# lists this extension before it), it says nothing.
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(ImportError):
    import sphinxext.opengraph  # noqa: F401


class _NoSettingsDump(logging.Filter):
    """MyST-Parser logs its whole configuration on every build; a contributor reads
    progress and problems, not that."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "MdParserConfig(" not in record.getMessage()


def setup(app: Sphinx) -> dict:
    myst = logging.getLogger("sphinx.myst_parser.sphinx_ext.main")
    if not any(isinstance(f, _NoSettingsDump) for f in myst.filters):  # once a process
        myst.addFilter(_NoSettingsDump())
    bibliography.setup(app)
    config.setup(app)
    app.add_domain(domain.EditionDomain)
    text.setup(app)
    annotations.setup(app)
    pages.setup(app)
    registers.setup(app)
    links.setup(app)
    output.setup(app)
    exports.setup(app)
    return {
        "version": __version__,
        # Bump when the shape of stored environment data changes.
        "env_version": 7,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
