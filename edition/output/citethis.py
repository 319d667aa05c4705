"""Cite this: the citation of every page (and of every paragraph of the essay) in MLA
and BibTeX, and the metadata reference managers and link previews read.

* In each page's head: the Highwire Press ``citation_*`` tags that Zotero's "Embedded
  Metadata" translator reads, chosen by its rules (:func:`highwire`). Open Graph tags
  come from sphinxext-opengraph, the canonical link from Sphinx (``html_baseurl``).
* In each page's body: a "Cite this page" box (MLA, BibTeX, copy buttons) and, in an
  essay chapter, the same for its witness paragraph (edition-cite.js offers it from the
  paragraph's number).

No address is ever made up: without ``html_baseurl`` (a local build) the citations
carry none and say so, ``og:url`` is left out, and there is no sitemap.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from urllib.parse import urljoin

from docutils import nodes
from sphinx.application import Sphinx

from edition.bibliography.entrystyle import mla_date
from edition.bibliography.names import curly, editors_in_sentence, title_case
from edition.config import settings
from edition.doctree import is_editorial
from edition.domain import edition_domain
from edition.formats import is_website
from edition.output import downloads


@dataclass(frozen=True)
class Work:
    """What a citation of one page needs."""

    title: str  # the page's title, or the edition's on its front page
    edition: str  # the edition's title
    editors: str
    version: str
    date: str  # ISO date of publication, e.g. 2026-11-27
    publisher: str
    url: str  # the page's address, or "" when the build has none
    front_page: bool
    paragraph: int | None = None

    @property
    def year(self) -> str:
        return self.date[:4]

    def with_paragraph(self, number: int) -> Work:
        url = f"{self.url}#paragraph-{number}" if self.url else ""
        return Work(**{**self.__dict__, "paragraph": number, "url": url})


def plain_title(title_html: str) -> str:
    """A page title as Sphinx gives it to templates (HTML) → plain text."""
    from html.parser import HTMLParser

    parts: list[str] = []

    class Text(HTMLParser):
        def handle_data(self, data):
            parts.append(data)

    parser = Text(convert_charrefs=True)
    parser.feed(title_html)
    parser.close()
    return " ".join("".join(parts).split())


# -- formats ----------------------------------------------------------------------------


def mla_html(work: Work) -> str:
    """MLA 9th edition: a page of an online edition (its title in quotation marks and
    title case, the edition as its container), or the edition itself (an edited work
    with no author: "Edited by" after its title); then the version, the full date, the
    paragraph and the address, after commas."""
    e = html.escape
    details = [f"edited by {e(editors_in_sentence(work.editors))}", f"version {e(work.version)}"]
    if work.date:
        details.append(e(mla_date(work.date)))
    if work.paragraph is not None:
        details.append(f"par. {work.paragraph}")
    if work.url:
        details.append(e(work.url))
    container = f"<i>{e(work.edition)}</i>"
    if work.front_page:
        details[0] = details[0][0].upper() + details[0][1:]
        return f"{container}. {', '.join(details)}."
    title = title_case(curly(work.title).rstrip("."))
    return f"\u201c{e(title)}.\u201d {container}, {', '.join(details)}."


def version_address(base: str, release: str) -> str:
    """The address a citation gives: that of the version read. On Read the Docs the
    `stable` version is the latest release, served at /stable/, which moves on with the
    next release; the release's own copy, at its tag's /v<release>/, stays (releases are
    tagged so: docs/developer/releases.md)."""
    if base and os.environ.get("READTHEDOCS_VERSION") == "stable" and "/stable/" in base:
        head, _, tail = base.rpartition("/stable/")
        return f"{head}/v{release}/{tail}"
    return base


def _bib(value: str) -> str:
    for char in "\\{}":
        value = value.replace(char, "")
    for char in "&%$#_":
        value = value.replace(char, "\\" + char)
    return value


def bibtex_key(pagename: str, paragraph: int | None = None) -> str:
    key = "edition-" + pagename.replace("/", "-")
    return f"{key}-par{paragraph}" if paragraph is not None else key


def bibtex(work: Work, pagename: str) -> str:
    fields: list[tuple[str, str]] = []
    if work.front_page:
        kind = "book"
        fields.append(("title", work.edition))
    else:
        kind = "incollection"
        fields += [("title", work.title), ("booktitle", work.edition)]
    fields += [
        ("editor", "{" + _bib(work.editors) + "}"),
        ("edition", f"version {work.version}"),
        ("publisher", work.publisher),
        ("year", work.year),
        ("date", work.date),
    ]
    fields = [(name, value) for name, value in fields if value]
    if work.paragraph is not None:
        fields.append(("note", f"par. {work.paragraph}"))
    if work.url:
        fields.append(("url", work.url))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(
        f"  {name.ljust(width)} = {{{value if name == 'editor' else _bib(value)}}}"
        for name, value in fields)
    return f"@{kind}{{{bibtex_key(pagename, work.paragraph)},\n{body}\n}}"


def highwire(work: Work, pdf_url: str, language: str,
             abstract: str = "") -> list[tuple[str, str]]:
    """The tags Zotero's "Embedded Metadata" translator reads, chosen by its rules
    (tests/zotero.py ports them):

    - a page of the edition is a section of a book: ``citation_inbook_title`` (the
      translator splits a tag name at ".", ":" and "_" and sends any whose second part
      is a known prefix to its RDF path: ``citation_book_title`` is read as Open
      Graph's ``book:title``, and the page became a book); the front page is the book
      (``og:type``, from sphinxext-opengraph);
    - no ``citation_author``: the edition names no person, and the translator splits
      every name of several words into a first and a last name ("The edition's" /
      "contributors"); a made-up person is worse than none;
    - ``citation_abstract``: whole sentences, without the editorial signs;
    - ``prism.edition``: the version (the RDF path gives it to Zotero's Edition);
    - the PDF, where there is one.
    """
    tags = [("citation_title", work.edition if work.front_page else work.title)]
    if not work.front_page:
        tags.append(("citation_inbook_title", work.edition))
    if work.date:
        tags += [("citation_publication_date", work.date.replace("-", "/")),
                 ("citation_date", work.date.replace("-", "/"))]
    tags.append(("citation_publisher", work.publisher))
    if abstract:
        tags.append(("citation_abstract", abstract))
    tags += [("citation_language", language), ("prism.edition", f"version {work.version}")]
    if work.url:
        tags.append(("citation_public_url", work.url))
    if pdf_url:
        tags.append(("citation_pdf_url", pdf_url))
    return tags


#: A sentence's end: . ! or ? (and any closing quotation marks), then a space or the end.
SENTENCE_END = re.compile(r"[.!?][\u201d\u2019\"')]*(?=\s|$)")
#: How long an abstract grows, in characters, before it stops at a sentence's end.
ABSTRACT_LENGTH = 300


def abstract(doctree: nodes.document | None) -> str:
    """The page's first paragraph of text, whole sentences to about
    :data:`ABSTRACT_LENGTH` characters (at least one), without editorial signs or
    numbers (the paragraph number, note numbers) and without the notes."""
    if doctree is None:
        return ""
    for para in doctree.findall(nodes.paragraph):
        if is_editorial(para) or _all_italic(para):
            continue
        text = " ".join("".join(str(t) for t in para.findall(nodes.Text)
                                if not is_editorial(t.parent)).split())
        if not text:
            continue
        ends = [match.end() for match in SENTENCE_END.finditer(text)] or [len(text)]
        cut = next((end for end in reversed(ends) if end <= ABSTRACT_LENGTH), ends[0])
        return text[:cut]
    return ""


def _all_italic(para: nodes.paragraph) -> bool:
    """A paragraph wholly in italics, as a subtitle under the title is: not a summary."""
    return len(para.children) == 1 and isinstance(para[0], nodes.emphasis)


# -- rendering ------------------------------------------------------------------------------


def cite_box(work: Work, pagename: str, ident: str, label: str, no_url_note: str) -> dict:
    """One "Cite this" box's data, for ``partials/edition-cite.html``."""
    return {"id": ident, "label": label, "paragraph": work.paragraph,
            "mla": mla_html(work), "bibtex": bibtex(work, pagename),
            "note": "" if work.url else no_url_note}


#: Where a copy has no web address (a local build), the citation gives none and the
#: page says nothing of it: no placeholder for readers.
NO_URL_NOTE = ""


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    # Pages of the edition only: not the search page, the index or the 404 page.
    if not is_website(app.builder) or doctree is None \
            or pagename == getattr(app.config, "notfound_pagename", "404"):
        return
    config = app.config
    base = version_address(config.html_baseurl, config.release)
    url = urljoin(base.rstrip("/") + "/", app.builder.get_target_uri(pagename)) if base \
        else ""
    front = pagename == config.root_doc
    title = plain_title(context.get("title") or "") or config.project
    work = Work(title=title, edition=config.project, editors=config.author,
                version=config.version, date=settings(config).published,
                publisher=config.epub_publisher or config.author, url=url,
                front_page=front)

    links = downloads.links(app, pagename)
    pdf = links.get("pdf", "")
    if pdf and not pdf.startswith(("http://", "https://")):
        # Highwire wants an absolute address; a relative one only where there is no base.
        pdf = urljoin(url, pdf) if url else pdf
    summary = abstract(doctree)
    meta = "".join(f'\n<meta name="{name}" content="{html.escape(value)}" />'
                   for name, value in highwire(work, pdf, config.language or "en", summary))
    if summary:  # what search engines and link previews show
        meta += (f'\n<meta name="description" content="{html.escape(summary)}" />'
                 f'\n<meta property="og:description" content="{html.escape(summary)}" />')
    context["metatags"] = context.get("metatags", "") + meta

    boxes = [cite_box(work, pagename, "edition-cite-page", "Cite this page", NO_URL_NOTE)]
    paragraph = edition_domain(app.env).paragraph_of(pagename)
    if paragraph is not None:
        boxes.append(cite_box(work.with_paragraph(paragraph), pagename,
                              f"edition-cite-paragraph-{paragraph}",
                              f"Cite \u00b6 {paragraph}", NO_URL_NOTE))
    context["edition_cite"] = {"boxes": boxes}


def drop_relative_og_url(app: Sphinx, pagename: str, templatename: str, context: dict,
                         doctree) -> None:
    """sphinxext-opengraph writes a relative ``og:url`` when there is no site address;
    Open Graph requires an absolute one, and the edition does not invent it."""
    if app.config.html_baseurl or "metatags" not in context:
        return
    context["metatags"] = "\n".join(
        line for line in context["metatags"].split("\n")
        if not line.lstrip().startswith('<meta property="og:url"'))

