"""The notes as W3C Web Annotations: ``annotations.jsonld`` in the HTML output.

An ``AnnotationCollection`` (Web Annotation Data Model, JSON-LD context
``http://www.w3.org/ns/anno.jsonld``) whose first page holds every note as an
``Annotation``:

- ``motivation`` by note type: commentary → ``commenting``, source → ``identifying``,
  textual → ``editing``;
- ``creator`` (the note's authors; an ORCID, where given, as the creator's ``id``) and
  ``created`` (the day the note records; notes record no time, so midnight UTC);
- two ``TextualBody`` bodies: the note as HTML (its links made relative to the
  collection, or absolute with ``html_baseurl``) and as plain text;
- a ``SpecificResource`` target whose ``source`` is the page's canonical address
  (``html_baseurl`` + the page), with a ``TextQuoteSelector`` (exact, prefix, suffix)
  and a ``TextPositionSelector`` counted in the text of the published page
  (``pagetext.py``). Without ``html_baseurl`` (a local build) addresses are relative to
  the collection, and the collection says so.

The TEI document is written beside it, so that the website publishes both
(``make html``, ``make all`` and the Read the Docs build alike).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from edition.annotations import loading
from edition.annotations.nodes import annotation
from edition.domain import edition_domain
from edition.exports import unchanged
from edition.exports.annotationcollection import (
    FILENAME,
    Publication,
    base_address,
    page_address,
)
from edition.exports.annotationparts import PublishedPart
from edition.exports.chaptercache import ChapterCache, ChapterExport
from edition.exports.material import KeptChapter, PublishedNote, ResolvedEdition
from edition.exports.pagetext import PageText, page_text, parse_page
from edition.exports.tei import TeiDocument, write_tei
from edition.exports.teiparts import tei_part
from edition.formats import has_a_page_per_document
from edition.messages import Subtype, warn

logger = logging.getLogger(__name__)

MOTIVATIONS = {"commentary": "commenting", "source": "identifying", "textual": "editing"}
#: Characters of context kept before and after the exact text, at least.
CONTEXT_CHARS = 32

def quote_selector(text: str, start: int, end: int) -> dict:
    """A TextQuoteSelector for text[start:end] whose prefix+exact+suffix occurs once."""
    exact = text[start:end]
    size = CONTEXT_CHARS
    while True:
        prefix, suffix = text[max(0, start - size):start], text[end:end + size]
        quote = prefix + exact + suffix
        if text.count(quote) == 1 or (start - size <= 0 and end + size >= len(text)):
            return {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix,
                    "suffix": suffix}
        size *= 2


def published_notes(tree, page: str) -> dict[str, str]:
    """Each note's body as the page publishes it (note id -> HTML), its links made
    relative to the collection (or absolute): read off the written page (parsed with
    lxml), not rendered a second time. Rewrites the links in `tree`."""
    from lxml import html as lxml_html

    bodies = {}
    for note in tree.xpath("//div[starts-with(@id, 'note-')]"
                           "[contains(concat(' ', @class, ' '), ' edition-note ')]"):
        holder = next(iter(note.xpath("./details")), note)
        parts = [child for child in holder if child.tag != "summary" and
                 "edition-note-meta" not in (child.get("class") or "").split()]
        for part in parts:
            for link in part.xpath(".//a[@href]"):
                href = link.get("href")
                if "://" not in href and not href.startswith("mailto:"):
                    link.set("href", urljoin(page, href))
        bodies[note.get("id").removeprefix("note-")] = "".join(
            lxml_html.tostring(part, encoding="unicode", with_tail=False)
            for part in parts).strip()
    return bodies


def chapter_items(app: Sphinx, docname: str, notes: list[PublishedNote],
                  records: dict) -> list[dict] | None:
    """The Web Annotations of one essay chapter's notes, anchored in its written page;
    None when the page is missing (reported)."""
    base = base_address(app)
    page = page_address(app, docname)
    path = Path(app.builder.outdir) / cast(StandaloneHTMLBuilder,
                                           app.builder).get_outfilename(docname)
    if not path.is_file():
        warn(f"the page {path} is missing: its notes cannot be exported as Web "
             "Annotations", Subtype.export, location=(docname, 1))
        return None
    tree = parse_page(path.read_text(encoding="utf-8"))
    published: PageText = page_text(tree)
    bodies = published_notes(tree, page)
    items = []
    for note in notes:
        ident = note.ident
        record = records.get(ident)
        span = published.lemma_span(ident)
        if record is None or span is None:
            warn(f"note {ident!r}: its lemma is not in the published page {path.name}, "
                 "so it cannot be exported as a Web Annotation", Subtype.export,
                 location=f"{record.path}:{record.exact_line}" if record else None)
            continue
        start, end = span
        items.append({
            "id": f"{base}{FILENAME}#{ident}",
            "type": "Annotation",
            "label": f"Note {note.number}: {record.type_label}",
            "motivation": MOTIVATIONS.get(record.type, "commenting"),
            "created": f"{record.date.isoformat()}T00:00:00Z",
            "body": [
                {"type": "TextualBody", "format": "text/html", "language": "en",
                 "value": bodies.get(ident, "")},
                {"type": "TextualBody", "format": "text/plain", "language": "en",
                 "value": note.text},
            ],
            "target": {
                "type": "SpecificResource",
                "source": page,
                "selector": [
                    quote_selector(published.text, start, end),
                    {"type": "TextPositionSelector", "start": start, "end": end},
                ],
            },
        })
    return items


@dataclass
class WrittenPages:
    """What the exports keep of the pages this build has written (its build state)."""

    #: editorial pages, as resolved
    resolved: dict[str, nodes.document] = field(default_factory=dict)
    #: essay chapters, made into export material
    chapters: dict[str, KeptChapter] = field(default_factory=dict)
    #: the TEI document that makes their material
    tei: TeiDocument | None = None


def keep_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved, website builders, last: keep what the exports need of each page
    as it is written, so that they need not resolve it a second time. Of an essay
    chapter, the export material is made now (``KeptChapter``) and the doctree let go;
    the editorial pages, few and small, are kept as they are. The HTML writer reads the
    doctree and changes nothing the exports read."""
    if not has_a_page_per_document(app.builder):
        return
    domain = edition_domain(app.env)
    kept = domain.build_state.of(WrittenPages)
    if kept.tei is None:
        kept.tei = TeiDocument(ResolvedEdition(app, app.builder))
    if not domain.is_essay_chapter(docname):
        kept.resolved[docname] = doctree
        return
    kept.chapters[docname] = chapter_material(kept.tei, doctree, docname)


