"""A note in each output: in HTML (and the EPUB) from the notes' templates, in LaTeX as
an environment or, in the PDF's numbered text, as an endnote printed in the Commentary;
the notes on a paragraph, and the paragraph laid out with them."""

from __future__ import annotations

import html
from pathlib import Path

from docutils import nodes

from edition import reledmac, repository
from edition.annotations.credits import signature
from edition.annotations.nodes import annotation, annotation_notes, render
from edition.doctree import is_epub


def visit_annotation_html(self, node) -> None:
    self.body.append(render(self, "note-start.html", node,
                             lemma=self.encode(node["exact"]),
                             type_label=self.encode(node["type_label"])))


def depart_annotation_html(self, node) -> None:
    self.body.append(render(self, "note-end.html", node,
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
    numbered text: its notes are written at their lemmas (as reledmac endnotes, printed
    in the Commentary), so the
    paragraph's block of notes is not written; any note whose lemma was not met stays
    after it."""
    if not node.get("numbered"):
        return
    text = reledmac.numbered_text(self)
    text.notes = {n["annotation"]: n for n in node.findall(annotation)}
    text.inside = True
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
    text.inside = False
    left = [n for n in node.findall(annotation) if n["annotation"] in text.notes]
    text.notes = {}
    if left:
        self.body.append("\n\\begin{editionnotes}\n")
        for note in left:
            note.walkabout(self)
        self.body.append("\n\\end{editionnotes}\n")
    raise nodes.SkipNode


def wrapper_html(css: str):
    def visit(self, node) -> None:
        self.body.append(self.starttag(node, "div", "", CLASS=css))

    def depart(self, node) -> None:
        self.body.append("</div>\n")

    return visit, depart


def environment_latex(name: str):
    def visit(self, node) -> None:
        self.body.append(f"\n\\begin{{{name}}}\n")

    def depart(self, node) -> None:
        self.body.append(f"\n\\end{{{name}}}\n")

    return visit, depart


def visit_annotation_tei(self, node) -> None:
    """A note is editorial, but not left out: the TEI's notes are written from it."""
