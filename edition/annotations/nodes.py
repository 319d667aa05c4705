"""The annotations' nodes: a lemma with its note number, a note, the notes on one
paragraph, and the paragraph laid out with its notes; and the notes' HTML templates.

Their visitors are by what they write: the lemma and its number (``lemma.py``), the note
(``note.py``). EPUB is written by Sphinx's HTML translator, so the ``html`` visitors serve
it too; where EPUB needs other markup (``epub:type`` note semantics) they ask the
builder. In the PDF a note is written at its lemma as an endnote, printed in the
Commentary keyed by page and line (``reledmac.py``). Every other builder gets these nodes
as plain docutils nodes (``output/plain.py``).
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from edition.doctree import EDITORIAL, is_epub
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


def render(translator, template: str, node, **values) -> str:
    """One of the notes' templates (``templates/edition/``, which an edition's own
    templates_path can override), with the note's values."""
    return translator.builder.templates.render(f"edition/{template}", {
        "epub": is_epub(translator), "editorial": EDITORIAL, "ident": node["annotation"],
        "number": node["number"], "type": node["type"], **values})


#: The notes' HTML templates, after the edition's own templates_path (which can override
#: them) and before the theme's.
TEMPLATES = Path(__file__).parent / "templates"


def add_templates(app: Sphinx, config) -> None:
    """config-inited: the notes' templates where every HTML builder (the EPUB's too)
    looks."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))