def chapter_material(tei: TeiDocument, doctree: nodes.document, docname: str) -> KeptChapter:
    return KeptChapter(notes=[PublishedNote.of(note) for note in doctree.findall(annotation)],
                       tei_div=tei.chapter_div(docname, doctree),
                       tei_notes=tei.chapter_notes(doctree))


def chapter_exports(app: Sphinx, sources: ResolvedEdition, publication: Publication,
                    ) -> list[PublishedPart]:
    """Every essay chapter's export material, into `sources`, and its Web Annotations
    as published, in reading order. A chapter whose page this build wrote is made into
    material now and kept for later builds; any other is taken as kept
    (``chaptercache.py``), or, when none is, made from its resolved doctree."""
    cache = ChapterCache(Path(app.env.doctreedir) / "edition-exports")
    records = {note.id: note for note in loading.collection(app.env).notes}
    written = dict(sources.chapters)
    chapters = sources.domain.essay_chapters()
    parts = []
    tei = None
    for docname in chapters:
        kept = None if docname in written else cache.load(docname)
        if kept is None:
            tei = tei or TeiDocument(sources)
            material = written.get(docname) or chapter_material(
                tei, sources.doctree(docname), docname)
            annotations = chapter_items(app, docname, material.notes, records)
            if annotations is None:
                continue
            kept = ChapterExport(tei_part(material.tei_div, material.tei_notes),
                                 publication.publish(annotations))
            cache.store(docname, kept)
        elif (again := publication.again(kept.annotations)) is not kept.annotations:
            kept = replace(kept, annotations=again)  # its creators changed
            cache.store(docname, kept)
        sources.tei_parts[docname] = kept.tei
        parts.append(kept.annotations)
    cache.forget_all_but(set(chapters))
    return parts


def write_html_exports(app: Sphinx, exception: Exception | None) -> None:
    """build-finished, website builders: ``annotations.jsonld`` and the TEI document."""
    if exception is not None or not has_a_page_per_document(app.builder):
        return
    if not edition_domain(app.env).essay_chapters():
        return
    written = edition_domain(app.env).build_state.of(WrittenPages)
    sources = ResolvedEdition(app, app.builder, written.resolved, written.chapters)
    publication = Publication(app)
    parts = chapter_exports(app, sources, publication)
    path = Path(app.builder.outdir) / FILENAME
    unchanged.write_bytes(path, publication.encoded(parts))
    tei = write_tei(app, app.builder, Path(app.builder.outdir), sources=sources)
    logger.info("Web Annotations: %s; TEI: %s", path, tei)
