"""Pages filled from the domain: the textual apparatus and the commentary index.

``{apparatus}`` lists every intervention in the conventional *lemma ] witness reading*
form; ``{commentary-index}`` lists every annotation by chapter and type. Both are
placeholders at read time and are filled when the page is written, so they always
show what every chapter says now.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_refnode

from edition.annotations.credits import contributor_ids
from edition.annotations.model import TYPES
from edition.bibliography.entrystyle import mla_date
from edition.doctree import skip, visitors
from edition.domain import NoteRecord, edition_domain
from edition.formats import is_pdf
from edition.pages.commentary import entry, quoted, resolved_notes

WITNESS_SIGLUM = "W"


class generated_list(nodes.General, nodes.Element):
    """Placeholder for a list the extension fills from the domain at resolve time.

    Attribute ``kind``: "apparatus", "commentary" or "contributors". Replaced before
    writing."""


class ApparatusDirective(SphinxDirective):
    """``{apparatus}``: the textual apparatus of the whole essay."""

    kind = "apparatus"
    has_content = False

    def run(self):
        edition_domain(self.env).note_list_page(self.env.docname, self.kind)
        node = generated_list(kind=self.kind)
        self.set_source_info(node)
        return [node]


class CommentaryIndexDirective(ApparatusDirective):
    """``{commentary-index}``: every annotation, by chapter and type."""

    kind = "commentary"


class ContributorsDirective(ApparatusDirective):
    """``{contributors}``: every author of a note, with the notes they wrote."""

    kind = "contributors"


def listed(env: BuildEnvironment) -> str:
    """A digest of everything the generated lists show: each essay chapter's title,
    interventions and notes' records."""
    domain = edition_domain(env)
    notes = domain.annotations_by_chapter()
    shown = [(docname, env.titles[docname].astext() if docname in env.titles else "",
              domain.interventions_in(docname), notes.get(docname))
             for docname in domain.essay_chapters()]
    return hashlib.sha256(repr(shown).encode("utf-8")).hexdigest()


@dataclass
class ListsBefore:
    """What the generated lists showed before this build read anything (build state)."""

    digest: str | None = None
    #: whether this build reads an essay chapter again (unknown: as if it did)
    chapters_read: bool = True


