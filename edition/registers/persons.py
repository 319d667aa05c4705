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

import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from edition.annotations.nodes import annotation
from edition.config import settings
from edition.doctree import EDITORIAL, PERSON
from edition.filecache import read_once
from edition.messages import Subtype, warn
from edition.text.chapters import essay_section

CITES = re.compile(r"\{cite(:[a-z]+)?\}`")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    mentions: tuple[str, ...]
    dates: str
    role: str  # MyST, with citations
    index: str  # the form in the general index, e.g. "Stalin, Joseph"


Problems = list[tuple[str, str]]  # (location, message)


@read_once
def _load(path: Path) -> tuple[list, Problems]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        what = getattr(err, "problem", None) or err
        return [], [(f"{path}:{line}", f"{path.name} is not valid YAML: {what}")]
    if not isinstance(data, list):
        return [], [(f"{path}:1", f"{path.name} must be a list of entries")]
    return data, []


@read_once
def _lines(path: Path) -> list[int]:
    """The line where each top-level list item starts."""
    text = path.read_text(encoding="utf-8")
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^- ", text, re.M)]


@read_once
def load_persons(path: Path) -> tuple[list[Person], Problems]:
    if not path.is_file():
        return [], []
    data, problems = _load(path)
    lines = _lines(path)
    persons = []
    for i, item in enumerate(data):
        where = f"{path}:{lines[i] if i < len(lines) else 1}"
        if not isinstance(item, dict) or not all(
                isinstance(item.get(k), str) for k in ("id", "name", "dates", "role")):
            problems.append((where, "a person needs `id`, `name`, `dates` and `role` (text)"))
            continue
        if not CITES.search(item["role"]):
            problems.append((where, f"person {item['id']!r}: the role must cite its source "
                                    "with a citation role"))
        mentions = item.get("mentions") or [item["name"]]
        if not isinstance(mentions, list) or not all(isinstance(m, str) and m.strip()
                                                     for m in mentions):
            problems.append((where, f"person {item['id']!r}: `mentions` must be a list of "
                                    "names, e.g. [Joseph Stalin, Stalin]"))
            continue
        if item["id"] in {p.id for p in persons}:
            problems.append((where, f"person {item['id']!r} is listed twice; keep one entry"))
            continue
        taken = {m: p.id for p in persons for m in p.mentions}
        shared = [m for m in mentions if m in taken]
        if shared:
            problems.append((where, f"person {item['id']!r}: the mention {shared[0]!r} is "
                                    f"already {taken[shared[0]]!r}'s; a name can link to one "
                                    "entry only"))
            continue
        persons.append(Person(item["id"], item["name"], tuple(map(str, mentions)),
                              item["dates"], item["role"],
                              str(item.get("index") or item["name"])))
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
            pieces, last, value = [], 0, str(text)
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
    node = text.parent
    while node is not None:
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
        node = node.parent
    return False


# -- directives --------------------------------------------------------------------------------


class PersonsDirective(SphinxDirective):
    """``{persons}``: the index of persons."""

    has_content = False

    def run(self):
        path = settings(self.config).persons
        self.env.note_dependency(str(path))
        self.env.get_domain("edition").note_persons_page(self.env.docname)
        persons, problems = load_persons(path)
        for where, message in problems:
            warn(message, Subtype.register, location=where)
        items = nodes.definition_list(classes=["edition-persons"])
        for person in sorted(persons, key=lambda p: _sort_name(p.name)):
            item = nodes.definition_list_item()
            term = nodes.term("", "", ids=[f"person-{person.id}"])
            term += nodes.strong("", person.name)
            term += nodes.Text(f" ({person.dates})")
            item += term
            definition = nodes.definition()
            definition.extend(self.parse_text_to_nodes(person.role))
            item += definition
            items += item
        return [items]


class ChronologyDirective(SphinxDirective):
    """``{chronology}``: dated events, each citing a work."""

    has_content = False

    def run(self):
        path = settings(self.config).chronology
        self.env.note_dependency(str(path))
        data, problems = _load(path)
        for where, message in problems:
            warn(message, Subtype.register, location=where)
        lines = _lines(path)
        items = nodes.definition_list(classes=["edition-chronology"])
        for i, entry in enumerate(data):
            where = f"{path}:{lines[i] if i < len(lines) else 1}"
            if not isinstance(entry, dict) or not all(
                    isinstance(entry.get(k), str) for k in ("date", "event")):
                warn("a chronology entry needs `date` and `event` (text)", Subtype.register,
                     location=where)
                continue
            if not CITES.search(entry["event"]):
                warn(f"the entry for {entry['date']} cites no work: every date in the "
                     "chronology needs its source, as a citation role", Subtype.register,
                     location=where)
            item = nodes.definition_list_item()
            item += nodes.term("", "", nodes.strong("", entry["date"]))
            definition = nodes.definition()
            definition.extend(self.parse_text_to_nodes(entry["event"]))
            item += definition
            items += item
        return [items]


def _sort_name(name: str) -> str:
    return name.split()[-1].casefold()


def check_register_links(app: Sphinx, env) -> None:
    """env-check-consistency: every person in the register is mentioned somewhere."""
    path = settings(app.config).persons
    if not path.is_file():
        return
    mentioned = env.get_domain("edition").mentioned_persons()
    lines = _lines(path)
    for i, person in enumerate(load_persons(path)[0]):
        if person.id not in mentioned:
            warn(f"person {person.id!r} is mentioned nowhere in the essay or the notes; "
                 "remove the entry, or check its `mentions`", Subtype.register,
                 location=f"{path}:{lines[i] if i < len(lines) else 1}")


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
    """doctree-read: the persons whose mentions the document links."""
    mentions = [ref["reftarget"] for ref in document.findall(addnodes.pending_xref)
                if ref.get("refdomain") == "edition" and ref.get("reftype") == "person"]
    app.env.get_domain("edition").note_person_mentions(app.env.docname, mentions)
