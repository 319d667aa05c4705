"""Annotations in the build: loaded with their chapter, anchored, placed after the text.

Read phase (``doctree-read``): each valid annotation targeting a chapter is parsed
(its MyST body as a document of its own, so that every message points into the
annotation file), becomes an :class:`~edition.nodes.annotation` node held at the end
of the chapter, and is recorded in the domain; the file becomes a dependency of the
chapter, so editing it re-reads that chapter only.

Write phase (:class:`AnchorAnnotations`, after references are resolved so that
citations read as readers see them): each note's quote is found in the chapter's
reading text; its lemma is wrapped and numbered, and the notes are placed after the
paragraph they belong to.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

from docutils import nodes
from docutils.utils import get_source_line, smartquotes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import LoggingReporter, new_document

from edition.annotations import anchoring, model
from edition.messages import Subtype, warn
from edition.output.nodes import EDITORIAL, annotated, annotation, annotation_notes, annotation_ref
from edition.text.readingtext import essay_paragraphs

HOLDER_CLASS = "edition-pending-notes"


def annotations_dir(app: Sphinx) -> Path:
    return Path(app.confdir) / app.config.edition_annotations


def valid_annotations(app: Sphinx) -> list[model.Annotation]:
    return model.load_all(annotations_dir(app))[0]


def report_invalid_files(app: Sphinx) -> None:
    """builder-inited: every problem in every annotation file, once per build."""
    for problem in model.load_all(annotations_dir(app))[1]:
        warn(problem.message, Subtype.annotation, location=f"{problem.path}:{problem.line}")


def check_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: each annotation must target an essay chapter of the edition."""
    chapters = env.get_domain("edition").data["paragraphs"]
    for note in valid_annotations(app):
        if note.chapter not in chapters:
            known = ", ".join(sorted(chapters)) or "none"
            what = ("is not an essay chapter" if note.chapter in env.found_docs
                    else "does not exist")
            warn(f"target chapter {note.chapter!r} {what}; annotations target the essay's "
                 f"chapters: {known}", Subtype.annotation,
                 location=f"{note.path}:{note.chapter_line}")
    return []


def outdated_chapters(app: Sphinx, env: BuildEnvironment, added, changed, removed):
    """env-get-outdated: chapters that gained or lost an annotation file since they were
    read (an edited or deleted file is already a dependency of its chapter)."""
    before = env.get_domain("edition").annotated_chapters()
    now: dict[str, set[str]] = {}
    for note in valid_annotations(app):
        now.setdefault(note.chapter, set()).add(note.id)
    chapters = set(env.get_domain("edition").data["paragraphs"])
    return [d for d in chapters if before.get(d, set()) != now.get(d, set())
            and d in env.found_docs]


def _parse_body(app: Sphinx, doctree: nodes.document, note: model.Annotation):
    """The body as nodes, every node located in the annotation file."""
    document = new_document(str(note.path), doctree.settings)
    # A reporter of the note's own. Sphinx's new_document() hands every document one
    # cached reporter, and MyST pins `get_source_and_line` to the first document that
    # uses it: without this, every note's messages would name the first note parsed.
    document.reporter = LoggingReporter(str(note.path))
    # Share the chapter's id registry, so that ids made in the note (e.g. for its
    # citations) are unique in the chapter's page.
    document.ids = doctree.ids
    document.id_counter = doctree.id_counter
    parser = app.registry.create_source_parser("markdown", config=app.config, env=app.env)
    # Pad so that MyST's line numbers are the file's.
    with _located_in_note(app.env.docname, note):
        parser.parse("\n" * (note.body_line - 1) + note.body, document)
    for node in document.findall(nodes.Element):
        if node.source is None:
            node.source = str(note.path)
    _educate_quotes(document)
    return document.children


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
    if isinstance(node, nodes.reference) and node.get("refuri", "").startswith("#"):
        return f"]({node['refuri']})"
    return None


class NoteLines:
    """The lines of a note's file, to find on which one a thing is written.

    MyST locates inline markup at the first line of its paragraph, and a note is one
    sentence per line: a message about a citation in the third sentence would point
    two lines too high. The thing's written form is looked for from that line on,
    each occurrence taken once, so that two identical citations get their own lines."""

    def __init__(self, note: model.Annotation) -> None:
        self.lines = ("\n" * (note.body_line - 1) + note.body).split("\n")
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


def _locate_inline(root: nodes.Element, note: model.Annotation) -> None:
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


def _educate_quotes(document: nodes.document) -> None:
    """Curly quotes and apostrophes in the note's prose, as Sphinx gives the chapters."""
    for text in list(document.findall(nodes.Text)):
        if isinstance(text.parent, (nodes.literal, nodes.literal_block, nodes.raw)):
            continue
        educated = smartquotes.smartyPants(str(text), attr="qDe", language="en")
        if educated != str(text):
            text.parent.replace(text, nodes.Text(educated))


