"""The registers: persons and chronology, from YAML files in registers/.

``{persons}`` renders ``registers/persons.yaml``: each person with dates, role and
source, anchored as ``person-<id>``. Every mention of a person in the essay and in the
notes is linked to that entry (the first mention in each paragraph or note), by name,
at read time; the chapters themselves are not touched.

``{chronology}`` renders ``registers/chronology.yaml``: dated events 1953–1964, each
of which must cite a work.

Descriptions are MyST, so they carry citation roles like any note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from edition.annotations.nodes import annotation
from edition.config import settings
from edition.doctree import EDITORIAL, PERSON, ancestors
from edition.domain import PersonPlace, edition_domain
from edition.filecache import read_once
from edition.messages import Subtype, warn
from edition.registers.entries import CHRONOLOGY, PERSONS, Item, Problems, read_register
from edition.text.chapters import essay_section

CITES = re.compile(r"\{cite(:[a-z]+)?\}`")
#: A person's id: it becomes the entry's anchor (``person-<id>``) on every page.
PERSON_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    mentions: tuple[str, ...]
    dates: str
    role: str  # MyST, with citations
    index: str  # the form in the general index, e.g. "Stalin, Joseph"
    line: int = 1  # where its entry starts in the register's file


@read_once
def load_chronology(path: Path) -> tuple[list[Item], Problems]:
    """The chronology's entries that pass every check, and the problems of the others."""
    return read_register(path, CHRONOLOGY)


@read_once
def load_persons(path: Path) -> tuple[list[Person], Problems]:
    """The index of persons: the entries that pass every check (``entries.py``) and
    name no one twice, and the problems of the others."""
    items, problems = read_register(path, PERSONS)
    persons: list[Person] = []
    lines: dict[str, int] = {}
    for item in items:
        fields, where = item.fields, f"{path}:{item.line}"
        if not CITES.search(fields["role"]):
            problems.append((where, f"person {fields['id']!r}: the role must cite its source "
                                    "with a citation role"))
        mentions = fields.get("mentions") or [fields["name"]]
        if not PERSON_ID.match(fields["id"]):
            problems.append((where, f"person {fields['id']!r}: an id is lower-case letters, "
                                    "digits and hyphens, e.g. khrushchev (the entry is not "
                                    "published until it is mended)"))
            continue
        if fields["id"] in lines:
            problems.append((where, f"person {fields['id']!r} is listed twice; keep one entry"))
            continue
        taken = {m: p.id for p in persons for m in p.mentions}
        shared = [m for m in mentions if m in taken]
        if shared:
            problems.append((where, f"person {fields['id']!r}: the mention {shared[0]!r} is "
                                    f"already {taken[shared[0]]!r}'s; a name can link to one "
                                    "entry only"))
            continue
        lines[fields["id"]] = item.line
        persons.append(Person(fields["id"], fields["name"], tuple(map(str, mentions)),
                              fields["dates"], fields["role"],
                              str(fields.get("index") or fields["name"]), item.line))
    return persons, problems


# -- linking mentions -----------------------------------------------------------------------


