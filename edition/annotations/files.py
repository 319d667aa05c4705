"""Annotation files read once and validated, one by one and all together (no Sphinx).

Each file is read once: its YAML composed once, which gives both the values and the
line of every field (``frontmatter.py``); its body tokenized once, by the Markdown
parser the build renders it with, and checked (``bodycheck.py``). Reading is defensive:
a size limit, UTF-8 only, no invisible bidirectional controls; it never raises for bad
content, it reports it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path

from edition.annotations.bodycheck import body_problems, default_markdown
from edition.annotations.fieldcheck import semantic_problems
from edition.annotations.frontmatter import (
    FrontMatterError,
    read_front_matter,
    schema_problems,
    split,
)
from edition.annotations.model import (
    BIDI_CONTROLS,
    CONTROLS,
    Annotation,
    Author,
    Collection,
    FileReading,
    MarkdownFactory,
    Problem,
    Selector,
)
from edition.annotations.rawfile import read_bytes
from edition.trust.glyphs import unprintable


def parse_annotation(path: Path, markdown: MarkdownFactory = default_markdown,
                     ) -> tuple[Annotation | None, list[Problem]]:
    """Read and validate one annotation file. Never raises for bad content."""
    reading = read_file(path, markdown)
    return reading.annotation, reading.problems


def _text(path: Path) -> str | Problem:
    """The file's text, if it can be read safely; else the problem that stops it. A link
    is never followed (it could lead anywhere on the machine), and the size is known
    before anything is read."""

    def problem(line: int, message: str) -> Problem:
        return Problem(path, line, message)

    raw, refused = read_bytes(path)
    if refused:
        return problem(1, refused)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        return problem(line, "the file is not UTF-8 text; save it as UTF-8")
    # Some editors save UTF-8 with a byte-order mark, and Windows line ends: both read.
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    for pattern, what, why in HIDDEN:
        hidden = pattern.search(text)
        if hidden:
            line = text.count("\n", 0, hidden.start()) + 1
            return problem(line, f"the file contains {what} (U+{ord(hidden.group()):04X}), "
                                 f"{why}; remove it")
    return text


#: Characters a note's file may not hold, and why.
HIDDEN = (
    (BIDI_CONTROLS, "an invisible bidirectional control character",
     "which can make text display differently from what it is"),
    (CONTROLS, "a control character",
     "which no reader sees and which breaks the PDF and the TEI"),
)


def read_file(path: Path, markdown: MarkdownFactory = default_markdown) -> FileReading:
    """Read one annotation file, once: front matter, body tokens, every problem."""

    def problem(line: int, message: str) -> FileReading:
        return FileReading(None, [Problem(path, line, message)])

    text = _text(path)
    if isinstance(text, Problem):
        return FileReading(None, [text])
    parts = split(text)
    if parts is None:
        return problem(1, "no front matter: the file must start with a line '---', "
                          "the fields, and another line '---' (copy "
                          "annotations/_template.md)")
    front, body, body_line = parts
    try:
        data, lines = read_front_matter(front)
    except FrontMatterError as err:
        return problem(err.line, err.message)
    if not isinstance(data, dict):
        return problem(2, "the front matter must be fields (key: value), not "
                                 f"{type(data).__name__}")

    ident = data.get("id") if isinstance(data.get("id"), str) else None
    id_line = lines.get(("id",), 2)
    found = schema_problems(data, lines) + list(semantic_problems(data, path, lines))
    tokens = tuple(markdown().parse("\n" * (body_line - 1) + body))
    found += [(line or body_line, message)
              for line, message in body_problems(tokens, body, body_line)]
    unprinted = unprintable(text) if not found else None  # the specific messages first
    if unprinted is not None:
        found.append(unprinted)
    if found:
        return FileReading(None, [Problem(path, line, message) for line, message in found],
                           ident, id_line)

    target = data["target"]
    date = data["date"]
    return FileReading(Annotation(
        id=data["id"], type=data["type"],
        authors=tuple(Author(a["name"].strip(), a.get("orcid")) for a in data["authors"]),
        date=date if isinstance(date, dt.date) else dt.date.fromisoformat(date),
        chapter=target["chapter"].removesuffix(".md"),
        selector=Selector(target["exact"], target.get("prefix", ""), target.get("suffix", "")),
        body=body, path=path, body_line=body_line,
        chapter_line=lines.get(("target", "chapter"), 2),
        exact_line=lines.get(("target", "exact"), 2),
        tokens=tokens,
    ), [], ident, id_line)


def annotation_files(directory: Path) -> list[Path]:
    """The annotation files: every .md file except templates (names starting with _),
    in the order of their names."""
    return [Path(entry.path) for entry in _notes(scan(directory))]


def scan(directory: Path) -> list[os.DirEntry]:
    """Every entry of the folder, in the order of their names: one look at the folder,
    from which the notes, their state and the files left unread are all taken (an entry
    keeps its status once asked for it)."""
    try:
        with os.scandir(directory) as found:
            return sorted(found, key=lambda e: e.name)
    except OSError:
        return []


def _notes(entries: list[os.DirEntry]) -> list[os.DirEntry]:
    """Every entry named like a note: files, and also links and anything else that is not
    a folder, which reading then refuses (none is left out without a word)."""
    return [e for e in entries if e.name.endswith(".md") and not e.name.startswith("_")
            and not e.is_dir(follow_symlinks=False)]


def state(directory: Path, entries: list[os.DirEntry] | None = None) -> tuple:
    """What identifies the files' current contents: name, size and modification time
    (of a link, the link's own); from `entries`, the folder's scan, when given."""
    out = []
    for entry in _notes(scan(directory) if entries is None else entries):
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:  # gone since it was listed
            continue
        out.append((entry.path, status.st_size, status.st_mtime_ns))
    return tuple(out)


#: What each file gave when it was last read, by path: (size, modification time) and the
#: reading, its note kept without its Markdown tokens (made again when it is rendered).
Kept = dict[str, tuple[tuple[int, int], FileReading]]


def load_all(directory: Path, markdown: MarkdownFactory = default_markdown) -> Collection:
    """Read every annotation file; also report an id that two files declare."""
    return read_all(directory, markdown)[0]


def read_all(directory: Path, markdown: MarkdownFactory = default_markdown,
             kept: Kept | None = None, entries: list[os.DirEntry] | None = None,
             known_state: tuple | None = None) -> tuple[Collection, Kept]:
    """Every annotation file, each read again only if it changed since `kept` was made
    (a file with problems is always read again: a date in the future, for one, may not
    be tomorrow); and what to keep for the next time. `entries`: the folder's scan, if
    it was just made, and `known_state` its ``state()``."""
    if _through_a_link(directory):
        return Collection((), (Problem(directory, 1, (
            f"the folder {directory.name}/ is a symbolic link: the "
            "notes must be files of the project itself; nothing in it is read")),)), {}
    if entries is None:
        entries = scan(directory)
    readings: list[tuple[str, FileReading]] = []
    keep: Kept = {}
    for path_text, size, mtime in (state(directory, entries) if known_state is None
                                   else known_state):
        previous = (kept or {}).get(path_text)
        if previous is not None and previous[0] == (size, mtime):
            reading = previous[1]
        else:
            reading = read_file(Path(path_text), markdown)
        if not reading.problems:
            keep[path_text] = ((size, mtime), _without_tokens(reading))
        readings.append((path_text, reading))
    collection = _collect(readings)
    strays = tuple(unread_files(directory, entries))
    return Collection(collection.notes, collection.problems + strays, collection.files), keep


def unread_files(directory: Path, entries: list[os.DirEntry] | None = None):
    """Problems for the files in the annotations folder that look like notes but would
    not be read (in a subfolder, or not named ``<id>.md``): a note is never left out
    without a word. Templates (``_…``) and hidden files are left alone. `entries`: the
    folder's scan, if it was just made."""
    if not directory.is_dir() or _through_a_link(directory):
        return
    for parts, entry in _everything_under(directory, entries):
        is_link = entry.is_symlink()
        if is_link and entry.name.startswith("_"):
            # A template is offered to every reader who suggests a note: never a link.
            yield Problem(Path(entry.path), 1, f"{entry.name} is a symbolic link: a "
                                               "template must be a file of its own in "
                                               f"{directory.name}/")
            continue
        if not (is_link or entry.is_file()) or any(
                part.startswith((".", "_")) for part in parts):
            continue
        top, suffix = len(parts) == 1, os.path.splitext(entry.name)[1]
        if top and suffix == ".md" and not is_link:
            continue  # a note's file (the common case: said first)
        path, stem = Path(entry.path), entry.name.split(".")[0]
        if is_link and not (top and suffix == ".md"):
            yield Problem(path, 1, f"{path.name} is a symbolic link, and is not read: a "
                                   f"note must be a file of its own in {directory.name}/")
        elif not top:
            yield Problem(path, 1, f"this file is not read: notes stand directly in "
                                   f"{directory.name}/ (move it to "
                                   f"{directory.name}/{stem}.md when it is ready)")
        elif suffix != ".md":
            yield Problem(path, 1, f"this file is not read: a note's file is named "
                                   f"<id>.md, in lower case (rename it to {stem}.md)")


def _everything_under(directory: Path, entries: list[os.DirEntry] | None,
                      ) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Every entry in the folder and its subfolders (not through a link), with its path's
    parts below the folder, in the order of those parts (as ``sorted(rglob("*"))``)."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []
    folders: list[tuple[tuple[str, ...], list[os.DirEntry]]] = [
        ((), scan(directory) if entries is None else entries)]
    while folders:
        above, listed = folders.pop()
        for entry in listed:
            parts = (*above, entry.name)
            found.append((parts, entry))
            if entry.is_dir(follow_symlinks=False):
                folders.append((parts, scan(Path(entry.path))))
    found.sort(key=lambda item: item[0])
    return found


def _through_a_link(directory: Path) -> bool:
    """Whether the folder is a symbolic link (which could lead anywhere on the machine;
    the project's own folder may lie behind one, as a developer's often does)."""
    return directory.is_symlink()


def _without_tokens(reading: FileReading) -> FileReading:
    if reading.annotation is None or not reading.annotation.tokens:
        return reading
    return dataclasses.replace(reading, annotation=dataclasses.replace(reading.annotation,
                                                                       tokens=()))


def _collect(readings: list[tuple[str, FileReading]]) -> Collection:
    """The notes and problems of every file (by its path); an id that two files declare
    is a problem of the newcomer: the file named after the id keeps it (if none is, or
    several could be, the first in name order does)."""
    declaring: dict[str, list[str]] = {}
    for path, reading in readings:
        if reading.declared_id:
            declaring.setdefault(reading.declared_id, []).append(path)
    owners = {ident: paths[0] if len(paths) == 1 else
              next((p for p in paths if os.path.basename(p) == f"{ident}.md"), paths[0])
              for ident, paths in declaring.items()}
    notes: list[Annotation] = []
    files: list[str] = []
    problems: list[Problem] = []
    for path, reading in readings:
        problems += reading.problems
        annotation, ident = reading.annotation, reading.declared_id
        if ident and owners[ident] != path:  # the owner is another of these paths
            problems.append(Problem(Path(path), reading.id_line,
                                    f"id {ident!r} is already the id of "
                                    f"{os.path.basename(owners[ident])} (which stays in "
                                    f"the edition); choose another id for "
                                    f"{os.path.basename(path)}, and name the file after "
                                    "it"))
            annotation = None
        if annotation:
            notes.append(annotation)
            files.append(path)
    return Collection(tuple(notes), tuple(problems), tuple(files))
