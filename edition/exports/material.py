"""What the exports are made from: the domain's records and the resolved doctrees.

Every document is resolved once per export, by the builder being run (the ``tei``
builder, or the HTML builder when the exports are written beside the website), so that
citations read as readers see them and every note is anchored to its lemma.
"""

from __future__ import annotations

import datetime as dt
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

from edition.annotations.nodes import annotation
from edition.bibliography.entries import bibentry
from edition.config import settings
from edition.domain import edition_domain


@dataclass
class PublishedNote:
    """What the Web Annotation collection needs of a note, as its page was written."""

    ident: str
    number: str | None
    text: str

    @classmethod
    def of(cls, note: annotation) -> PublishedNote:
        text = "\n\n".join(child.astext() for child in note.children).strip()
        return cls(note["annotation"], note.get("number"), text)


@dataclass
class KeptChapter:
    """What the exports keep of an essay chapter when its page is written: its notes'
    data and its TEI, made from the resolved doctree then, so that the doctree itself
    need not be kept until the exports are written. Kept whole, the pages of 10,000
    notes more than doubled the objects alive, and Python's garbage collector, which
    walks them all, made the HTML build take 47 s instead of 36 s."""

    notes: list[PublishedNote]
    tei_div: ET.Element
    tei_notes: list[ET.Element]


class ResolvedEdition:
    """The resolved doctrees of one build, by document, in reading order."""

    def __init__(self, app: Sphinx, builder: Builder,
                 resolved: dict[str, nodes.document] | None = None,
                 chapters: dict[str, KeptChapter] | None = None) -> None:
        self.app, self.builder, self.env = app, builder, app.env
        self.domain = edition_domain(self.env)
        self._resolved = dict(resolved or {})
        #: essay chapters already made into export material as their pages were written
        self.chapters = dict(chapters or {})
        #: essay chapters' parts of the TEI document, serialized (``teiparts.py``)
        self.tei_parts: dict = {}

    def doctree(self, docname: str) -> nodes.document:
        if docname not in self._resolved:
            self._resolved[docname] = self.env.get_and_resolve_doctree(
                docname, self.builder, tags=self.builder.tags)
        return self._resolved[docname]

    def published_notes(self, docname: str) -> list[PublishedNote]:
        kept = self.chapters.get(docname)
        if kept is not None:
            return kept.notes
        return [PublishedNote.of(note) for note in self.doctree(docname).findall(annotation)]

    def reading_order(self) -> list[str]:
        """Every document, in the order of the table of contents (then any other)."""
        order: list[str] = []

        def walk(docname: str) -> None:
            if docname in order:
                return
            order.append(docname)
            for child in self.env.toctree_includes.get(docname, []):
                walk(child)

        walk(self.app.config.root_doc)
        return order + sorted(set(self.env.found_docs) - set(order))

    def editorial_pages(self) -> list[str]:
        """The pages in reading order less the essay's chapters: where the front and
        back matter is looked for (the chapters hold the text and every note, and
        searching them would cost time in proportion to the notes)."""
        essay = set(self.domain.essay_chapters())
        return [docname for docname in self.reading_order() if docname not in essay]

    def title(self, docname: str) -> str:
        title = self.env.titles.get(docname)
        return title.astext() if title else docname

    def bibliography_pages(self) -> Iterator[tuple[str, list[bibentry]]]:
        for docname in self.editorial_pages():
            entries = list(self.doctree(docname).findall(bibentry))
            for entry in entries:
                _drop_repeated_paragraphs(entry)
            if entries:
                yield docname, entries

    def find_paragraph(self, starts: str) -> nodes.paragraph | None:
        """The first paragraph of an editorial page that begins with `starts`."""
        for docname in self.editorial_pages():
            for para in self.doctree(docname).findall(nodes.paragraph):
                if para.astext().startswith(starts):
                    return para
        return None

    def find_section(self, title: str, docname: str | None = None) -> nodes.section | None:
        for name in [docname] if docname else self.editorial_pages():
            for section in self.doctree(name).findall(nodes.section):
                heading = section.next_node(nodes.title)
                if heading is not None and heading.astext().strip() == title:
                    return section
        return None

    def witness_path(self) -> Path | None:
        return settings(self.app.config).witness


def _drop_repeated_paragraphs(entry: bibentry) -> None:
    """sphinxcontrib-bibtex shares an entry's rendered nodes between resolutions of a
    page, so each further resolution in one process (the HTML build resolves a page
    to write it, then again here) appends the entry's text once more. Keep each
    paragraph once."""
    seen: set[str] = set()
    for child in list(entry.children):
        if isinstance(child, nodes.paragraph):
            if child.astext() in seen:
                entry.remove(child)
            seen.add(child.astext())


def build_date() -> dt.datetime:
    """When the exports were made: SOURCE_DATE_EPOCH where set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
