"""Which output a builder makes: the one place that answers "is this the website?".

The website is every HTML builder but the EPUB's (Sphinx writes the EPUB with its HTML
translator); the PDF is LaTeX; the TEI is the edition's own builder (``exports/tei.py``).
"""

from __future__ import annotations

import enum

from sphinx.builders import Builder
from sphinx.builders.dummy import DummyBuilder

#: Sphinx's builders that make the website (each of them is_website()).
WEBSITE_BUILDERS = ("html", "dirhtml", "singlehtml")


class Output(enum.Enum):
    WEBSITE = "website"
    EPUB = "epub"
    PDF = "pdf"
    TEI = "tei"
    #: ``dummy`` and ``python -m edition check``: read and resolve, write nothing.
    NOTHING = "nothing"
    #: text, man, texinfo, …: plain nodes (``output/plain.py``).
    OTHER = "other"


def output_of(builder: Builder) -> Output:
    if builder.name.startswith("epub"):
        return Output.EPUB
    if builder.format == "html":
        return Output.WEBSITE
    if builder.format == "latex":
        return Output.PDF
    if builder.name == "tei":
        return Output.TEI
    if isinstance(builder, DummyBuilder):  # `dummy`, and the check's own (`make check`)
        return Output.NOTHING
    return Output.OTHER


def is_website(builder: Builder) -> bool:
    return output_of(builder) is Output.WEBSITE


def is_epub(builder: Builder) -> bool:
    return output_of(builder) is Output.EPUB


def is_pdf(builder: Builder) -> bool:
    return output_of(builder) is Output.PDF


def has_a_page_per_document(builder: Builder) -> bool:
    """The website as HTML pages, one a document (``html``, ``dirhtml``): not
    ``singlehtml``'s one page, nor the serializing builders (``json``, ``pickle``), whose
    format is HTML too. The Web Annotations point into each document's own page."""
    return builder.name in {"html", "dirhtml"}