def load_for_chapter(app: Sphinx, doctree: nodes.document, docname: str,
                     persons=()) -> list[str]:
    """Called from the chapter's doctree-read: hold its notes at its end, with the
    persons they name linked to the register. Return the ids of the persons linked."""
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is None:
        return []
    from edition.registers.persons import link_mentions

    mentioned: list[str] = []
    domain = app.env.get_domain("edition")
    holder = annotation_notes(classes=[HOLDER_CLASS, EDITORIAL])
    records = []
    for note in valid_annotations(app):
        if note.chapter != docname:
            continue
        app.env.note_dependency(str(note.path))
        node = annotation(
            annotation=note.id, type=note.type, type_label=note.type_label,
            authors=[a.name for a in note.authors], date=note.date.isoformat(),
            lemma=note.selector.exact, exact=note.selector.exact,
            prefix=note.selector.prefix, suffix=note.selector.suffix,
            file=str(note.path), exact_line=note.exact_line, chapter=docname,
            ids=[f"note-{note.id}"], classes=[EDITORIAL],
        )
        node.source, node.line = str(note.path), note.body_line
        node.extend(_parse_body(app, doctree, note))
        mentioned += link_mentions(node, list(persons), doctree)
        _locate_inline(node, note)
        holder += node
        records.append({
            # Where the quote stands in the witness paragraph, to list notes in text
            # order before they are anchored (quotes of regularized text sort last).
            "offset": _offset(app, docname, note.selector.exact),
            "id": note.id, "type": note.type, "type_label": note.type_label,
            "authors": [a.name for a in note.authors], "date": note.date.isoformat(),
            "exact": note.selector.exact, "file": str(note.path),
        })
    if records:
        section += holder
    domain.data["annotations"][docname] = records
    return mentioned


def _offset(app: Sphinx, docname: str, exact: str) -> int:
    from edition.config import witness_path
    from edition.text.witness import witness_paragraphs

    paragraph = app.env.get_domain("edition").data["paragraphs"].get(docname)
    path = witness_path(app)
    if not paragraph or path is None or not path.is_file():
        return 0
    found = witness_paragraphs(path)[paragraph - 1].find(exact)
    return found if found != -1 else 1 << 30


def _other_chapters(env: BuildEnvironment, docname: str) -> dict[str, str]:
    """The other essay chapters and their words (the witness's: close enough to say
    where a quote stands)."""
    texts = env.get_domain("edition").data["witness_text"]
    return {chapter: text for chapter, text in texts.items() if chapter != docname}


def _skip(element: nodes.Element) -> bool:
    return EDITORIAL in element["classes"] or isinstance(element, annotation)


class AnchorAnnotations(SphinxPostTransform):
    """Find each held note's lemma, number the notes, place them after their paragraph."""

    # After ReferencesResolver (10): citations then read as readers see them.
    default_priority = 20

    def run(self, **kwargs) -> None:
        for holder in list(self.document.findall(annotation_notes)):
            if HOLDER_CLASS in holder["classes"]:
                self.anchor(holder)

    def check_fragment_links(self, holder: annotation_notes) -> None:
        """A link within the page (``[…](#paragraph-1)``) must arrive: MyST leaves one
        in a note unchecked, since the note is parsed apart from its page."""
        links = [link for link in holder.findall(nodes.reference)
                 if not link.get("internal") and link.get("refuri", "").startswith("#")]
        if not links:
            return
        ids = {i for element in self.document.findall(nodes.Element)
               for i in element.get("ids", [])}
        for link in links:
            fragment = link["refuri"]
            if fragment[1:] not in ids:
                warn(f"the link to {fragment!r} leads nowhere on its page; link to an "
                     "existing anchor such as #paragraph-1, or use a {ref} role",
                     Subtype.annotation, location=link)

    def anchor(self, holder: annotation_notes) -> None:
        section = holder.parent
        paragraphs = [p for p in essay_paragraphs(section) if p.parent is section]
        text, _ = anchoring.reading_text(paragraphs, _skip)
        placed: list[tuple[int, annotation]] = []
        for note in list(holder.children):
            selector = model.Selector(note["exact"], note["prefix"], note["suffix"])
            where = f"{note['file']}:{note['exact_line']}"
            starts = anchoring.find(text, selector)
            if len(starts) == 1:
                placed.append((starts[0], note))
                continue
            if not starts:
                hints = anchoring.near_miss_hints(text, selector,
                                                  _other_chapters(self.env, note["chapter"]))
                hint = (" Perhaps " + "; or ".join(hints) + ".") if hints else ""
                warn(f"the quote {selector.exact!r} is not in {note['chapter']}.{hint}",
                     Subtype.anchor, location=where)
            else:
                warn(f"the quote {selector.exact!r} occurs {len(starts)} times in "
                     f"{note['chapter']}; add a `prefix` (the words just before it) "
                     "or a `suffix` (just after it) so that it occurs once",
                     Subtype.anchor, location=where)
        self.check_fragment_links(holder)
        placed.sort(key=lambda item: item[0])
        notes_by_paragraph: dict[int, list[annotation]] = {}
        number = 0
        for start, note in placed:
            try:
                anchoring.wrap(paragraphs, _skip, start, start + len(note["exact"]),
                               lambda n=note: annotation_ref(
                                   annotation=n["annotation"], type=n["type"],
                                   ids=[f"lemma-{n['annotation']}"]))
            except anchoring.AnchorError as err:
                warn(f"the quote {note['exact']!r} cannot be marked: {err}",
                     Subtype.anchor, location=f"{note['file']}:{note['exact_line']}")
                continue
            number += 1
            note["number"] = number
            paragraph_index = text.count("\n", 0, start)
            notes_by_paragraph.setdefault(paragraph_index, []).append(note)
        # Number the lemmas as their notes.
        for ref in section.findall(annotation_ref):
            note = next(n for _, n in placed if n["annotation"] == ref["annotation"])
            ref["number"] = note.get("number")
        holder.parent.remove(holder)
        for index, notes in notes_by_paragraph.items():
            paragraph = paragraphs[index]
            box = annotated()
            # Not replace_self(): it would move the paragraph's ids onto the box.
            parent = paragraph.parent
            position = next(k for k, c in enumerate(parent.children) if c is paragraph)
            parent.children[position] = box
            box.parent = parent
            box += paragraph
            box += annotation_notes("", *notes, classes=[EDITORIAL])


