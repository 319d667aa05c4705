"""The edition's doctree nodes and their visitors, one per output format.

EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve it too.
"""

from __future__ import annotations

from docutils import nodes


class gap(nodes.Inline, nodes.TextElement):
    """A lacuna in the reading text.

    Attributes: ``kind`` (a key of ``interventions.GAP_KINDS``), ``witness`` (what the
    witness has here) and ``description`` (what readers are told).
    """


def visit_gap_html(self, node: gap) -> None:
    self.body.append(
        self.starttag(node, "span", "", title=node["description"])
    )


def depart_gap_html(self, node: gap) -> None:
    self.body.append("</span>")


def visit_gap_latex(self, node: gap) -> None:
    # The sign is the node's text; nothing else is needed in print.
    pass


def depart_gap_latex(self, node: gap) -> None:
    pass


def _pass(self, node) -> None:
    pass


#: Keyword arguments for ``app.add_node(gap, **GAP_VISITORS)``.
GAP_VISITORS = {
    "html": (visit_gap_html, depart_gap_html),
    "latex": (visit_gap_latex, depart_gap_latex),
    "text": (_pass, _pass),
    "man": (_pass, _pass),
    "texinfo": (_pass, _pass),
}


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


#: Keyword arguments for ``app.add_node(bibentry, **BIBENTRY_VISITORS)``.
BIBENTRY_VISITORS = {
    "html": (visit_bibentry_html, depart_bibentry_html),
    "latex": (visit_bibentry_latex, depart_bibentry_latex),
    "text": (_pass, _pass),
    "man": (_pass, _pass),
    "texinfo": (_pass, _pass),
}
