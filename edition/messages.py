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
    """Subtypes of ``edition`` warnings; ``docs/developer/warnings.md`` lists them."""

    #: An editorial intervention role names an unknown kind or is malformed.
    intervention = "intervention"
    #: An annotation file is malformed: YAML, fields, id, type, target, body.
    annotation = "annotation"
    #: An annotation's quote matches nothing, or more than once, or cannot be marked.
    anchor = "anchor"
    #: An external link is not https, carries tracking parameters, or differs from the
    #: bibliography record of the same work.
    link = "link"
    #: A register entry (persons, chronology) is malformed, uncited or unused.
    register = "register"
    #: An ``edition_*`` value in conf.py is wrong (e.g. the witness file is missing).
    config = "config"
    #: An essay chapter's reading text does not give back its witness paragraph.
    witness = "witness"
    #: A citation in the essay is written as plain text, or a regularization is unused
    #: or malformed.
    citation = "citation"
    #: A record in references.bib is a duplicate, incomplete for MLA, has a bad ISBN,
    #: DOI or URL, uses LaTeX the PDF cannot take, or is cited by nothing.
    bibliography = "bibliography"
    #: A page names a file outside the project (include, image, …).
    path = "path"
    #: Something would publish a file, run script or link outside the allowed
    #: addresses (``SECURITY.md``): a download or image that is not a declared asset,
    #: raw output or a non-https link in contributed text, a file read from outside the
    #: project, an address whose scheme is not allowed.
    unsafe = "unsafe"
    #: An open export (TEI, Web Annotations) cannot say something: a note's lemma is
    #: not found in the published text of its page, or a page is missing.
    export = "export"


def warn(message: str, subtype: Subtype, location=None) -> None:
    """Emit a located ``edition.<subtype>`` warning (an error under ``-W``)."""
    logger.warning(
        message,
        location=location,
        type=WARNING_TYPE,
        subtype=subtype.value,
    )
