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
