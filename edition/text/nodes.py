"""The reading text's nodes: the interventions (lacuna, correction, error kept), the
regularized citation of the PDF, and the box an essay paragraph is laid out in, with
their HTML, LaTeX and TEI visitors.

EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve it too.
Every other builder gets these nodes as plain docutils nodes (``output/plain.py``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from edition import reledmac
from edition.doctree import EDITORIAL, passthrough, visitors
from edition.teimarkup import el, no_departure


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


class regularized(nodes.Inline, nodes.Element):
    """PDF only: a regularized citation in numbered text, wrapped so that its apparatus
    entry goes to the foot of the page (``output/pdf.py``). Attributes: ``lemma`` (what
    readers see), ``witness`` (what the witness has)."""


class paragraph_box(nodes.General, nodes.Element):
    """An essay paragraph together with what the edition sets beside it (its notes:
    ``annotations.nodes.annotated``); the paragraph stays the essay's."""


def visit_titled_span_html(self, node) -> None:
    self.body.append(self.starttag(node, "span", "", title=node["description"]))


def depart_span_html(self, node) -> None:
    self.body.append("</span>")


def visit_anchored_latex(self, node) -> None:
    """The node's ids as hyperref anchors (the apparatus links to each intervention)."""
    self.body.append(self.hypertarget_to(node, anchor=True))


def visit_gap_latex(self, node) -> None:
    if not reledmac.numbered(self):
        return visit_anchored_latex(self, node)
    text = node.astext()
    sign = text.strip()
    reading = (self.encode(node["witness"]) if node["witness"]
               else r"\textit{breaks off,}")
    self.body.append(
        text[: len(text) - len(text.lstrip())] + self.hypertarget_to(node, anchor=True)
        + rf"\edtext{{{reledmac.edlabels(self, node)}{self.encode(sign)}}}"
        + reledmac.apparatus_entry(self, sign, reading + " "))
    raise nodes.SkipNode


def visit_corr_latex(self, node) -> None:
    if not reledmac.numbered(self):
        return visit_anchored_latex(self, node)
    self.body.append(self.hypertarget_to(node, anchor=True)
                     + rf"\edtext{{{reledmac.edlabels(self, node)}")
    reledmac.walk(self, node.children)  # a lemma may lie inside (a note on the slip)
    self.body.append("}" + reledmac.apparatus_entry(self, node.astext(),
                                                    self.encode(node["witness"]) + " "))
    raise nodes.SkipNode


def visit_sic_latex(self, node) -> None:
    if not reledmac.numbered(self):
        return visit_anchored_latex(self, node)
    sign = [c for c in node.children
            if isinstance(c, nodes.Element) and EDITORIAL in c.get("classes", [])]
    self.body.append(self.hypertarget_to(node, anchor=True)
                     + rf"\edtext{{{reledmac.edlabels(self, node)}")
    reledmac.walk(self, [c for c in node.children if c not in sign])
    self.body.append("}" + reledmac.apparatus_entry(self, node["witness"],
                                                    r"\textit{sic} "))
    reledmac.walk(self, sign)
    raise nodes.SkipNode


def visit_regularized_latex(self, node) -> None:
    self.body.append(rf"\edtext{{{reledmac.edlabels(self, node)}")


def depart_regularized_latex(self, node) -> None:
    self.body.append("}" + reledmac.apparatus_entry(self, node["lemma"],
                                                    self.encode(node["witness"]) + " "))


# TEI (``exports/teitranslator.py``): a lacuna as ``gap`` (its kind's reason and agent),
# a correction as ``choice/sic+corr``, an error kept as ``sic``.


def visit_gap_tei(self, node) -> None:
    kind = self.lacunae.get(node["kind"])
    reason, agent = (kind.tei_reason, kind.tei_agent) if kind else ("lost", "unknown")
    element = el(self.parent, "gap", reason=reason, agent=agent, extent="unknown",
                 xml_id=self.scoped(node))
    el(element, "desc", node.get("description", ""))
    raise nodes.SkipNode


def visit_corr_tei(self, node) -> None:
    choice = el(self.parent, "choice", xml_id=self.scoped(node))
    el(choice, "sic", node["witness"])
    self.open(node, el(choice, "corr", resp="#editors"))


def visit_sic_tei(self, node) -> None:
    self.open(node, el(self.parent, "sic", xml_id=self.scoped(node)))


def setup(app: Sphinx) -> None:
    span = (visit_titled_span_html, depart_span_html)
    app.add_node(gap, **visitors(span, (visit_gap_latex, passthrough)),
                 tei=(visit_gap_tei, no_departure))
    app.add_node(corr, **visitors(span, (visit_corr_latex, passthrough)),
                 tei=(visit_corr_tei, no_departure))
    app.add_node(sic, **visitors(span, (visit_sic_latex, passthrough)),
                 tei=(visit_sic_tei, no_departure))
    app.add_node(regularized, latex=(visit_regularized_latex, depart_regularized_latex))
