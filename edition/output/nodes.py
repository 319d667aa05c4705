"""The edition's doctree nodes and their visitors, one per output format.

EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve it too;
where EPUB needs other markup (``epub:type`` note semantics) they ask the builder.
Every other builder (text, man, texinfo, …) gets these nodes replaced by plain docutils
nodes before writing (``plainnodes.py``).
"""

from __future__ import annotations

import re

from docutils import nodes

EDITORIAL = "edition-editorial"  # class of everything that is not the essay's words


def _is_epub(translator) -> bool:
    return translator.builder.name.startswith("epub")


def _pass(self, node) -> None:
    pass


def _skip(self, node) -> None:
    raise nodes.SkipNode


def _visitors(html, latex):
    """HTML (which writes the EPUB too) and LaTeX; every other builder gets the nodes
    as plain docutils nodes (``plainnodes.py``)."""
    return {"html": html, "latex": latex}


# -- interventions ------------------------------------------------------------------------


class gap(nodes.Inline, nodes.TextElement):
    """A lacuna in the reading text; its text is the sign […].

    Attributes: ``kind`` (a key of ``interventions.GAP_KINDS``), ``witness`` (what the
    witness has here) and ``description`` (what readers are told).
    """


class corr(nodes.Inline, nodes.TextElement):
    """A corrected slip; its text is the correction. Attributes: ``witness``."""


class sic(nodes.Inline, nodes.TextElement):
    """An error kept as it stands: its text is the witness's, followed by an editorial
    ``[sic]`` sign (an inline with the editorial class)."""


def visit_titled_span_html(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", title=node["description"]))


def depart_span_html(self, node) -> None:
    self.body.append("</span>")


def visit_anchored_latex(self, node) -> None:
    """The node's ids as hyperref anchors (the apparatus links to each intervention)."""
    self.body.append(self.hypertarget_to(node, anchor=True))


# In the PDF, an essay paragraph is reledmac's line-numbered text (``\pstart`` …
# ``\pend``, see ``visit_annotated_latex``): each intervention is an ``\edtext`` with a
# note in series A (the textual apparatus, *lemma ] reading W*), each lemma an
# ``\edtext`` with its note in series B (the commentary), at the foot of its page.
# Outside numbered text (test projects, other pages) the nodes keep their plain form.

WITNESS_SIGLUM = r"\textit{W}"


def _numbered(self) -> bool:
    return getattr(self, "edition_numbered", False)


def edlabel_name(docname: str, ident: str) -> str:
    """A reledmac label (page and line of a place in the numbered text)."""
    return "edition." + re.sub(r"[^A-Za-z0-9]+", ".", f"{docname}.{ident}")


def _edlabels(self, node) -> str:
    docname = self.curfilestack[-1]
    return "".join(rf"\edlabel{{{edlabel_name(docname, i)}}}" for i in node["ids"])


def short_lemma(text: str) -> str:
    """A long lemma abbreviated as printed editions do: its first words … its last."""
    words = text.split()
    if len(words) <= 5:
        return " ".join(words)
    return f"{words[0]} {words[1]} \u2026 {words[-1]}"


def _apparatus_entry(self, lemma: str, reading: str) -> str:
    r"""``\lemma{…}\Afootnote{reading W}``: reading already LaTeX."""
    return (rf"{{\lemma{{{self.encode(short_lemma(lemma))}}}"
            rf"\Afootnote{{{reading}\editionsiglum{{{WITNESS_SIGLUM}}}}}}}")


def visit_gap_latex(self, node) -> None:
    if not _numbered(self):
        return visit_anchored_latex(self, node)
    text = node.astext()
    sign = text.strip()
    reading = (self.encode(node["witness"]) if node["witness"]
               else r"\textit{breaks off,}")
    self.body.append(
        text[: len(text) - len(text.lstrip())] + self.hypertarget_to(node, anchor=True)
        + rf"\edtext{{{_edlabels(self, node)}{self.encode(sign)}}}"
        + _apparatus_entry(self, sign, reading + " "))
    raise nodes.SkipNode


def visit_corr_latex(self, node) -> None:
    if not _numbered(self):
        return visit_anchored_latex(self, node)
    self.body.append(self.hypertarget_to(node, anchor=True)
                     + rf"\edtext{{{_edlabels(self, node)}")
    _walk(self, node.children)  # a lemma may lie inside (a note on the slip)
    self.body.append("}" + _apparatus_entry(self, node.astext(),
                                            self.encode(node["witness"]) + " "))
    raise nodes.SkipNode


def visit_sic_latex(self, node) -> None:
    if not _numbered(self):
        return visit_anchored_latex(self, node)
    sign = [c for c in node.children if EDITORIAL in getattr(c, "get", dict)(
        "classes", [])]
    self.body.append(self.hypertarget_to(node, anchor=True)
                     + rf"\edtext{{{_edlabels(self, node)}")
    _walk(self, [c for c in node.children if c not in sign])
    self.body.append("}" + _apparatus_entry(self, node["witness"], r"\textit{sic} "))
    _walk(self, sign)
    raise nodes.SkipNode


def _walk(self, children) -> None:
    for child in children:
        child.walkabout(self)


class regularized(nodes.Inline, nodes.Element):
    """PDF only: a regularized citation in numbered text, wrapped so that its apparatus
    entry goes to the foot of the page (``latex.py``). Attributes: ``lemma`` (what
    readers see), ``witness`` (what the witness has)."""


def visit_regularized_latex(self, node) -> None:
    self.body.append(rf"\edtext{{{_edlabels(self, node)}")


def depart_regularized_latex(self, node) -> None:
    self.body.append("}" + _apparatus_entry(self, node["lemma"],
                                            self.encode(node["witness"]) + " "))


GAP_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                         (visit_gap_latex, _pass))
CORR_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                          (visit_corr_latex, _pass))
SIC_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                         (visit_sic_latex, _pass))
REGULARIZED_VISITORS = {"latex": (visit_regularized_latex, depart_regularized_latex)}


