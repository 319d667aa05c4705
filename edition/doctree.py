"""Doctree helpers every concept shares: the editorial class, where a node comes from,
and the shape of a node's visitors."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes

#: The class of everything that is not the essay's words (signs, numbers, notes).
EDITORIAL = "edition-editorial"
#: The class of a person's name in the text, linked to the index of persons.
PERSON = "edition-person"


def is_editorial(node: nodes.Node | None) -> bool:
    """Whether the node is, or stands inside, an editorial addition (a note, a sign)."""
    while node is not None:
        if isinstance(node, nodes.Element) and EDITORIAL in node.get("classes", []):
            return True
        node = node.parent
    return False


def docname_of(node: nodes.Node, default: str | None = None) -> str | None:
    """The document a node comes from. In the one-document LaTeX and single-page HTML
    trees, Sphinx names each page's sections after it (``docname``), and wraps the page
    in a ``start_of_file`` node."""
    while node is not None:
        if isinstance(node, nodes.section) and node.get("docname"):
            return node["docname"]
        if isinstance(node, addnodes.start_of_file):
            return node["docname"]
        node = node.parent
    return default


def is_epub(translator) -> bool:
    """EPUB is written by Sphinx's HTML translator; some markup differs there."""
    return translator.builder.name.startswith("epub")


def passthrough(self, node) -> None:
    pass


def skip(self, node) -> None:
    raise nodes.SkipNode


def visitors(html, latex) -> dict:
    """A node's visitors: HTML (which writes the EPUB too) and LaTeX; every other
    builder gets the node as plain docutils nodes (``output/plain.py``)."""
    return {"html": html, "latex": latex}
