"""The edition's facts as readers read them, from conf.py: ``{edition-citation}`` (how to
cite the edition, in MLA 9) and ``{imprint}`` (what a press prints on the back of the
title page: the version and its date, the editors, the rights, how to cite, where the
edition is online). Stated once, in conf.py, they cannot disagree between the website,
the EPUB and the PDF. Where a fact is not known (the address of a copy built without
one), nothing is said of it.
"""

from __future__ import annotations

from typing import cast

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from edition.bibliography.entrystyle import mla_date
from edition.bibliography.names import curly, editors_in_sentence
from edition.config import settings
from edition.formats import is_website

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(iso: str) -> str:
    """2026-11-30 -> 30 November 2026, as a title page writes it (empty stays empty)."""
    if not iso:
        return ""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} {MONTHS[month - 1]} {year}"


def citation(config) -> list[nodes.Node]:
    """The edition in MLA 9: an edited work with no author, its title in italics, then
    "Edited by", the version, the full date and, where known, the address."""
    editors = editors_in_sentence(config.author)
    details = [f"Edited by {editors}", f"version {config.release}"]
    published = settings(config).published
    if published:
        details.append(mla_date(published))
    out: list[nodes.Node] = [nodes.emphasis("", curly(config.project)),
                             nodes.Text(". " + ", ".join(details))]
    address = (config.html_baseurl or "").strip()
    if address:
        out += [nodes.Text(", "), nodes.reference(address, address, refuri=address)]
    out.append(nodes.Text("."))
    return out


class CitationDirective(SphinxDirective):
    """``{edition-citation}``: how to cite the edition (MLA 9), as a paragraph."""

    has_content = False

    def run(self):
        paragraph = nodes.paragraph(classes=["edition-citation"])
        paragraph += citation(self.config)
        return [paragraph]


class ImprintDirective(SphinxDirective):
    """``{imprint}``: the back of the title page, in a few lines."""

    has_content = False

    def run(self):
        config = self.config
        version = f"Version {config.release}"
        published = settings(config).published
        if published:
            version += f", {long_date(published)}"
        editors = editors_in_sentence(config.author)
        # The year of this version (Sphinx rewrites copyright's to the build's year
        # where SOURCE_DATE_EPOCH is set).
        year = (published or config.copyright or "").strip()[:4]
        rights = self.parse_text_to_nodes(
            f"**Rights.** Editorial matter \u00a9 {year} {editors}. The essay is reproduced "
            "for the "
            "purpose of scholarly commentary; its author is unknown, and so are the terms "
            "on which the website that keeps it shows it (see "
            "[Rights](chapters/note-on-the-text.md#rights)).")
        cite = nodes.paragraph("", "", nodes.strong("", "How to cite. "),
                               *citation(config))
        box = nodes.container(classes=["edition-imprint"])
        box += nodes.paragraph("", f"{version}. Edited by {editors}.")
        box.extend(rights)
        box += cite
        return [box]


class version_note(nodes.General, nodes.Element):
    """``{version-note}``: on the website, nothing (the page's own list of changes
    follows); in the PDF, the EPUB and other books, the page it stands on is replaced by
    this short note on the version, which says where the changes are listed
    (:func:`short_changes_in_books`). The full list stays complete on the website."""


class VersionNoteDirective(SphinxDirective):
    has_content = False

    def run(self):
        config = self.config
        published = settings(config).published
        when = f", of {long_date(published)}" if published else ""
        text = (f"This is version {config.release} of the edition{when}. Every change from "
                "one version to the next, with the corrections each made, is listed on the "
                "Changes page of the edition's website")
        address = (config.html_baseurl or "").strip()
        paragraph = nodes.paragraph("", text)
        if address:
            page = address.rstrip("/") + "/" + self.env.docname + ".html"
            paragraph += [nodes.Text(", "), nodes.reference(page, page, refuri=page)]
        paragraph += nodes.Text(".")
        return [version_note("", paragraph)]


def short_changes_in_books(app, doctree: nodes.document, docname: str) -> None:
    """doctree-resolved: on the website the note goes; in a book the page keeps only its
    title and the note (the list is six printed pages of corrections)."""
    for note in list(doctree.findall(version_note)):
        if is_website(app.builder):
            note.parent.remove(note)
            continue
        section = cast(nodes.Element, note.parent)
        title = next((c for c in section.children if isinstance(c, nodes.title)), None)
        # The anchors of what goes stay, so that a link to a version still lands.
        anchors = [nodes.target("", "", ids=list(sub["ids"]))
                   for sub in section.findall(nodes.section) if sub is not section]
        section.children = []
        if title is not None:
            section += title
        section.extend([*note.children, *anchors])