# -- annotations ----------------------------------------------------------------------------


class annotation_ref(nodes.Inline, nodes.TextElement):
    """The lemma of an annotation in the reading text, followed by its note number.

    Attributes: ``annotation`` (id), ``number``, ``type``."""


class annotation(nodes.General, nodes.Element):
    """One editorial note. Attributes: ``annotation`` (id), ``number``, ``type``,
    ``type_label``, ``authors`` (names), ``date``, ``lemma``, ``docname``."""


class annotation_notes(nodes.General, nodes.Element):
    """The notes on one paragraph, in the order of their lemmas."""


class annotated(nodes.General, nodes.Element):
    """A paragraph of the essay together with its notes (laid out side by side in HTML)."""


def visit_annotation_ref_html(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS=f"edition-lemma "
                                                         f"edition-lemma-{node['type']}"))


def depart_annotation_ref_html(self, node) -> None:
    ident, number = node["annotation"], node["number"]
    epub = ' epub:type="noteref"' if _is_epub(self) else ""
    self.body.append(
        f'</span><a class="edition-noteref {EDITORIAL}" href="#note-{ident}"{epub} '
        f'role="doc-noteref" aria-label="Note {number}"><sup>{number}</sup></a>'
    )


def visit_annotation_ref_latex(self, node) -> None:
    if _numbered(self):
        self.body.append(rf"\edtext{{{_edlabels(self, node)}")


def depart_annotation_ref_latex(self, node) -> None:
    target = f"note.{self.curfilestack[-1]}:{node['annotation']}"
    note = getattr(self, "edition_notes", {}).pop(node["annotation"], None)
    if _numbered(self):
        # The note goes to the foot of the page, keyed by line number and lemma.
        lemma = note["lemma"] if note is not None else node.astext()
        self.body.append(rf"}}{{\lemma{{{self.encode(short_lemma(lemma))}}}\Bfootnote{{")
        if note is not None:
            start = len(self.body)
            note.walkabout(self)
            text = "".join(self.body[start:]).strip()
            del self.body[start:]
            self.body.append(text)
        self.body.append("}}")
    self.body.append(rf"\editionnoteref{{{target}}}{{{node['number']}}}")


def meta_text(node) -> str:
    authors = ", ".join(node["authors"])
    return f"{node['type_label']} \u00b7 {authors}, {node['date']}"


def visit_annotation_html(self, node) -> None:
    ident, number = node["annotation"], node["number"]
    lemma = self.encode(node["lemma"])
    if _is_epub(self):
        self.body.append(
            f'<aside epub:type="footnote" role="doc-footnote" id="note-{ident}" '
            f'class="edition-note edition-note-{node["type"]} {EDITORIAL}">'
            f'<p class="edition-note-head"><a href="#lemma-{ident}">{number}</a> '
            f'<span class="edition-note-lemma">{lemma}</span>]</p>'
        )
    else:
        self.body.append(
            f'<div class="edition-note edition-note-{node["type"]} {EDITORIAL}" '
            f'id="note-{ident}" role="note" aria-label="Note {number}">'
            f'<details open="open"><summary><span class="edition-note-number">{number}</span> '
            f'<span class="edition-note-lemma">{lemma}</span>] '
            f'<span class="edition-note-type">{self.encode(node["type_label"])}</span>'
            "</summary>"
        )


