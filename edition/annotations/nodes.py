"""The annotations' nodes: a lemma with its note number, a note, the notes on one
paragraph, and the paragraph laid out with its notes, with their HTML, LaTeX and TEI
visitors.

EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve it too;
where EPUB needs other markup (``epub:type`` note semantics) they ask the builder.
In the PDF a note goes to the foot of the page at its lemma, keyed by line
(``reledmac.py``). Every other builder gets these nodes as plain docutils nodes
(``output/plain.py``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from edition import reledmac, repository
from edition.annotations.credits import signature
from edition.doctree import EDITORIAL, is_epub, passthrough, visitors
from edition.domain import edition_domain
from edition.teimarkup import el, no_departure, xml_id
from edition.text.nodes import paragraph_box


class annotation_ref(nodes.Inline, nodes.TextElement):
    """The lemma of an annotation in the reading text, followed by its note number.

    Attributes: ``annotation`` (id), ``number``, ``type``; ``part`` and ``parts`` where
    the lemma overlaps another and is marked in parts (the number follows the last)."""


def is_last_part(node) -> bool:
    return node.get("part", 1) == node.get("parts", 1)


def lemma_ids(ident: str, parts: int = 1) -> list[str]:
    """The ids of a note's lemma: one, or one a part where it overlaps another lemma
    (``quotes.py`` names the parts)."""
    return [f"lemma-{ident}", *(f"lemma-{ident}-part-{k}" for k in range(2, parts + 1))]


def lemma_parts(note) -> list[str]:
    """The ids of an annotation node's lemma, as anchoring marked it."""
    return lemma_ids(note["annotation"], note.get("parts", 1))


class annotation(nodes.General, nodes.Element):
    """One editorial note. Attributes: ``annotation`` (id), ``number``, ``type``,
    ``type_label``, ``authors`` (names), ``date``; its selector, ``exact`` (the lemma),
    ``prefix``, ``suffix``; ``file``, ``exact_line`` and ``chapter``, for messages."""


class annotation_notes(nodes.General, nodes.Element):
    """The notes on one paragraph, in the order of their lemmas."""


class annotated(paragraph_box):
    """A paragraph of the essay together with its notes (laid out side by side in HTML)."""


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
        _place_refs(self, node, _render(self, "noteref.html", node),
                    f'<sup class="edition-noteref-sep {EDITORIAL}">,</sup>')


@dataclass
class WaitingRefs:
    """Note numbers waiting for an outer lemma's, by the id of its node (build state:
    each is taken when the outer lemma is written, in the same document)."""

    by_node: dict[int, list[tuple[int, str]]] = field(default_factory=dict)


def _place_refs(translator, node, own: str, separator: str) -> None:
    """A lemma's note number, after its words. Where lemmas end on the same word (one
    holds the other to its end) their numbers would stand together and read as one
    ("65"): the inner lemma's number waits for the outer's, and they are written in
    order with a comma between ("5,6")."""
    waiting = edition_domain(translator.builder.env).build_state.of(WaitingRefs).by_node
    refs = [(node["number"], own), *waiting.pop(id(node), [])]
    parent = node.parent
    if isinstance(parent, annotation_ref) and parent.children[-1] is node \
            and is_last_part(parent):
        waiting.setdefault(id(parent), []).extend(refs)
        return
    translator.body.append(separator.join(ref for _, ref in sorted(refs)))


def _render(translator, template: str, node, **values) -> str:
    """One of the notes' templates (``templates/edition/``, which an edition's own
    templates_path can override), with the note's values."""
    return translator.builder.templates.render(f"edition/{template}", {
        "epub": is_epub(translator), "editorial": EDITORIAL, "ident": node["annotation"],
        "number": node["number"], "type": node["type"], **values})


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
    note = getattr(self, "edition_notes", {}).pop(node["annotation"], None)
    if reledmac.numbered(self):
        # The note goes to the foot of the page, keyed by line number and lemma.
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


def visit_annotation_html(self, node) -> None:
    self.body.append(_render(self, "note-start.html", node,
                             lemma=self.encode(node["exact"]),
                             type_label=self.encode(node["type_label"])))


def depart_annotation_html(self, node) -> None:
    self.body.append(_render(self, "note-end.html", node,
                             meta=self.encode(signature(node, self.builder.config)),
                             edit=_edit_address(self, node)))


def _edit_address(translator, node) -> str:
    """GitHub's editor for the note's file, where conf.py names the repository; the
    website only (an EPUB is read away from it)."""
    found = repository.of(translator.builder.config)
    if found is None or is_epub(translator) or not node.get("file"):
        return ""
    path = Path(node["file"]).resolve()
    srcdir = Path(translator.builder.srcdir).resolve()
    if not path.is_relative_to(srcdir):  # annotations kept outside the project
        return ""
    return html.escape(found.edit(path.relative_to(srcdir).as_posix()))


