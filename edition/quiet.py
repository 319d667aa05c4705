"""A quiet build (issue 20): what Sphinx and the other extensions would print on every
build that a contributor can do nothing about. Progress and problems still show."""

from __future__ import annotations

import contextlib
import io
import logging

# sphinxext-opengraph prints, on import, that matplotlib is missing, although conf.py
# turns its social cards off. Imported here first (conf.py lists this extension before
# it), it says nothing.
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(ImportError):
    import sphinxext.opengraph  # noqa: F401

#: furo declares `pygments_dark_style` when its theme is loaded, after Sphinx has compared
#: the settings with the saved ones: every incremental build would say this, whatever
#: the setting's value (nothing is re-read for it).
FURO_SETTING_LINE = "The configuration has changed (1 option: 'pygments_dark_style')"


class _Unhelpful(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        # MyST-Parser logs its whole configuration on every build.
        return "MdParserConfig(" not in message and message != FURO_SETTING_LINE


def setup() -> None:
    """Once a process (tests set up many builds in one)."""
    for name in ("sphinx.myst_parser.sphinx_ext.main", "sphinx.sphinx.environment"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _Unhelpful) for f in logger.filters):
            logger.addFilter(_Unhelpful())