def depart_annotation_html(self, node) -> None:
    ident = node["annotation"]
    meta = self.encode(meta_text(node))
    if _is_epub(self):
        self.body.append(f'<p class="edition-note-meta">{meta}</p></aside>\n')
    else:
        self.body.append(
            f'<p class="edition-note-meta">{meta} '
            f'<a class="headerlink" href="#note-{ident}" title="Link to this note">\u00b6</a>'
            "</p></details></div>\n"
        )


def visit_annotation_latex(self, node) -> None:
    docname = self.curfilestack[-1]
    target = f"note.{docname}:{node['annotation']}"
    if _numbered(self):
        # A note in series B, written at its lemma (depart_annotation_ref_latex).
        self.body.append(
            "\\editionfootnote{%s}{%s}{%s\\hypertarget{%s}{}}"
            % (node["number"], self.encode(node["type_label"]),
               self.hypertarget_to(node, anchor=True), target))
        return
    self.body.append(
        "\n\\begin{editionnote}{%s}{%s}{%s}%s\\hypertarget{%s}{}"
        % (node["number"], self.encode(node["lemma"]), self.encode(node["type_label"]),
           self.hypertarget_to(node, anchor=True), target)
    )


def depart_annotation_latex(self, node) -> None:
    if _numbered(self):
        # The kind is already at the head of the note: authors and date only.
        meta = self.encode(f"{', '.join(node['authors'])}, ")
        self.body.append("\\editionfootnotemeta{%s\\mbox{%s}}"
                         % (meta, self.encode(node["date"])))
        return
    self.body.append("\\editionnotemeta{%s}\n\\end{editionnote}\n"
                     % self.encode(meta_text(node)))


def visit_annotated_latex(self, node) -> None:
    """An essay paragraph (marked ``numbered`` by ``latex.py``) as reledmac's numbered
    text: its notes go to the foot of the page at their lemmas, so the paragraph's
    block of notes is not written; any note whose lemma was not met stays after it."""
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


ANNOTATION_REF_VISITORS = _visitors(
    (visit_annotation_ref_html, depart_annotation_ref_html),
    (visit_annotation_ref_latex, depart_annotation_ref_latex),
)
ANNOTATION_VISITORS = _visitors(
    (visit_annotation_html, depart_annotation_html),
    (visit_annotation_latex, depart_annotation_latex),
)
ANNOTATION_NOTES_VISITORS = _visitors(
    _wrapper_html("edition-notes " + EDITORIAL), _environment_latex("editionnotes"))
ANNOTATED_VISITORS = _visitors(_wrapper_html("edition-annotated"),
                                (visit_annotated_latex, _pass))


# -- bibliography ---------------------------------------------------------------------------


class bibentry(nodes.General, nodes.Element):
    """One works-cited entry in MLA form: no label, hanging indent, an anchor to link to.

    Replaces the ``citation`` nodes of sphinxcontrib-bibtex (see ``bibliography.py``),
    so that LaTeX keeps each list where it stands instead of gathering every citation
    into one bibliography at the end of the book.
    """


def visit_bibentry_html(self, node: bibentry) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="edition-bibentry"))


def depart_bibentry_html(self, node: bibentry) -> None:
    self.body.append("</div>\n")


def visit_bibentry_latex(self, node: bibentry) -> None:
    # sphinxcontrib-bibtex links citations with \hyperlink{cite.<docname>:<id>} (the
    # target \bibitem would make); Sphinx's own references use \label.
    docname = self.curfilestack[-1]
    targets = "".join(rf"\hypertarget{{cite.{docname}:{i}}}{{}}" for i in node["ids"])
    self.body.append("\n\\begin{editionbibentry}" + self.hypertarget_to(node, anchor=True)
                     + targets)


def depart_bibentry_latex(self, node: bibentry) -> None:
    self.body.append("\\end{editionbibentry}\n")


BIBENTRY_VISITORS = _visitors(
    (visit_bibentry_html, depart_bibentry_html),
    (visit_bibentry_latex, depart_bibentry_latex),
)


# -- generated lists (apparatus, commentary index) ----------------------------------------


class generated_list(nodes.General, nodes.Element):
    """Placeholder for a list the extension fills from the domain at resolve time.

    Attribute ``kind``: "apparatus" or "commentary". Replaced before writing."""


GENERATED_LIST_VISITORS = _visitors((_skip, None), (_skip, None))