def visit_annotation_latex(self, node) -> None:
    docname = self.curfilestack[-1]
    target = f"note.{docname}:{node['annotation']}"
    if reledmac.numbered(self):
        # A note in series B, written at its lemma (depart_annotation_ref_latex).
        self.body.append(
            "\\editionfootnote{%s}{%s}{%s\\hypertarget{%s}{}}"
            % (node["number"], self.encode(node["type_label"]),
               self.hypertarget_to(node, anchor=True), target))
        return
    self.body.append(
        "\n\\begin{editionnote}{%s}{%s}{%s}%s\\hypertarget{%s}{}"
        % (node["number"], self.encode(node["exact"]), self.encode(node["type_label"]),
           self.hypertarget_to(node, anchor=True), target)
    )


def depart_annotation_latex(self, node) -> None:
    signed = signature(node, self.builder.config)
    if reledmac.numbered(self):
        # The kind is already at the head of the note: who wrote it and when, if not
        # the editors, the date kept whole on its line.
        if signed:
            who, _, when = signed.rpartition(", ")
            self.body.append("\\editionfootnotemeta{%s, \\mbox{%s}}"
                             % (self.encode(who), self.encode(when)))
        return
    meta = "\\editionnotemeta{%s}" % self.encode(signed) if signed else ""
    self.body.append(f"{meta}\n\\end{{editionnote}}\n")


def visit_annotated_latex(self, node) -> None:
    """An essay paragraph (marked ``numbered`` by ``output/pdf.py``) as reledmac's
    numbered text: its notes go to the foot of the page at their lemmas, so the
    paragraph's block of notes is not written; any note whose lemma was not met stays
    after it."""
    if not node.get("numbered"):
        return
    self.edition_notes = {n["annotation"]: n for n in node.findall(annotation)}
    self.edition_numbered = True
    self.body.append("\n\\beginnumbering\n\\pstart\n")
    for child in node.children:
        if isinstance(child, annotation_notes):
            continue
        if isinstance(child, nodes.paragraph):
            self.body.append(self.hypertarget_to(child) if child["ids"] else "")
            for part in child.children:
                part.walkabout(self)
        else:
            child.walkabout(self)
    self.body.append("\n\\pend\n\\endnumbering\n")
    self.edition_numbered = False
    left = [n for n in node.findall(annotation) if n["annotation"] in self.edition_notes]
    self.edition_notes = {}
    if left:
        self.body.append("\n\\begin{editionnotes}\n")
        for note in left:
            note.walkabout(self)
        self.body.append("\n\\end{editionnotes}\n")
    raise nodes.SkipNode


def _wrapper_html(css: str):
    def visit(self, node) -> None:
        self.body.append(self.starttag(node, "div", "", CLASS=css))

    def depart(self, node) -> None:
        self.body.append("</div>\n")

    return visit, depart


def _environment_latex(name: str):
    def visit(self, node) -> None:
        self.body.append(f"\n\\begin{{{name}}}\n")

    def depart(self, node) -> None:
        self.body.append(f"\n\\end{{{name}}}\n")

    return visit, depart


def visit_annotation_ref_tei(self, node) -> None:
    """A lemma as the ``seg`` its note's ``@target`` points to (each of its parts, where
    it overlaps another lemma: ``exports/tei.py``)."""
    ident = node["ids"][0] if node["ids"] else f"lemma-{node['annotation']}"
    self.open(node, el(self.parent, "seg", type="lemma", xml_id=xml_id(ident)))


def visit_annotation_tei(self, node) -> None:
    """A note is editorial, but not left out: the TEI's notes are written from it."""


#: The notes' HTML templates, after the edition's own templates_path (which can override
#: them) and before the theme's.
TEMPLATES = Path(__file__).parent / "templates"


def add_templates(app: Sphinx, config) -> None:
    """config-inited: the notes' templates where every HTML builder (the EPUB's too)
    looks."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))


def setup(app: Sphinx) -> None:
    app.add_node(annotation_ref, **visitors(
        (visit_annotation_ref_html, depart_annotation_ref_html),
        (visit_annotation_ref_latex, depart_annotation_ref_latex)),
        tei=(visit_annotation_ref_tei, no_departure))
    app.add_node(annotation, **visitors(
        (visit_annotation_html, depart_annotation_html),
        (visit_annotation_latex, depart_annotation_latex)),
        tei=(visit_annotation_tei, no_departure))
    app.add_node(annotation_notes, **visitors(
        _wrapper_html("edition-notes " + EDITORIAL), _environment_latex("editionnotes")))
    app.add_node(annotated, **visitors(_wrapper_html("edition-annotated"),
                                       (visit_annotated_latex, passthrough)))
