"""Where a note's links go, as its reader's browser would follow them: the addresses a
review shows for each note (the links the edition makes itself, citations and persons
linked to the index, aside)."""

from __future__ import annotations

from urllib.parse import urljoin

from docutils import nodes
from sphinx import addnodes

from edition.doctree import PERSON, ancestors


def _made_by_the_edition(reference: nodes.reference) -> bool:
    """A citation's link to the works cited, or a name's to the index of persons."""
    if any(PERSON in child.get("classes", ()) for child in reference.children
           if isinstance(child, nodes.inline)):
        return True
    return any(isinstance(parent, nodes.inline) and "bibtex-citation" in parent["classes"]
               for parent in ancestors(reference, including_self=False))


def _as_read(uri: str, docname: str) -> str:
    """An internal link's address from the top of the site (the note's page is
    ``docname``); an anchor on the note's own page stays ``#…``."""
    if uri.startswith("#"):
        return uri
    return urljoin(f"{docname}.html", uri) or f"{docname}.html"


def links_of(note: nodes.Element, docname: str) -> tuple[str, ...]:
    """Where the links of a note's text go (``Note.links``); a download or an image (which
    the check refuses) as ``download: …``, ``image: …``."""
    found = []
    for node in [n for n in note.findall(nodes.Element)
                 if isinstance(n, (nodes.reference, nodes.image))]:
        if isinstance(node, nodes.image):
            found.append(f"image: {node.get('uri', '')}")
        elif isinstance(node, addnodes.download_reference):
            found.append(f"download: {node.get('reftarget', node.get('refuri', ''))}")
        elif isinstance(node, nodes.reference) and _made_by_the_edition(node):
            continue
        elif "refuri" in node:
            found.append(_as_read(node["refuri"], docname) if node.get("internal")
                         else node["refuri"])
        elif node.get("refid"):
            found.append(f"#{node['refid']}")
    return tuple(found)
