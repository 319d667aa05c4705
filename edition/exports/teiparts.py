"""An essay chapter's part of the TEI document, kept serialized between builds.

The TEI document holds every chapter's ``div`` and every note; serializing all of them
is most of the cost of writing it (ElementTree serializes in Python). A chapter's part
is serialized once, when its page is written, at the depth it will stand at in the
document (both a ``div`` and a ``note`` stand three levels down), with the ids it
defines and the local pointers it makes; the document is then written around
placeholders that the parts' bytes replace (:func:`splice`). The bytes are those the
whole document's serialization gives (tested).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from edition.exports.teilayout import POINTER_ATTRIBUTES, indent
from edition.teimarkup import TEI_NS, XML_ID

#: How deep a chapter's ``div`` (TEI/text/body/div) and a note
#: (TEI/standOff/listAnnotation/note) stand in the document.
DEPTH = 3
#: Between two elements at that depth.
BETWEEN = "\n" + " " * DEPTH
DECLARATION = f' xmlns="{TEI_NS}"'


@dataclass(frozen=True)
class TeiPart:
    """A chapter's ``div`` and its notes, serialized as they stand in the document."""

    div: str
    notes: str
    #: the xml:ids it defines
    ids: frozenset[str]
    #: the local pointers (``#id``) it makes
    pointers: frozenset[str]


def tei_part(div: ET.Element, notes: list[ET.Element]) -> TeiPart:
    """The part, from the chapter's elements (which it indents)."""
    ids: set[str] = set()
    pointers: set[str] = set()
    for element in (div, *notes):
        for inner in element.iter():
            if ident := inner.get(XML_ID):
                ids.add(ident)
            for attribute in POINTER_ATTRIBUTES:
                pointers.update(v for v in (inner.get(attribute) or "").split()
                                if v.startswith("#"))
    return TeiPart(_serialized(div), BETWEEN.join(_serialized(n) for n in notes),
                   frozenset(ids), frozenset(p[1:] for p in pointers))


def _serialized(element: ET.Element) -> str:
    indent(element, DEPTH)
    text = ET.tostring(element, encoding="unicode")
    # Serialized alone, the element declares the TEI namespace, which the document
    # declares once, on its root.
    return text.replace(DECLARATION, "", 1)


def elements(part: TeiPart) -> tuple[ET.Element, list[ET.Element]]:
    """The part's elements again (for a document that must change something in it)."""
    wrapper = ET.fromstring(f"<w{DECLARATION}>{part.div}{part.notes}</w>")
    children = list(wrapper)
    return children[0], children[1:]


def placeholder(kind: str, index: int) -> ET.Element[Any]:
    return ET.Comment(f"edition-part-{kind}-{index}")


PLACEHOLDER = re.compile(r"<!--edition-part-(div|notes)-(\d+)-->")


def splice(document: str, parts: list[TeiPart]) -> str:
    """The document with each placeholder replaced by its part, in one pass."""
    pieces = PLACEHOLDER.split(document)
    out = [pieces[0]]
    for index in range(1, len(pieces), 3):
        kind, number, after = pieces[index], int(pieces[index + 1]), pieces[index + 2]
        part = parts[number]
        out += [part.div if kind == "div" else part.notes, after]
    return "".join(out)
