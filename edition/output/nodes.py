"""The edition's doctree nodes and their visitors, one per output format.

EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve it too;
where EPUB needs other markup (``epub:type`` note semantics) they ask the builder.
Every other builder (text, man, texinfo, …) gets these nodes replaced by plain docutils
nodes before writing (``plainnodes.py``).
"""

from __future__ import annotations

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


GAP_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                         (visit_anchored_latex, _pass))
CORR_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                          (visit_anchored_latex, _pass))
SIC_VISITORS = _visitors((visit_titled_span_html, depart_span_html),
                         (visit_anchored_latex, _pass))


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
    pass


def depart_annotation_ref_latex(self, node) -> None:
    target = f"note.{self.curfilestack[-1]}:{node['annotation']}"
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
    self.body.append(
        "\n\\begin{editionnote}{%s}{%s}{%s}%s\\hypertarget{%s}{}"
        % (node["number"], self.encode(node["lemma"]), self.encode(node["type_label"]),
           self.hypertarget_to(node, anchor=True), target)
    )


def depart_annotation_latex(self, node) -> None:
    self.body.append("\\editionnotemeta{%s}\n\\end{editionnote}\n"
                     % self.encode(meta_text(node)))


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
ANNOTATED_VISITORS = _visitors(_wrapper_html("edition-annotated"), (_pass, _pass))


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
