"""What one tree of the edition publishes, read for a review: every note as its reader
reads it, each entry of the registers, and the build's problems.

The tree is read by the build ``check`` runs (``dummybuild.py``), which resolves every
page as the HTML build does and writes nothing. A note's text is taken from its
resolved doctree, citations rendered by the edition's own style, exactly as the Web
Annotations' plain-text body (``PublishedNote``); the registers' entries from the
persons and chronology pages as they are resolved.
"""

from __future__ import annotations

import contextlib
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.console import nocolor

from edition.annotations.nodes import annotation
from edition.dummybuild import dummy_build
from edition.exports.material import PublishedNote

ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


#: What makes a note changed, with the words a reviewer reads. Its number is not: it
#: moves whenever a note is added or removed before it.
COMPARED = {"text": "the text", "exact": "the lemma", "prefix": "the words before the lemma",
            "suffix": "the words after the lemma", "chapter": "the chapter",
            "paragraph": "the paragraph", "type_label": "the type", "authors": "the authors",
            "date": "the date"}


@dataclass(frozen=True)
class Entry:
    """An entry of a register: its heading (a person's name and dates; a date) and its
    text, citations rendered."""

    heading: str
    text: str


@dataclass
class Published:
    notes: dict[str, Note] = field(default_factory=dict)
    persons: dict[str, Entry] = field(default_factory=dict)
    chronology: dict[str, Entry] = field(default_factory=dict)
    #: The build's messages as ``check`` prints them (paths relative to the edition).
    problems: str = ""
    failed: bool = False


def reading(text: str) -> str:
    """A note's plain text with the lines of each paragraph joined, as it is read."""
    return "\n\n".join(" ".join(line.strip() for line in para.splitlines())
                       for para in text.split("\n\n") if para.strip())


def _relative(path: str, root: Path) -> str:
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _notes(app: Sphinx, doctree: nodes.document, docname: str, into: Published) -> None:
    domain = app.env.get_domain("edition")
    title = app.env.titles.get(docname)
    for note in doctree.findall(annotation):
        into.notes[note["annotation"]] = Note(
            id=note["annotation"], chapter=docname, title=title.astext() if title else docname,
            paragraph=domain.paragraph_of(docname), number=str(note.get("number", "")),
            type_label=note["type_label"], exact=note["exact"], prefix=note["prefix"],
            suffix=note["suffix"], text=reading(PublishedNote.of(note).text),
            authors=tuple(note["authors"]), date=str(note["date"]),
            file=_relative(note["file"], Path(app.srcdir)), line=note["exact_line"])


def _registers(doctree: nodes.document, into: Published) -> None:
    for items in doctree.findall(nodes.definition_list):
        classes = set(items["classes"])
        for item in items.children:  # an entry's own text may hold a list of its own
            if not isinstance(item, nodes.definition_list_item):
                continue
            term, definition = item[0], item[-1]
            entry = Entry(" ".join(term.astext().split()), reading(definition.astext()))
            if "edition-persons" in classes:
                key = next((i.removeprefix("person-") for i in term["ids"]), entry.heading)
                into.persons[key] = entry
            elif "edition-chronology" in classes:
                key, n = entry.heading, 2
                while key in into.chronology:  # two events on one day
                    key, n = f"{entry.heading} ({n})", n + 1
                into.chronology[key] = entry


def read_tree(srcdir: Path) -> Published:
    """Build the edition in `srcdir` (writing nothing) and gather what it publishes.
    Anything the build prints goes to standard error: standard output may be the
    report. Python's import path is left as it was (conf.py adds its folder)."""
    found = Published()

    def collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if app.env.get_domain("edition").is_essay_chapter(docname):
            _notes(app, doctree, docname, found)
        _registers(doctree, found)

    nocolor()
    warnings, path = io.StringIO(), list(sys.path)
    try:
        with contextlib.redirect_stdout(sys.stderr):
            app = dummy_build(srcdir, warnings,
                              lambda app: app.connect("doctree-resolved", collect))
    finally:
        sys.path[:] = path
    problems = ANSI.sub("", warnings.getvalue())
    for folder in {str(app.srcdir), str(srcdir), str(srcdir.resolve())}:
        problems = problems.replace(folder.rstrip("/") + "/", "")
    found.problems = problems.strip()
    found.failed = bool(app.statuscode or found.problems)
    return found
