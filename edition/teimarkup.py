"""The TEI markup every concept's TEI visitor writes: elements in the TEI namespace,
text appended where it belongs, valid xml:ids. The translator that walks a doctree
with these visitors is ``exports/teitranslator.py``."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ET.register_namespace("", TEI_NS)


def el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs) -> ET.Element:
    """A TEI element (under `parent`, if given); attributes that are None or "" are left
    out; ``xml_id`` and ``xml_lang`` are xml:id and xml:lang."""
    attributes = {XML_ID if k == "xml_id" else XML_LANG if k == "xml_lang" else k: str(v)
                  for k, v in attrs.items() if v not in (None, "")}
    element = ET.Element(f"{{{TEI_NS}}}{tag}", attributes) if parent is None else \
        ET.SubElement(parent, f"{{{TEI_NS}}}{tag}", attributes)
    if text:
        element.text = text
    return element


def add_text(parent: ET.Element, text: str) -> None:
    """Text at the end of `parent`: after its last child, or as its text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def xml_id(value: str) -> str:
    """A valid xml:id (an NCName) from an HTML anchor."""
    value = re.sub(r"[^\w.-]", "-", value)
    return value if re.match(r"[A-Za-z_]", value) else f"id-{value}"


def no_departure(translator, node) -> None:
    """A TEI visitor's departure: the translator closes what the visit opened."""
