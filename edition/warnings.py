"""The edition's warning type and its documented subtypes.

Every message the extension emits goes through :func:`warn`, so that each one points
at a file and line, carries ``type="edition"`` and a subtype from :class:`Subtype`, and
can be named in ``suppress_warnings`` (which the edition never does: with ``-W`` each
of these fails the build).
"""

from __future__ import annotations

import enum

from sphinx.util import logging

logger = logging.getLogger("edition")

WARNING_TYPE = "edition"


class Subtype(enum.Enum):
    """Subtypes of ``edition`` warnings; ``docs`` lists them for contributors."""

    #: An editorial intervention role names an unknown kind or is malformed.
    intervention = "intervention"


def warn(message: str, subtype: Subtype, location=None) -> None:
    """Emit a located ``edition.<subtype>`` warning (an error under ``-W``)."""
    logger.warning(
        message,
        location=location,
        type=WARNING_TYPE,
        subtype=subtype.value,
    )
