"""Give back the witness from the reading text, and check that nothing else differs.

The reading text of an essay chapter differs from its witness paragraph only through
recorded interventions: lacunae, corrections and errors kept (``{gap}``, ``{corr}``,
``{sic}``, which carry their witness reading) and
regularized citations (listed in the chapter's front matter as ``regularizations``,
each with the ``reading`` the citation role renders and the ``witness`` reading it
replaces). :func:`witness_text` undoes them on the resolved doctree, where citation
roles have been rendered by the same style readers see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docutils import nodes

from edition.doctree import EDITORIAL, ancestors
from edition.text.nodes import corr, gap, paragraph_box, sic

#: A parenthetical that looks like an MLA citation: (Gill), (Rush 59), (Rush 59–61).
CITATION_LIKE = re.compile(
    r"\((?:[A-Z][\w.\u2019'-]*)(?: [A-Z][\w.\u2019'-]*){0,3}(?: \d+(?:[-\u2013]\d+)?)?\)"
)
CITATION_CLASS = "bibtex-citation"


@dataclass(frozen=True)
class Regularization:
    """A citation the editors regularized: what readers see, and what the witness has."""

    reading: str
    witness: str
    reason: str = ""


@dataclass
class Reconstruction:
    text: str = ""
    #: Rendered citations, in order, as (reading, witness reading).
    citations: list[tuple[str, str]] = field(default_factory=list)
    #: Citation-like parentheticals left as plain text.
    plain_citations: list[str] = field(default_factory=list)
    #: Regularizations that matched no citation.
    unused: list[Regularization] = field(default_factory=list)


def essay_paragraphs(doctree: nodes.Node) -> list[nodes.paragraph]:
    """The paragraphs that carry the essay's words: those of the chapter's sections,
    outside any editorial element."""
    found = []
    for para in doctree.findall(nodes.paragraph):
        if any(isinstance(a, nodes.Element) and EDITORIAL in a.get("classes", [])
               for a in ancestors(para)):
            continue
        parent = para.parent
        if isinstance(parent, paragraph_box):  # a paragraph laid out with its notes
            parent = parent.parent
        if isinstance(parent, nodes.section):
            found.append(para)
    return found


def witness_text(paragraphs: list[nodes.paragraph],
                 regularizations: list[Regularization]) -> Reconstruction:
    """The witness paragraph as the reading text records it."""
    by_reading = {r.reading: r for r in regularizations}
    used: set[str] = set()
    result = Reconstruction()
    parts: list[str] = []

    def walk(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            text = str(node)
            result.plain_citations += CITATION_LIKE.findall(text)
            parts.append(text)
        elif isinstance(node, (gap, corr, sic)):
            parts.append(node["witness"])
        elif isinstance(node, nodes.Element) and CITATION_CLASS in node["classes"]:
            reading = node.astext()
            reg = by_reading.get(reading)
            witness = reg.witness if reg else reading
            if reg:
                used.add(reading)
            result.citations.append((reading, witness))
            parts.append(witness)
        elif isinstance(node, nodes.Element) and EDITORIAL in node["classes"]:
            return
        else:
            for child in node.children:
                walk(child)

    for i, para in enumerate(paragraphs):
        if i:
            parts.append("\n")
        walk(para)
    result.text = "".join(parts)
    result.unused = [r for r in regularizations if r.reading not in used]
    return result


def first_difference(got: str, want: str, context: int = 30) -> str:
    """Say where two texts first differ, with some context."""
    i = 0
    while i < min(len(got), len(want)) and got[i] == want[i]:
        i += 1
    start = max(0, i - context)
    return (f"at character {i + 1}: the reading text gives "
            f"{got[start:i + context]!r} where the witness has {want[start:i + context]!r}")
