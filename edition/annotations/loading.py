"""The annotation files, loaded once per build, and the checks on what they target.

At the start of each build (``builder-inited``, and ``env-get-outdated`` for a second
``app.build()`` of one application, as tests make) the annotation files are read — again
only if one was added, removed or changed — and their problems reported. While an
essay chapter is read, its notes are held in it (``holding.py``) and anchored when it
is written (``anchoring.py``); the chapter keeps the state (size, modification time) of
each file it was read with, so that editing one re-reads that chapter only
(``outdated_chapters``). They are not Sphinx's dependencies of the chapter: at 10,000
notes, Sphinx's own check of them (a path object hashed as the environment is loaded
and a ``stat`` per file) cost a rebuild a third of a second, and the folder's one scan
already knows every file's state.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import cast

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from edition.annotations import bodies, files, model
from edition.annotations.keptreadings import KeptReadings, fingerprint
from edition.config import settings
from edition.domain import edition_domain
from edition.messages import Subtype, warn


@dataclasses.dataclass
class AnnotationFiles:
    """The annotation files as this build read them (its build state, in the domain): the
    folder's state when they were read and what they gave, refreshed at the start of
    every build; the documents' data lives in the domain's records."""

    state: tuple | None = None
    collection: model.Collection | None = None
    #: file -> (size, mtime_ns), of the same look at the folder as `state`
    stamps: dict[str, tuple[int, int]] = dataclasses.field(default_factory=dict)
    #: read at this build's start (builder-inited), not to be looked at again when the
    #: same build asks which chapters are outdated, a moment later
    read_at_start: bool = False


def _files(env: BuildEnvironment) -> AnnotationFiles:
    return edition_domain(env).build_state.of(AnnotationFiles)


def annotations_dir(env: BuildEnvironment) -> Path:
    return settings(env.config).annotations


def collection(env: BuildEnvironment) -> model.Collection:
    """The annotation files as this build read them."""
    read = _files(env)
    if read.collection is None:
        refresh(env)
    return cast(model.Collection, read.collection)


def file_stamps(env: BuildEnvironment) -> dict[str, tuple[int, int]]:
    """Each annotation file as this build read it: path -> (size, mtime_ns)."""
    collection(env)
    return _files(env).stamps


def refresh(env: BuildEnvironment) -> bool:
    """Read the annotation files if they changed since they were read; True if so."""
    directory = annotations_dir(env)
    entries = files.scan(directory)  # one look at the folder, for all that follows
    state = files.state(directory, entries)
    read = _files(env)
    if read.collection is not None and read.state == state:
        return False
    md = None

    def markdown():
        nonlocal md
        if md is None:
            md = bodies.markdown_for(env)
        return md

    kept = KeptReadings(Path(env.doctreedir), fingerprint(env))
    collection, readings = files.read_all(directory, markdown, kept.load(), entries, state)
    kept.store(readings)
    read.state, read.collection = state, collection
    read.stamps = {path: (size, mtime) for path, size, mtime in state}
    return True


def report_invalid_files(app: Sphinx) -> None:
    """builder-inited: read the files; every problem in every file, once per build."""
    refresh(app.env)
    _files(app.env).read_at_start = True
    for problem in collection(app.env).problems:
        warn(problem.message, Subtype.annotation, location=f"{problem.path}:{problem.line}")


def check_targets(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """env-updated: each annotation must target an essay chapter of the edition."""
    chapters = set(edition_domain(env).essay_chapters())
    for note in collection(env).notes:
        if note.chapter not in chapters:
            known = ", ".join(sorted(chapters)) or "none"
            what = ("is not an essay chapter" if note.chapter in env.found_docs
                    else "does not exist")
            warn(f"target chapter {note.chapter!r} {what}; annotations target the essay's "
                 f"chapters: {known}", Subtype.annotation,
                 location=f"{note.path}:{note.chapter_line}")
    return []


def forget_read_at_start(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: a build that failed before it asked which chapters are outdated
    leaves the next ``app.build()`` to look at the files again."""
    _files(app.env).read_at_start = False


def outdated_chapters(app: Sphinx, env: BuildEnvironment, added, changed, removed):
    """env-get-outdated: chapters whose annotation files are not the ones they were read
    with (a file added, removed, edited, or now targeting another chapter). The files
    are looked at again unless this build has just read them (a second ``app.build()``
    of one application has not)."""
    read = _files(env)
    if read.read_at_start:
        read.read_at_start = False
    elif refresh(env):
        for problem in collection(env).problems:
            warn(problem.message, Subtype.annotation,
                 location=f"{problem.path}:{problem.line}")
    domain = edition_domain(env)
    before = domain.note_files_read()
    stamps = file_stamps(env)
    file_of = collection(env).file_of
    now = {chapter: {file_of[n.id]: stamps.get(file_of[n.id]) for n in notes}
           for chapter, notes in collection(env).by_chapter.items()}
    chapters = set(domain.essay_chapters())
    return [d for d in chapters if before.get(d, {}) != now.get(d, {})
            and d in env.found_docs]
