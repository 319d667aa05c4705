"""A note's lemma in each output: its words marked, its note number after them (in the
PDF, the note itself as an endnote printed in the Commentary, keyed by page and line:
``reledmac.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from edition import reledmac
from edition.annotations.nodes import annotation_ref, is_last_part, render
from edition.doctree import EDITORIAL
from edition.domain import edition_domain
from edition.teimarkup import el, xml_id


def visit_annotation_ref_html(self, node) -> None:
    if node.get("part", 1) > 1:  # a later part of an overlapping lemma: its note's id
        self.body.append(self.starttag(
            node, "span", "", CLASS=f"edition-lemma edition-lemma-{node['type']} "
            "edition-lemma-part", **{"data-note": node["annotation"]}))
        return
    self.body.append(self.starttag(node, "span", "", CLASS=f"edition-lemma "
                                                         f"edition-lemma-{node['type']}"))


def depart_annotation_ref_html(self, node) -> None:
    self.body.append("</span>")
    if is_last_part(node):
        _place_refs(self, node, render(self, "noteref.html", node),
                    f'<sup class="edition-noteref-sep {EDITORIAL}">,</sup>')


@dataclass
class WaitingRefs:
    """Note numbers waiting for an outer lemma's, by the id of its node (the writer's
    state: each is taken when the outer lemma is written, in the same document)."""

    by_node: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def _place_refs(translator, node, own: str, separator: str) -> None:
    """A lemma's note number, after its words. Where lemmas end on the same word (one
    holds the other to its end) their numbers would stand together and read as one
    ("65"): the inner lemma's number waits for the outer's, and they are written in
    order with a comma between ("5,6")."""
    waiting = edition_domain(translator.builder.env).build_state.of_writer(
        WaitingRefs, translator).by_node
    refs = [(node["number"], own), *waiting.pop(id(node), [])]
    parent = node.parent
    if isinstance(parent, annotation_ref) and parent.children[-1] is node \
            and is_last_part(parent):
        waiting.setdefault(id(parent), []).extend(refs)
        return
    translator.body.append(separator.join(ref for _, ref in sorted(refs)))


def visit_annotation_ref_latex(self, node) -> None:
    if not reledmac.numbered(self):
        return
    if node.get("parts", 1) > 1:
        # An overlapping lemma is not an \edtext (those nest, never cross): labels at its
        # start and end, and its note keyed by their lines (reledmac's \xxref).
        if node["part"] == 1:
            self.body.append(reledmac.edlabels(self, node))
        return
    self.body.append(rf"\edtext{{{reledmac.edlabels(self, node)}")


def depart_annotation_ref_latex(self, node) -> None:
    if not is_last_part(node):
        return
    target = f"note.{self.curfilestack[-1]}:{node['annotation']}"
    note = reledmac.numbered_text(self).notes.pop(node["annotation"], None)
    if reledmac.numbered(self):
        # The note becomes a reledmac endnote (the Commentary), keyed by line and lemma.
        lemma = note["exact"] if note is not None else node.astext()
        if node.get("parts", 1) > 1:
            docname = self.curfilestack[-1]
            start = reledmac.edlabel_name(docname, f"lemma-{node['annotation']}")
            end = reledmac.edlabel_name(docname, node["ids"][0])
            self.body.append(rf"\edlabel{{{end}}}\edtext{{}}{{\xxref{{{start}}}{{{end}}}")
        else:
            self.body.append("}{")  # the end of the \edtext's text
        self.body.append(rf"\lemma{{{self.encode(reledmac.short_lemma(lemma))}}}"
                         r"\Bfootnote{")
        if note is not None:
            written = len(self.body)
            note.walkabout(self)
            text = "".join(self.body[written:]).strip()
            del self.body[written:]
            self.body.append(text)
        self.body.append("}}")
    _place_refs(self, node, rf"\editionnoteref{{{target}}}{{{node['number']}}}",
                r"\textsuperscript{,}")


def visit_annotation_ref_tei(self, node) -> None:
    """A lemma as the ``seg`` its note's ``@target`` points to (each of its parts, where
    it overlaps another lemma: ``exports/tei.py``)."""
    ident = node["ids"][0] if node["ids"] else f"lemma-{node['annotation']}"
    self.open(node, el(self.parent, "seg", type="lemma", xml_id=xml_id(ident)))
