"""The annotation record and its format: one file in annotations/ (no Sphinx).

A file is MyST Markdown with YAML front matter::

    ---
    id: rush-two-candidates          # = the file name, without .md
    type: source                     # commentary | source | textual
    authors:
      - name: The edition's editors
        orcid: 0000-0002-1825-0097   # optional
    date: 2026-11-26
    target:
      chapter: chapters/02-cautious-destalinization
      exact: "(Rush 59)"             # W3C TextQuoteSelector: exact, prefix, suffix
      prefix: "and actions "         # optional, to tell several matches apart
    ---
    The note, in MyST, with citation roles: {cite:p}`rush1965succession`.

The front matter's format is declared once, in ``annotation.schema.json`` (JSON
Schema). A file is read by ``files.py``: its front matter by ``frontmatter.py``, its
body checked by ``bodycheck.py``; this module holds what they make (the records, the
problems) and the format's constants.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

SCHEMA_PATH = Path(__file__).with_name("annotation.schema.json")
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
FIELDS = tuple(SCHEMA["properties"])
TYPES = {  # the schema's `type` values, with the label readers see
    "commentary": "Commentary",  # historical context and explanation
    "source": "Source",  # identifies or assesses a source the essay uses
    "textual": "Textual note",  # the text itself: lacunae, slips, regularizations
}
MAX_BYTES = 64 * 1024
#: Invisible characters that reorder text on screen ("Trojan Source"); never needed here.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
#: Control characters (tab and line ends aside): invisible, and neither XML (the TEI,
#: the EPUB) nor TeX (the PDF) takes them.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: What the template has for `date`, to be replaced by the day the note is written.
TEMPLATE_DATE = "YYYY-MM-DD"
#: What the template has for an author's name and for the note itself: a file copied (or
#: suggested from the page) and not filled in is refused, not published.
TEMPLATE_AUTHOR = "Your Name"
TEMPLATE_BODY = "The note: one or a few sentences"
#: libyaml's composer where PyYAML was built with it: about ten times faster.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Makes the Markdown parser a body is tokenized with (the build passes its own, so
#: that the tokens checked here are the tokens it renders).
MarkdownFactory = Callable[[], MarkdownIt]


#: Placeholders that are not anyone's name (compared without case, brackets or extra
#: spaces): the template's, and what a form or a newcomer puts for one.
PLACEHOLDER_NAMES = frozenset({TEMPLATE_AUTHOR.casefold(), "your name here", "your full name",
                               "name", "author", "my name", "full name", "first last",
                               "firstname lastname", "first name last name", "name surname"})


def placeholder_name(name: str) -> bool:
    """Whether an author's name is a placeholder, not a name."""
    plain = " ".join(re.sub(r"[<>\[\](){}_*\"'.:]", " ", name).casefold().split())
    return plain in PLACEHOLDER_NAMES


def latest_date() -> dt.date:
    """The latest day a note can have been written: today where the day begins first
    (UTC+14), so that no contributor's today counts as the future."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


@dataclass(frozen=True)
class Author:
    name: str
    orcid: str | None = None


@dataclass(frozen=True)
class Selector:
    """W3C Web Annotation TextQuoteSelector."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Annotation:
    id: str
    type: str
    authors: tuple[Author, ...]
    date: dt.date
    chapter: str  # a docname, e.g. "chapters/02-cautious-destalinization"
    selector: Selector
    body: str
    path: Path
    body_line: int  # line of the body's first line in the file
    chapter_line: int  # line of `chapter:` (for messages about the target chapter)
    exact_line: int  # line of `exact:` (for anchoring messages)
    #: The body's Markdown tokens, made once when the file is read (lines are the
    #: file's); the build renders these.
    tokens: tuple[Token, ...] = field(default=(), compare=False, repr=False)

    @property
    def type_label(self) -> str:
        return TYPES[self.type]

    @property
    def padded_body(self) -> str:
        """The body preceded by empty lines, so that its line numbers are the file's."""
        return "\n" * (self.body_line - 1) + self.body


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class FileReading:
    """What one file gave: the annotation (None if it has problems), its problems, and
    the id it declares with its line (also when invalid, to find ids used twice)."""

    annotation: Annotation | None
    problems: list[Problem]
    declared_id: str | None = None
    id_line: int = 2


@dataclass(frozen=True)
class Collection:
    """Every annotation file of an edition, read once."""

    notes: tuple[Annotation, ...]
    problems: tuple[Problem, ...]
    #: the path of each note's file, as the folder's scan gave it (in the notes' order)
    files: tuple[str, ...] = ()

    @functools.cached_property
    def by_chapter(self) -> dict[str, list[Annotation]]:
        chapters: dict[str, list[Annotation]] = {}
        for note in self.notes:
            chapters.setdefault(note.chapter, []).append(note)
        return chapters

    @functools.cached_property
    def by_file(self) -> dict[str, Annotation]:
        """Each note by the path of its file (as a note node records it)."""
        return {str(note.path): note for note in self.notes}

    @functools.cached_property
    def file_of(self) -> dict[str, str]:
        """Each note's id -> the path of its file as the folder's scan gave it, the key
        of its state (`note.path`, unpickled with a kept reading, would be formatted
        anew for each of 10,000 notes)."""
        if len(self.files) == len(self.notes):
            return {note.id: file for note, file in zip(self.notes, self.files, strict=True)}
        return {note.id: str(note.path) for note in self.notes}
