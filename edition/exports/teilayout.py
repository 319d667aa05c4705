"""The TEI document's integrity and layout: every local pointer names an element (a link
to a page the TEI does not hold becomes plain text), and the structure is indented,
never the mixed content (whitespace inside a paragraph would change its text)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from edition.messages import Subtype, warn
from edition.teimarkup import TEI_NS, XML_ID

#: The attributes that point to other elements.
POINTER_ATTRIBUTES = ("target", "ref", "ana", "resp")


def check_pointers(tei: ET.Element, elsewhere: frozenset[str] = frozenset()) -> None:
    """Every local pointer must name an element of the document (or one of the ids
    `elsewhere`, of parts spliced in later): a link to a page that the TEI does not
    hold becomes plain text."""
    ids = {e.get(XML_ID) for e in tei.iter() if e.get(XML_ID)} | elsewhere
    parents = {child: parent for parent in tei.iter() for child in parent}
    for element in list(tei.iter()):
        for attribute in POINTER_ATTRIBUTES:
            value = element.get(attribute)
            if not value:
                continue
            local = [v for v in value.split() if v.startswith("#")]
            if all(v[1:] in ids for v in local):
                continue
            if element.tag == f"{{{TEI_NS}}}note" and attribute == "target":
                warn(f"the TEI note {element.get(XML_ID)!r} points to {value}, which the "
                     "TEI text does not hold: its lemma was not marked", Subtype.export)
            if element.tag == f"{{{TEI_NS}}}ref":
                _unwrap(element, parents)
            else:
                kept = [v for v in value.split() if not v.startswith("#") or v[1:] in ids]
                if kept:
                    element.set(attribute, " ".join(kept))
                else:
                    del element.attrib[attribute]


#: Elements whose content is structure only, never text: laid out on lines of their own.
STRUCTURAL = {f"{{{TEI_NS}}}{tag}" for tag in (
    "TEI teiHeader fileDesc titleStmt respStmt editionStmt publicationStmt availability "
    "sourceDesc encodingDesc editorialDecl correction normalization quotation segmentation "
    "classDecl taxonomy category profileDesc langUsage standOff listAnnotation listPerson "
    "person listEvent event listBibl text body div").split()}
BLOCKS = {f"{{{TEI_NS}}}{tag}" for tag in ("p", "date", "list", "head")}


def _structural(element: ET.Element) -> bool:
    if (element.text or "").strip() or any((c.tail or "").strip() for c in element):
        return False
    if element.tag in STRUCTURAL:
        return True
    if element.tag == f"{{{TEI_NS}}}note":  # a note made of paragraphs
        return all(child.tag in BLOCKS for child in element)
    return element.tag == f"{{{TEI_NS}}}bibl" and element.get("type") == "witness"


def indent(element: ET.Element, level: int = 0) -> None:
    """Pretty-print the structure, never mixed content: whitespace added inside a
    paragraph would change the text."""
    if not len(element) or not _structural(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


def _unwrap(element: ET.Element, parents: dict) -> None:
    parent = parents[element]
    index = list(parent).index(element)
    text = element.text or ""
    children = list(element)
    tail = element.tail or ""
    parent.remove(element)
    if index:
        prev = parent[index - 1]
        prev.tail = (prev.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
        parents[child] = parent
    last = parent[index + len(children) - 1] if index + len(children) else None
    if last is not None:
        last.tail = (last.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