def remember_lists(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """env-before-read-docs: what the lists show before this build reads anything, and
    whether it reads an essay chapter again (its notes' text may have changed)."""
    before = edition_domain(env).build_state.of(ListsBefore)
    before.digest = listed(env)
    before.chapters_read = bool(set(edition_domain(env).essay_chapters()) & set(docnames))


def list_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-get-updated: rewrite the generated pages when what they show has changed.
    Editing a note's words changes only the Commentary, which gives every note in full,
    and the index of persons, which says where each is named: at 10,000 notes, writing
    the other lists again was a second of every such rebuild."""
    domain = edition_domain(env)
    # The Commentary and the index of persons (where each person is named) follow the
    # chapters' text.
    following = [p for p in [domain.list_page("commentary"), *domain.persons_pages()] if p]
    before = domain.build_state.of(ListsBefore)
    if before.digest != listed(env):
        return sorted({*domain.list_pages(), *following})
    return following if before.chapters_read else []


def _para(*children) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def _item(*children) -> nodes.list_item:
    item = nodes.list_item()
    item += _para(*children)
    return item


class GeneratedLists:
    """Builds the lists for one page being written (``doctree-resolved``, as
    ``sphinx.ext.todo`` fills its list)."""

    def __init__(self, app: Sphinx, docname: str) -> None:
        self.app, self.docname = app, docname
        self.domain = edition_domain(app.env)

    def link(self, docname: str, target: str | None, child: nodes.Node) -> nodes.Node:
        return make_refnode(self.app.builder, self.docname, docname, target or "", child)

    def chapter_heading(self, docname: str) -> nodes.paragraph:
        title_node = self.app.env.titles.get(docname)
        title = title_node.astext() if title_node else docname
        return _para(nodes.strong("", "", self.link(docname, None, nodes.Text(title))))

    def apparatus(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for docname in self.domain.essay_chapters():
            records = self.domain.interventions_in(docname)
            if not records:
                continue
            out.append(self.chapter_heading(docname))
            items = nodes.bullet_list(classes=["edition-apparatus"])
            for rec in records:
                where = self.link(docname, rec.id, nodes.Text(f"\u00b6 {rec.paragraph}"))
                witness: nodes.Node
                if rec.witness:
                    witness = nodes.Text(rec.witness)
                else:
                    witness = nodes.emphasis("", "the witness breaks off")
                items += _item(
                    where, nodes.Text("  "), nodes.Text(rec.lemma), nodes.Text(" ] "),
                    witness, nodes.Text(" "), nodes.emphasis("", WITNESS_SIGLUM),
                    nodes.Text(f" \u2014 {rec.label}"),
                    *([nodes.Text(f". {rec.description}")] if rec.description else []),
                )
            out.append(items)
        return out

    def contributors(self) -> list[nodes.Node]:
        notes_by_author: dict[str, list[tuple[str, NoteRecord]]] = {}
        for docname, records in self.domain.annotations_by_chapter().items():
            for rec in sorted(records, key=lambda r: r.offset):
                for author in rec.authors:
                    notes_by_author.setdefault(author, []).append((docname, rec))
        out: list[nodes.Node] = []
        items = nodes.bullet_list(classes=["edition-contributors"])
        anchors = contributor_ids(notes_by_author)
        for author in sorted(notes_by_author, key=str.casefold):
            notes = notes_by_author[author]
            item = _item(nodes.strong("", author),
                         nodes.Text(f" — {len(notes)} note{'s' if len(notes) > 1 else ''}"))
            item["ids"].append(anchors[author])  # linked from the Web Annotations
            sub = nodes.bullet_list()
            for docname, rec in notes:
                sub += _item(self.link(docname, f"note-{rec.id}",
                                       nodes.Text(quoted(rec.exact))),
                             nodes.Text(f" ({rec.type_label.lower()}, "
                                        f"{mla_date(str(rec.date)).replace(' ', chr(0xA0))})"))
            item += sub
            items += item
        if notes_by_author:
            out.append(items)
        return out

    def commentary(self) -> list[nodes.Node]:
        """Every note in full, chapter by chapter in the order of the text; in the PDF,
        whose Commentary prints the notes as endnotes (``output/pdf.py``), an index of
        them by page and line
        (``output/pdf.py``)."""
        if is_pdf(self.app.builder):
            return self.commentary_index()
        out: list[nodes.Node] = []
        for docname in self.domain.essay_chapters():
            notes = resolved_notes(self.app, docname)
            if not notes:
                continue
            heading = self.chapter_heading(docname)
            heading["classes"].append("edition-commentary-chapter")
            out.append(heading)
            paragraph = self.domain.paragraph_of(docname)
            out.extend(entry(self.app, self.link, docname, paragraph, note)
                       for note in notes)
        return out

    def commentary_index(self) -> list[nodes.Node]:
        out: list[nodes.Node] = []
        for docname, records in self.domain.annotations_by_chapter().items():
            if not records:
                continue
            out.append(self.chapter_heading(docname))
            for kind, label in TYPES.items():
                of_kind = sorted((r for r in records if r.type == kind),
                                 key=lambda r: r.offset)
                if not of_kind:
                    continue
                out.append(_para(nodes.emphasis("", label)))
                items = nodes.bullet_list(classes=["edition-commentary-index"])
                for rec in of_kind:
                    items += _item(self.link(docname, f"note-{rec.id}",
                                             nodes.Text(quoted(rec.exact))))
                out.append(items)
        return out


def fill_generated_lists(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    lists = GeneratedLists(app, docname)
    for placeholder in list(doctree.findall(generated_list)):
        fill = getattr(lists, placeholder["kind"])
        placeholder.replace_self(fill() or [_para(nodes.Text("(None yet.)"))])


def setup(app: Sphinx) -> None:
    app.add_node(generated_list, **visitors((skip, None), (skip, None)))
    app.add_directive("apparatus", ApparatusDirective)
    app.add_directive("commentary-index", CommentaryIndexDirective)
    app.add_directive("contributors", ContributorsDirective)
