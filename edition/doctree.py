"""Doctree helpers every concept shares: the editorial class, where a node comes from,
and the shape of a node's visitors."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes
from sphinx import addnodes

from edition import formats

#: The class of everything that is not the essay's words (signs, numbers, notes).
EDITORIAL = "edition-editorial"
#: The class of a person's name in the text, linked to the index of persons.
PERSON = "edition-person"


def ancestors(node: nodes.Node | None, *, including_self: bool = True) -> Iterator[nodes.Node]:
    """The node (unless `including_self` is false), its parent, its parent's parent, …
    up to the document."""
    if node is not None and not including_self:
        node = node.parent
    while node is not None:
        yield node
        node = node.parent


def is_editorial(node: nodes.Node | None) -> bool:
    """Whether the node is, or stands inside, an editorial addition (a note, a sign)."""
    return any(isinstance(n, nodes.Element) and EDITORIAL in n.get("classes", [])
               for n in ancestors(node))


def docname_of(node: nodes.Node, default: str | None = None) -> str | None:
    """The document a node comes from. In the one-document LaTeX and single-page HTML
    trees, Sphinx names each page's sections after it (``docname``), and wraps the page
    in a ``start_of_file`` node."""
    for n in ancestors(node):
        if isinstance(n, nodes.section) and n.get("docname"):
            return n["docname"]
        if isinstance(n, addnodes.start_of_file):
            return n["docname"]
    return default


def is_epub(translator) -> bool:
    """EPUB is written by Sphinx's HTML translator; some markup differs there."""
    return formats.is_epub(translator.builder)


def passthrough(self, node) -> None:
    pass


def skip(self, node) -> None:
    raise nodes.SkipNode


def visitors(html, latex) -> dict:
    """A node's visitors: HTML (which writes the EPUB too) and LaTeX; every other
    builder gets the node as plain docutils nodes (``output/plain.py``)."""
    return {"html": html, "latex": latex}