def _mention_pattern(persons: list[Person]) -> re.Pattern | None:
    names = sorted({m for p in persons for m in p.mentions}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")


def link_mentions(root: nodes.Element, persons: list[Person], document=None) -> list[str]:
    """Link the first mention of each person in each paragraph under `root` to the
    register, and enter it in the general index (the PDF's printed index); return the
    ids linked. Text inside references, citations, literals and editorial signs is left
    alone. `document` gives unique ids for the index targets."""
    pattern = _mention_pattern(persons)
    if pattern is None:
        return []
    by_mention = {m: p for p in persons for m in p.mentions}
    linked: list[str] = []
    for para in list(root.findall(nodes.paragraph)):
        seen: set[str] = set()
        for text in list(para.findall(nodes.Text)):
            if _protected(text):
                continue
            pieces: list[nodes.Node] = []
            last, value = 0, str(text)
            for match in pattern.finditer(value):
                person = by_mention[match.group(1)]
                if person.id in seen:
                    continue
                seen.add(person.id)
                linked.append(person.id)
                pieces.append(nodes.Text(value[last:match.start()]))
                if document is not None:
                    target = nodes.target("", "")
                    document.set_id(target, suggested_prefix=f"mention-{person.id}")
                    pieces.append(addnodes.index(entries=[
                        ("single", person.index, target["ids"][0], "", None)]))
                    pieces.append(target)
                ref = addnodes.pending_xref(
                    "", refdomain="edition", reftype="person", reftarget=person.id,
                    refexplicit=True, refwarn=True)
                ref += nodes.inline("", match.group(1), classes=[PERSON])
                pieces.append(ref)
                last = match.end()
            if pieces:
                pieces.append(nodes.Text(value[last:]))
                parent = text.parent
                index = next(k for k, c in enumerate(parent.children) if c is text)
                parent.children[index:index + 1] = []
                for k, piece in enumerate(p for p in pieces if str(p) or
                                          not isinstance(p, nodes.Text)):
                    parent.insert(index + k, piece)
    return linked


def _protected(text: nodes.Text) -> bool:
    for node in ancestors(text, including_self=False):
        # Links, citations and code are left alone, and so is emphasis: the edition
        # italicizes titles of works ("The Rise of Khrushchev"), which name no person.
        if isinstance(node, (nodes.reference, addnodes.pending_xref, nodes.literal,
                             nodes.title, nodes.emphasis)):
            return True
        if isinstance(node, annotation):
            return False  # a note is editorial, but its prose names persons: link it
        if isinstance(node, nodes.Element) and EDITORIAL in node.get("classes", []) \
                and not isinstance(node, nodes.section):
            return True
    return False


def check_register_links(app: Sphinx, env) -> None:
    """env-check-consistency: every person in the register is mentioned somewhere."""
    path = settings(app.config).persons
    if not path.is_file():
        return
    mentioned = edition_domain(env).mentioned_persons()
    for person in load_persons(path)[0]:
        if person.id not in mentioned:
            warn(f"person {person.id!r} is mentioned nowhere in the essay or the notes; "
                 "remove the entry, or check its `mentions`", Subtype.register,
                 location=f"{path}:{person.line}")


class LinkPersons(SphinxTransform):
    """An essay chapter's mentions of persons linked to the index of persons (read
    phase, after its paragraph is numbered, 700, before its notes are held, 702: each
    note's mentions are linked as it is held, by :func:`link_note_mentions`)."""

    default_priority = 701

    def apply(self, **kwargs) -> None:
        found = essay_section(self.env, self.document)
        if found is None:
            return
        path = settings(self.config).persons
        if path.is_file():
            self.env.note_dependency(str(path))
        link_mentions(found[1], load_persons(path)[0], self.document)


def link_note_mentions(app: Sphinx, document: nodes.document, note: annotation) -> None:
    """edition-note-held: the persons a note names, linked as in the chapter's text."""
    link_mentions(note, load_persons(settings(app.config).persons)[0], document)


def record_mentions(app: Sphinx, document: nodes.document) -> None:
    """doctree-read: the persons whose mentions the document links, and where: the
    anchor before each mention, and the note it stands in, if any."""
    refs = [ref for ref in document.findall(addnodes.pending_xref)
            if ref.get("refdomain") == "edition" and ref.get("reftype") == "person"]
    domain = edition_domain(app.env)
    docname = app.env.current_document.docname
    domain.note_person_mentions(docname, [ref["reftarget"] for ref in refs])
    places = []
    for ref in refs:
        index = ref.parent.index(ref)
        before = ref.parent[index - 1] if index else None
        if isinstance(before, nodes.target) and before["ids"]:
            note = next((a["annotation"] for a in ancestors(ref)
                         if isinstance(a, annotation)), None)
            places.append(PersonPlace(ref["reftarget"], before["ids"][0], note))
    domain.note_person_places(docname, places)
