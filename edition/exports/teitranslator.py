"""Doctree content → TEI: a translator with one visit method per node, as Sphinx's
writers have. The docutils nodes are visited here; the edition's own nodes bring their
visitors, registered like the other builders' (``app.add_node(…, tei=(visit,
depart))`` in each concept's ``nodes.py``).

A visit that opens an element calls :meth:`TeiTranslator.open`; the element is closed
when the node is departed. Two modes: *inline* (phrase-level content: paragraphs and
lists are transparent, as in a ``bibl`` or a ``p``) and *blocks* (a note's body or a
register entry: paragraphs become ``p``, lists ``list``/``item``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from docutils import nodes
from sphinx.application import Sphinx

from edition.doctree import EDITORIAL
from edition.teimarkup import add_text, el, xml_id
from edition.text.readingtext import CITATION_CLASS

#: Nodes whose content is not the text: left out of the TEI.
LEFT_OUT = (nodes.system_message, nodes.comment, nodes.raw, nodes.substitution_definition)


class TeiTranslator(nodes.NodeVisitor):
    """Writes the content of docutils nodes into a TEI element."""

    def __init__(self, document: nodes.document, parent: ET.Element, *, blocks: bool = False,
                 regularized: dict[str, str] | None = None, scope: str = "",
                 lacunae: dict | None = None, handlers: dict | None = None) -> None:
        super().__init__(document)
        #: (the node that opened it, the element content goes into), innermost last
        self.stack: list[tuple[nodes.Node | None, ET.Element]] = [(None, parent)]
        self.block_mode = blocks
        #: reading of a regularized citation -> what the witness has
        self.regularized = regularized or {}
        #: prefix of the ids of a chapter's interventions (numbered within each page)
        self.scope = scope
        #: the edition's kinds of lacuna (their TEI reason and agent)
        self.lacunae = lacunae or {}
        #: node class name -> visit function, from the concepts (``tei=`` in add_node)
        self.handlers = handlers or {}

    # -- the machinery ----------------------------------------------------------------

    @property
    def parent(self) -> ET.Element:
        return self.stack[-1][1]

    def open(self, node: nodes.Node, element: ET.Element) -> ET.Element:
        """Put the node's content into `element` until the node is departed."""
        self.stack.append((node, element))
        return element

    def scoped(self, node: nodes.Element) -> str | None:
        return xml_id(f"{self.scope}{node['ids'][0]}") if node["ids"] else None

    def write(self, node: nodes.Node) -> None:
        """The node's content (not the node itself) into the current element."""
        for child in node.children:
            child.walkabout(self)

    def dispatch_visit(self, node: nodes.Node) -> None:
        handler = self.handlers.get(type(node).__name__)
        if handler is not None:
            handler(self, node)
        elif isinstance(node, nodes.Element) and EDITORIAL in node.get("classes", []):
            raise nodes.SkipNode  # note numbers, ¶ numbers, the [sic] and […] signs
        else:
            super().dispatch_visit(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        super().dispatch_departure(node)
        if self.stack[-1][0] is node:
            self.stack.pop()

    def unknown_visit(self, node: nodes.Node) -> None:
        if isinstance(node, LEFT_OUT) or type(node).__name__ == "index":
            raise nodes.SkipNode
        # Anything else is transparent: its content is written where it stands.

    def unknown_departure(self, node: nodes.Node) -> None:
        pass

    # -- docutils' nodes ----------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        add_text(self.parent, str(node))

    def visit_target(self, node: nodes.target) -> None:
        for ident in node["ids"]:
            if ident.startswith("regularization-"):
                el(self.parent, "anchor", xml_id=xml_id(f"{self.scope}{ident}"))
        raise nodes.SkipNode

    def visit_inline(self, node: nodes.inline) -> None:
        if CITATION_CLASS not in node["classes"]:
            return
        parent = self.parent
        witness = self.regularized.get(node.astext())
        if witness is not None:
            choice = el(parent, "choice")
            el(choice, "orig", witness)
            parent = el(choice, "reg", resp="#editors")
        self.open(node, el(parent, "bibl"))

    def visit_reference(self, node: nodes.reference) -> None:
        person = _person_id(node)
        target = None if person else _pointer(node)
        if person:
            self.open(node, el(self.parent, "persName", ref=f"#{xml_id(person)}"))
        elif target:
            self.open(node, el(self.parent, "ref", target=target))

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self.open(node, el(self.parent, "hi", rend="italic"))

    def visit_strong(self, node: nodes.strong) -> None:
        self.open(node, el(self.parent, "hi", rend="bold"))

    def visit_literal(self, node: nodes.literal) -> None:
        self.open(node, el(self.parent, "code"))

    def visit_subscript(self, node: nodes.subscript) -> None:
        self.open(node, el(self.parent, "hi", rend="subscript"))

    def visit_superscript(self, node: nodes.superscript) -> None:
        self.open(node, el(self.parent, "hi", rend="superscript"))

    # -- blocks (a note's body, a register entry) -----------------------------------------

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if self.block_mode:
            self.open(node, el(self.parent, "p"))
            self.block_mode = False  # phrase-level content inside

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if self.stack[-1][0] is node:  # it opened a ``p``: blocks again after it
            self.block_mode = True

    def visit_bullet_list(self, node: nodes.Element) -> None:
        if self.block_mode:
            self.open(node, el(self.parent, "list", rend="numbered"
                               if isinstance(node, nodes.enumerated_list) else "bulleted"))

    visit_enumerated_list = visit_bullet_list

    def visit_list_item(self, node: nodes.list_item) -> None:
        if self.block_mode:
            self.open(node, el(self.parent, "item"))

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        if self.block_mode:
            self.open(node, el(el(self.parent, "quote"), "q"))


def _person_id(reference: nodes.reference) -> str | None:
    if not any("edition-person" in n.get("classes", []) for n in reference.findall(nodes.inline)):
        return None
    fragment = reference.get("refuri", "").rpartition("#")[2] or reference.get("refid", "")
    return fragment if fragment.startswith("person-") else None


def _pointer(reference: nodes.reference) -> str | None:
    if reference.get("candidates"):  # one citation, several candidate works: every one
        return " ".join(f"#{xml_id(ident)}" for ident in reference["candidates"])
    uri = reference.get("refuri", "")
    if re.match(r"^(https?|mailto):", uri):
        return uri
    fragment = uri.rpartition("#")[2] if "#" in uri else reference.get("refid", "")
    return f"#{xml_id(fragment)}" if fragment else None


def tei_handlers(app: Sphinx) -> dict:
    """The TEI visitors the concepts registered for their nodes, by node class name."""
    return {name: visit for name, (visit, _depart)
            in app.registry.translation_handlers.get("tei", {}).items()}
