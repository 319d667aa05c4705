"""What one tree of the edition publishes, read for a review: every note as its reader
reads it, each entry of the registers, and the build's problems.

The tree is read by the build ``check`` runs (``dummybuild.py``), which resolves every
page as the HTML build does and writes nothing. A note's text is taken from its
resolved doctree, citations rendered by the edition's own style, exactly as the Web
Annotations' plain-text body (``PublishedNote``), with where its links go; the
registers' entries from the persons and chronology pages as they are resolved. What
the build refuses is not in those pages, so it is never in the review; and an entry or
note that holds raw markup, an included file's text or an image (which the check
refuses) is given as withheld, never as it would render.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.dummy import DummyBuilder
from sphinx.errors import SphinxError
from sphinx.util.console import nocolor

from edition.annotations import loading
from edition.annotations.nodes import annotation
from edition.config import settings
from edition.domain import edition_domain
from edition.dummybuild import dummy_build
from edition.exports.material import PublishedNote
from edition.registers.persons import load_persons
from edition.review.notelinks import links_of

ANSI = re.compile(r"\x1b\[[0-9;]*m")

#: Nodes that contributed text may never put in a page: raw output, images and
#: downloads. ``make check`` refuses them; the review never shows what they hold.
WITHHELD_NODES = (nodes.raw, nodes.image, nodes.figure, addnodes.download_reference)
#: What the review gives in place of such a text.
WITHHELD = ("(not shown: it holds raw markup, a file's text or an image, which the "
            "check refuses; see Problems)")


@dataclass(frozen=True)
class Note:
    """A note as published: where it stands, its lemma and its text."""

    id: str
    chapter: str  # the chapter's document name
    title: str  # the chapter's title as readers see it
    paragraph: int | None  # the witness paragraph: ¶ 2
    number: str  # the note's number in its chapter
    type_label: str
    exact: str  # the lemma
    prefix: str
    suffix: str
    text: str  # as a reader reads it: citations rendered, paragraphs kept
    authors: tuple[str, ...]
    date: str
    file: str  # relative to the edition's folder
    line: int
    #: Where the links of its text go, in order: an address (``https://…``), a page of
    #: the edition (``chapters/chronology.html#…``) or an anchor on the note's own page
    #: (``#…``). Not the links the edition makes itself: citations to the works cited,
    #: names to the index of persons.
    links: tuple[str, ...] = ()


#: What makes a note changed, with the words a reviewer reads. Its number is not: it
#: moves whenever a note is added or removed before it.
COMPARED = {"text": "the text", "exact": "the lemma", "prefix": "the words before the lemma",
            "suffix": "the words after the lemma", "chapter": "the chapter",
            "paragraph": "the paragraph", "type_label": "the type", "authors": "the authors",
            "date": "the date", "links": "the links"}


@dataclass(frozen=True)
class Entry:
    """An entry of a register: its heading (a person's name and dates; a date) and its
    text, citations rendered."""

    heading: str
    text: str


@dataclass(frozen=True)
class Sources:
    """Where an edition keeps what contributors write, relative to its folder (conf.py's
    ``edition_annotations``, ``edition_persons``, ``edition_chronology``): None where the
    setting is not a path inside the edition."""

    annotations: str | None
    registers: tuple[str, ...]


@dataclass
class Published:
    notes: dict[str, Note] = field(default_factory=dict)
    persons: dict[str, Entry] = field(default_factory=dict)
    chronology: dict[str, Entry] = field(default_factory=dict)
    #: The build's messages as ``check`` prints them (paths relative to the edition).
    problems: str = ""
    failed: bool = False
    sources: Sources = Sources(None, ())


def reading(text: str) -> str:
    """A note's plain text with the lines of each paragraph joined, as it is read."""
    return "\n\n".join(" ".join(line.strip() for line in para.splitlines())
                       for para in text.split("\n\n") if para.strip())


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _refused(node: nodes.Node) -> bool:
    """A node of WITHHELD_NODES, or the text of a file (``{literalinclude}``,
    ``{include}`` with ``:literal:``: a literal block that names its file)."""
    return isinstance(node, WITHHELD_NODES) or (
        isinstance(node, nodes.literal_block) and bool(node.get("source")))


def _withheld(node: nodes.Element) -> bool:
    return any(True for _ in node.findall(_refused))


def _authors(app: Sphinx, note: annotation) -> tuple[str, ...]:
    """A note's authors as its file names them, with their ORCID iDs: the exports
    publish those too (TEI, Web Annotations)."""
    record = loading.collection(app.env).by_file.get(note["file"])
    if record is None:
        return tuple(note["authors"])
    return tuple(f"{a.name} (ORCID {a.orcid})" if a.orcid else a.name
                 for a in record.authors)


def _notes(app: Sphinx, doctree: nodes.document, docname: str, into: Published) -> None:
    domain = edition_domain(app.env)
    title = app.env.titles.get(docname)
    for note in doctree.findall(annotation):
        text = WITHHELD if _withheld(note) else reading(PublishedNote.of(note).text)
        into.notes[note["annotation"]] = Note(
            id=note["annotation"], chapter=docname, title=title.astext() if title else docname,
            paragraph=domain.paragraph_of(docname), number=str(note.get("number", "")),
            type_label=note["type_label"], exact=note["exact"], prefix=note["prefix"],
            suffix=note["suffix"], text=text,
            authors=_authors(app, note), date=str(note["date"]),
            file=_relative(note["file"], Path(app.srcdir)), line=note["exact_line"],
            links=links_of(note, docname))


def _registers(doctree: nodes.document, into: Published) -> None:
    for items in doctree.findall(nodes.definition_list):
        classes = set(items["classes"])
        for item in items.children:  # an entry's own text may hold a list of its own
            if not isinstance(item, nodes.definition_list_item):
                continue
            term, definition = cast(nodes.term, item[0]), cast(nodes.definition, item[-1])
            entry = Entry(" ".join(term.astext().split()),
                          WITHHELD if _withheld(item) else reading(_entry_text(definition)))
            if "edition-persons" in classes:
                key = next((i.removeprefix("person-") for i in term["ids"]), entry.heading)
                into.persons[key] = entry
            elif "edition-chronology" in classes:
                key, n = entry.heading, 2
                while key in into.chronology:  # two events on one day
                    key, n = f"{entry.heading} ({n})", n + 1
                into.chronology[key] = entry


def _entry_text(definition: nodes.Element) -> str:
    """An entry's own text: not where the text names the person, which the index of
    persons adds and which changes with the notes (``pages/places.py``)."""
    own = definition.deepcopy()
    for derived in list(own.findall(lambda n: isinstance(n, nodes.Element) and (
            "edition-person-places" in n.get("classes", [])
            or n.tagname == "person_places"))):
        derived.parent.remove(derived)
    return own.astext()


def _inside(value: object) -> str | None:
    """A setting's path, normalized, if it is a path inside the edition's folder."""
    if not isinstance(value, str) or not value.strip():
        return None
    path = posixpath.normpath(value.replace("\\", "/"))
    if path.startswith(("/", "../")) or path in {".", ".."}:
        return None
    return path


def sources_of(config) -> Sources:
    return Sources(_inside(getattr(config, "edition_annotations", None)),
                   tuple(path for name in ("edition_persons", "edition_chronology")
                         if (path := _inside(getattr(config, name, None)))))


def _page_address(docname: str, typ: str | None = None) -> str:
    """A page's address as the HTML build gives it (Sphinx's dummy builder gives none):
    so that a note's links say which page they go to."""
    return f"{docname}.html"


class Unreadable(Exception):
    """The edition in a folder cannot be read at all (its conf.py is broken, or the
    build refuses it, as it refuses a checkout that carries a build folder): the
    build's messages, as ``check`` prints them."""

    def __init__(self, problems: str) -> None:
        super().__init__(problems)
        self.problems = problems


def _as_printed(messages: str, srcdir: Path, folders: set[str]) -> str:
    problems = ANSI.sub("", messages)
    for folder in {*folders, str(srcdir), str(srcdir.resolve())}:
        problems = problems.replace(folder.rstrip("/") + "/", "")
    return problems.strip()


def read_tree(srcdir: Path) -> Published:
    """Build the edition in `srcdir` (writing nothing) and gather what it publishes.
    Anything the build prints goes to standard error: standard output may be the
    report. Python's import path is left as it was (conf.py adds its folder). Raises
    Unreadable when no build can start."""
    found = Published()

    def collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if edition_domain(app.env).is_essay_chapter(docname):
            _notes(app, doctree, docname, found)
        _registers(doctree, found)

    def setup(app: Sphinx) -> None:
        if isinstance(app.builder, DummyBuilder):
            app.builder.get_target_uri = _page_address  # type: ignore[method-assign]
        app.connect("doctree-resolved", collect)

    nocolor()
    warnings, path = io.StringIO(), list(sys.path)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            app = dummy_build(srcdir, warnings, setup)
    except (SphinxError, SystemExit) as err:
        # A guard of the build stops it with a message and an exit status, Sphinx with
        # an error (a conf.py that does not run).
        said = "" if isinstance(err, SystemExit) else " ".join(str(err).split())
        raise Unreadable("\n".join(filter(None, [
            _as_printed(warnings.getvalue(), srcdir, set()), said]))
            or f"the build stopped (exit status {err})") from err
    finally:
        sys.path[:] = path
    found.sources = sources_of(app.config)
    # What an entry publishes besides its text: its form in the printed index, and the
    # names in the essay and the notes that link to it.
    for person in load_persons(settings(app.config).persons)[0]:
        if person.id in found.persons:
            entry = found.persons[person.id]
            found.persons[person.id] = Entry(entry.heading, f"{entry.text} [Printed index: "
                                             f"{person.index}. Names linked: "
                                             f"{', '.join(person.mentions)}.]")
    found.problems = _as_printed(warnings.getvalue(), srcdir, {str(app.srcdir)})
    found.failed = bool(app.statuscode or found.problems)
    return found
