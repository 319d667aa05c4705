r"""The reledmac markup the nodes' LaTeX visitors write in the PDF's numbered text.

In the PDF, an essay paragraph is reledmac's line-numbered text (``\pstart`` …
``\pend``, see ``annotations/note.py``): each intervention is an ``\edtext`` with a
note in series A (the textual apparatus, *lemma ] reading W*), each lemma an ``\edtext``
with its note in series B, an endnote printed in the Commentary. Outside numbered text
(test projects, other pages) the nodes keep their plain form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docutils import nodes

from edition.domain import edition_domain

WITNESS_SIGLUM = r"\textit{W}"


@dataclass
class NumberedText:
    """The essay paragraph being written as numbered text (the LaTeX writer's state):
    whether the writer is inside one, and its notes, by id, not yet written at their
    lemmas."""

    inside: bool = False
    notes: dict[str, nodes.Element] = field(default_factory=dict)


def numbered_text(translator) -> NumberedText:
    return edition_domain(translator.builder.env).build_state.of_writer(NumberedText,
                                                                         translator)


def numbered(translator) -> bool:
    """Whether the translator is inside an essay paragraph's numbered text."""
    return numbered_text(translator).inside


def edlabel_name(docname: str, ident: str) -> str:
    """A reledmac label (page and line of a place in the numbered text)."""
    return "edition." + re.sub(r"[^A-Za-z0-9]+", ".", f"{docname}.{ident}")


def edlabels(translator, node) -> str:
    docname = translator.curfilestack[-1]
    return "".join(rf"\edlabel{{{edlabel_name(docname, i)}}}" for i in node["ids"])


def short_lemma(text: str) -> str:
    """A long lemma abbreviated as printed editions do: its first words … its last."""
    words = text.split()
    if len(words) <= 5:
        return " ".join(words)
    return f"{words[0]} {words[1]} \u2026 {words[-1]}"


def apparatus_entry(translator, lemma: str, reading: str) -> str:
    r"""``\lemma{…}\Afootnote{reading W}``: reading already LaTeX."""
    return (rf"{{\lemma{{{translator.encode(short_lemma(lemma))}}}"
            rf"\Afootnote{{{reading}\editionsiglum{{{WITNESS_SIGLUM}}}}}}}")


def walk(translator, children) -> None:
    for child in children:
        child.walkabout(translator)
