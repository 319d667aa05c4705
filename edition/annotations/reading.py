"""Annotations in the read phase: every file read once per build, each chapter given
its notes.

At the start of each build (``builder-inited``, and ``env-get-outdated`` for a second
build in one process, as ``make serve`` does) the annotation files are read — again
only if one was added, removed or changed — and their problems reported. While an
essay chapter is read, its notes become :class:`~edition.output.nodes.annotation`
nodes held at the end of the chapter (anchored when it is written: ``placing.py``);
each file becomes a dependency of its chapter, so editing it re-reads that chapter
only.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from edition.annotations import bodies, model
from edition.messages import Subtype, warn
from edition.output.nodes import EDITORIAL, annotation, annotation_notes

HOLDER_CLASS = "edition-pending-notes"

#: annotations folder -> (the files' state, what they gave). A cache of sidecar files,
#: refreshed at the start of every build; the documents' data lives in the domain.
_READ: dict[Path, tuple[tuple, model.Collection]] = {}


def annotations_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / env.config.edition_annotations


def collection(env: BuildEnvironment) -> model.Collection:
    """The annotation files as this build read them."""
    directory = annotations_dir(env)
    if directory not in _READ:
        refresh(env)
    return _READ[directory][1]


def refresh(env: BuildEnvironment) -> bool:
    """Read the annotation files if they changed since they were read; True if so."""
    directory = annotations_dir(env)
    state = model.state(directory)
    if directory in _READ and _READ[directory][0] == state:
        return False
    md = None

    def markdown():
        nonlocal md
        if md is None:
            md = bodies.markdown_for(env)
        return md

    _READ[directory] = (state, model.load_all(directory, markdown))
    return True


def report_invalid_files(app: Sphinx) -> None:
    """builder-inited: read the files; every problem in every file, once per build."""
    refresh(app.env)
    for problem in collection(app.env).problems:
        warn(problem.message, Subtype.annotation, location=f"{problem.path}:{problem.line}")


def check_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: each annotation must target an essay chapter of the edition."""
    chapters = env.get_domain("edition").data["paragraphs"]
    for note in collection(env).notes:
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
    if refresh(env):
        for problem in collection(env).problems:
            warn(problem.message, Subtype.annotation,
                 location=f"{problem.path}:{problem.line}")
    before = env.get_domain("edition").annotated_chapters()
    now = {chapter: {n.id for n in notes}
           for chapter, notes in collection(env).by_chapter.items()}
    chapters = set(env.get_domain("edition").data["paragraphs"])
    return [d for d in chapters if before.get(d, set()) != now.get(d, set())
            and d in env.found_docs]


def hold_notes(env: BuildEnvironment, doctree: nodes.document, section: nodes.Element,
               docname: str) -> list[tuple[annotation, model.Annotation]]:
    """The chapter's notes, parsed and held at the end of its section (until they are
    anchored, when the chapter is written), each with the record it was made from."""
    notes = collection(env).by_chapter.get(docname, [])
    if not notes:
        return []
    md = bodies.markdown_for(env)
    holder = annotation_notes(classes=[HOLDER_CLASS, EDITORIAL])
    held = []
    for note in notes:
        env.note_dependency(str(note.path))
        node = annotation(
            annotation=note.id, type=note.type, type_label=note.type_label,
            authors=[a.name for a in note.authors], date=note.date.isoformat(),
            lemma=note.selector.exact, exact=note.selector.exact,
            prefix=note.selector.prefix, suffix=note.selector.suffix,
            file=str(note.path), exact_line=note.exact_line, chapter=docname,
            ids=[f"note-{note.id}"], classes=[EDITORIAL],
        )
        node.source, node.line = str(note.path), note.body_line
        node.extend(bodies.parse_body(md, doctree, docname, note))
        holder += node
        held.append((node, note))
    section += holder
    return held

