"""A note's body as doctree nodes, every node located in the note's own file.

The body's Markdown tokens were made once, when the file was read (``model.py``), by
the build's own MyST parser (:func:`markdown_for`); here MyST's renderer turns them into
nodes, in a document of the note's own (its own reporter, its own source), sharing the
chapter's id registry so that ids stay unique on the chapter's page. Every message
about the body — MyST's, docutils', a citation's, a reference's — names the note's
file and the line the thing is written on.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
from typing import cast

from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import get_source_line
from docutils.utils import new_document as docutils_new_document
from markdown_it import MarkdownIt
from markdown_it.utils import OptionsDict
from myst_parser.config.main import MdParserConfig
from myst_parser.mdit_to_docutils import base as myst_base
from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
from myst_parser.parsers.mdit import create_md_parser
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import LoggingReporter, new_document

from edition.annotations import model


def markdown_for(env: BuildEnvironment) -> MarkdownIt:
    """The MyST parser of this build (its configuration, Sphinx's renderer): one for
    every note, which tokenizes each body once and renders it once."""
    return create_md_parser(myst_config(env), SphinxRenderer)


def myst_config(env: BuildEnvironment) -> MdParserConfig:
    """MyST-Parser's settings of this build, which it keeps on the environment."""
    return env.myst_config  # type: ignore[attr-defined]


def parse_body(md: MarkdownIt, doctree: nodes.document, docname: str,
               note: model.Annotation) -> list[nodes.Node]:
    """The note's body as nodes, every node located in the annotation file."""
    document = new_document(str(note.path), doctree.settings)
    # A reporter of the note's own. Sphinx's new_document() hands every document one
    # cached reporter, and MyST pins `get_source_and_line` to the first document that
    # uses it: without this, every note's messages would name the first note parsed.
    document.reporter = LoggingReporter(str(note.path))
    # Share the chapter's id registry, so that ids made in the note (e.g. for its
    # citations) are unique in the chapter's page.
    document.ids = doctree.ids
    document.id_counter = doctree.id_counter
    options = {**md.options, "document": document}
    with _located_in_note(docname, note), _no_default_document():
        # A note read by an earlier build is kept without its tokens: made again here,
        # by the same parser, for the notes of the chapters this build reads.
        tokens = note.tokens or md.parse(note.padded_body)
        md.renderer.render(list(tokens), cast(OptionsDict, options), {})
    for node in document.findall():
        # The nodes go into the chapter's doctree: they must belong to it. Left pointing
        # at the note's own document, every pickled doctree carried those documents'
        # settings, and through them the whole build environment as it stood (the
        # check of 10,000 notes took 54 s with that, 38 s without, on one machine).
        node.document = doctree
        if isinstance(node, nodes.Element) and node.source is None:
            node.source = str(note.path)
    return document.children


@functools.cache
def _default_settings():
    return get_default_settings(RSTParser)


@functools.cache
def _throwaway_document():
    """The default MyST asks for and, given the note's document, never uses."""
    return docutils_new_document("notset", settings=_default_settings())


def _cheap_default_document(source_path: str = "notset", parser_cls=RSTParser):
    return _throwaway_document()


@contextlib.contextmanager
def _no_default_document():
    """MyST's renderer makes a default document on every render and throws it away
    when it is given one (``setup_render``: ``options.get("document",
    make_document())``); making it builds docutils' whole option parser, about 2 ms,
    which for ten thousand notes is twenty seconds. While a note renders, the default
    is made from settings built once. Remove when MyST-Parser (5.2 here) makes its
    default only when it needs one; ``test_note_rendering_needs_no_option_parser``
    shows whether it still does."""
    original = myst_base.make_document
    myst_base.make_document = _cheap_default_document
    try:
        yield
    finally:
        myst_base.make_document = original


#: How MyST records a role's source (``:cite:p:`key```) and how a note writes it.
ROLE_RAWSOURCE = re.compile(r"^:([\w:.+-]+):`(.*)`$", re.DOTALL)


def _written_form(node: nodes.Element) -> str | None:
    """How an inline node that messages may be about is written in a note: a role as
    ``{name}`content```, a person's linked mention as the name itself."""
    match = ROLE_RAWSOURCE.match(node.rawsource or "")
    if match:
        return "{%s}`%s`" % match.groups()
    if isinstance(node, addnodes.pending_xref) and node.get("reftype") == "person":
        return node.astext()
    return None


class NoteLines:
    """The lines of a note's file, to find on which one a thing is written.

    MyST locates inline markup at the first line of its paragraph, and a note is one
    sentence per line: a message about a citation in the third sentence would point
    two lines too high. The thing's written form is looked for from that line on,
    each occurrence taken once, so that two identical citations get their own lines."""

    def __init__(self, note: model.Annotation) -> None:
        self.lines = note.padded_body.split("\n")
        self.taken: set[tuple[int, int]] = set()

    def find(self, written: str, from_line: int) -> int:
        """The line (1-based) where `written` next stands, or `from_line`."""
        for number in range(max(from_line, 1), len(self.lines) + 1):
            column = self.lines[number - 1].find(written)
            while column != -1 and (number, column) in self.taken:
                column = self.lines[number - 1].find(written, column + 1)
            if column != -1:
                self.taken.add((number, column))
                return number
        return from_line


def locate_inline(root: nodes.Element, note: model.Annotation) -> None:
    """Give each role and each linked mention in a note its file and its own line."""
    lines = NoteLines(note)
    located: set[int] = set()  # id() of nodes already placed, with their contents
    for node in root.findall(nodes.Element):
        written = _written_form(node) if id(node) not in located else None
        if not written:
            continue
        line = node.line or get_source_line(node.parent)[1] or note.body_line
        line = lines.find(written, line)
        for inner in node.findall(nodes.Element):
            inner.source, inner.line = str(note.path), line
            located.add(id(inner))


#: The loggers through which MyST reports what it finds while parsing.
MYST_LOGGERS = ("sphinx.myst_parser.warnings_", "sphinx.myst_parser.mdit_to_docutils.sphinx_")


class _NoteLocation(logging.Filter):
    """Point MyST's messages about a note at the note's file, not its chapter.

    MyST locates what it reports as (the document being read, line); while a note's
    body is parsed, that document is the chapter the note belongs to."""

    def __init__(self, docname: str, note: model.Annotation) -> None:
        super().__init__()
        self.docname, self.note = docname, note
        self.lines = NoteLines(note)

    def filter(self, record: logging.LogRecord) -> bool:
        location = getattr(record, "location", None)
        if isinstance(location, tuple) and location[0] == self.docname:
            line = location[1] or self.note.body_line
            role = ROLE_IN_MESSAGE.search(record.getMessage())
            if role:
                line = self.lines.find("{%s}" % role.group(1), line)
            record.location = f"{self.note.path}:{line}"
        return True


#: MyST names the role it does not know: 'Unknown interpreted text role "cite:q".'
ROLE_IN_MESSAGE = re.compile(r'text role "([^"]+)"')


@contextlib.contextmanager
def _located_in_note(docname: str, note: model.Annotation):
    located = _NoteLocation(docname, note)
    loggers = [logging.getLogger(name) for name in MYST_LOGGERS]
    for logger in loggers:
        logger.addFilter(located)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(located)
