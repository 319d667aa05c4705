"""The review as Markdown, for a terminal, a file or a pull request's job summary
(GitHub's ``$GITHUB_STEP_SUMMARY``). Text from the edition is escaped: a note's words
never become Markdown markup; paths and link targets are shown as code, every
character as it is but those that would end a line or hide (``code``).

It opens with what a maintainer must read as code: every path the change touches
outside the notes' files and the registers (``paths.py``), or one line saying that it
touches only those; then the notes and register entries as readers will read them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.bibliography.entrystyle import mla_date
from edition.review.compare import Changed, Changes, Review, word_changes
from edition.review.paths import ChangedPath
from edition.review.published import Entry, Note, Sources

#: Characters that could start Markdown markup anywhere in a line.
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_<>|~"})
#: A bracket that would close a link (``](``, ``][``) or define one (``]:``), and an
#: ampersand that would start a character reference: a bracket alone stays as it is.
_INLINE = re.compile(r"\](?=[(\[:])|&(?=#?\w+;)")
#: What starts a heading, list, quote or rule at the head of a line (``# ``, ``- ``,
#: ``> ``, ``1. ``): escaped as ``\#``, ``\-``, ``\>``, ``1\.``.
_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|)([#+\-=>.)])")


#: What Markdown (or a terminal) would take for a line end or a command, other than the
#: line ends the text has: shown as escapes.
_BREAKING = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """`text` as Markdown that shows it as it is (GitHub's flavour), its own line ends
    only: a carriage return or another control is written as its escape."""
    text = _BREAKING.sub(lambda m: _visible(m.group()), text)
    lines = (_INLINE.sub(lambda m: "\\" + m.group(0), line.translate(_ESCAPE))
             for line in text.split("\n"))
    return "\n".join(_LINE_START.sub(r"\1\2\\\3", line) for line in lines)


#: Characters a code span would not show as they are: line ends, other controls, the
#: marks that reorder or hide text (bidirectional controls, zero-width characters), and
#: bytes that are not UTF-8 (read as surrogates).
_HIDDEN = re.compile("[\\\\\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e"
                     "\u2060-\u206f\ufeff\ud800-\udfff]")
_NAMED = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    code_point = ord(char)
    if 0xDC80 <= code_point <= 0xDCFF:  # a byte that is not UTF-8 (surrogateescape)
        return f"\\x{code_point - 0xDC00:02x}"
    return f"\\x{code_point:02x}" if code_point < 0x100 else f"\\u{code_point:04x}"


def code(text: str) -> str:
    """`text` as a Markdown code span that shows it as it is, on one line: a line end
    or a hidden character is written as its escape (``\\n``, ``\\u202e``), a backslash
    doubled; the span's backticks outnumber any run of backticks in it (CommonMark), so
    nothing in it is markup or closes it."""
    shown = _HIDDEN.sub(lambda m: _visible(m.group()), text)
    fence = "`" * (max((len(run) for run in re.findall("`+", shown)), default=0) + 1)
    if shown.startswith("`") or shown.endswith("`") or (
            shown.startswith(" ") and shown.endswith(" ") and shown.strip()):
        shown = f" {shown} "  # a span strips one space either side
    return f"{fence}{shown or ' '}{fence}"


#: The most of a note's text the review quotes, and of the check's messages: a pull
#: request's job summary holds 1 MiB (the rest is in the file, and in `make check`).
MOST_QUOTED, MOST_PROBLEM_LINES, MOST_LINE = 4000, 200, 600


def problems_block(problems: str) -> list[str]:
    """The check's messages in a fenced block: each line at most :data:`MOST_LINE`
    characters, the first :data:`MOST_PROBLEM_LINES` lines."""
    lines = problems.replace("```", "'''").split("\n")
    shown = [line if len(line) <= MOST_LINE else line[:MOST_LINE] + " … [cut]"
             for line in lines[:MOST_PROBLEM_LINES]]
    if len(lines) > MOST_PROBLEM_LINES:
        shown.append(f"… and {len(lines) - MOST_PROBLEM_LINES} more lines: `make check` "
                     "gives them all")
    return ["### Problems\n", "```text", *shown, "```\n"]


def quoted(text: str) -> str:
    """A note's text as a block quote, paragraph by paragraph (its first
    :data:`MOST_QUOTED` characters)."""
    if len(text) > MOST_QUOTED:
        text = (text[:MOST_QUOTED] + f" … [cut: the note has {len(text):,} characters; "
                "read it in its file]")
    return "\n>\n".join(f"> {escape(para)}" for para in text.split("\n\n")) or "> (empty)"


@dataclass
class Context:
    base: str  # as the reviewer named it
    commit: str
    #: notes of BASE whose file is still in the tree but that are not published now
    withheld: frozenset[str] = frozenset()
    #: the extension's own code differs between BASE and the tree
    tools_changed: bool = False
    #: the paths a maintainer must read as code (``paths.not_only_notes``)
    paths: list[ChangedPath] = field(default_factory=list)
    #: where the notes and registers are, from the top of the repository
    prefix: str = ""
    sources: Sources = Sources(None, ())
    #: the working tree's edition could not be read (its notes are not compared)
    unreadable: bool = False


def where(note: Note) -> str:
    paragraph = f"¶ {note.paragraph} · " if note.paragraph is not None else ""
    return (f"{escape(note.type_label)} · {escape(note.title)} · {paragraph}note "
            f"{escape(note.number)} · lemma “{escape(note.exact)}” "
            f"({code(note.file)})")


def details(note: Note) -> str:
    """Who wrote the note, when, and where its links go."""
    authors = ", ".join(escape(name) for name in note.authors) or "none"
    links = ", ".join(code(link) for link in note.links) or "none"
    return f"Authors: {authors}; date: {escape(mla_date(note.date))}. Links: {links}."


def note_block(note: Note, gone: str = "") -> list[str]:
    return [f"#### {code(note.id)}{gone}\n", where(note) + "\n", details(note) + "\n",
            quoted(note.text) + "\n"]


#: At most this many differences of words are listed for a changed text.
MOST_CHANGES = 5


def word_list(before: str, after: str) -> str:
    """The words that differ, “before” → “now”, the first few."""
    changes = word_changes(before, after)
    shown = "; ".join(f"“{escape(old)}” → “{escape(new)}”" for old, new in
                      changes[:MOST_CHANGES])
    more = len(changes) - MOST_CHANGES
    return f"In the text: {shown}" + (f"; and {more} more." if more > 0 else ".")


def changed_block(change: Changed[Note]) -> list[str]:
    before = change.before.text
    words = [word_list(before, change.after.text) + "\n"] if before != change.after.text \
        else []
    now, then = details(change.after), details(change.before)
    return [f"#### {code(change.after.id)}: {', '.join(change.what)} changed\n", *words,
            f"Now: {where(change.after)}\n", now + "\n", quoted(change.after.text) + "\n",
            f"Before: {where(change.before)}\n", *([then + "\n"] if then != now else []),
            (quoted(before) if before != change.after.text else "(the same text)") + "\n"]


def notes_section(changes: Changes[Note], withheld: frozenset[str]) -> list[str]:
    out = []
    if changes.added:
        out.append(f"### Notes added ({len(changes.added)})\n")
        for note in changes.added:
            out += note_block(note)
    if changes.changed:
        out.append(f"### Notes changed ({len(changes.changed)})\n")
        for change in changes.changed:
            out += changed_block(change)
    if changes.removed:
        out.append(f"### Notes removed ({len(changes.removed)})\n")
        for note in changes.removed:
            out += note_block(note, " — not published now: its file has a problem (see "
                                    "Problems)" if note.id in withheld else "")
    return out


def entry(item: Entry) -> str:
    return f"**{escape(item.heading)}** — {escape(item.text)}"


def register_section(name: str, changes: Changes[Entry]) -> list[str]:
    if not changes:
        return []
    out = [f"### {name}: {changes.counts()}\n"]
    out += [f"- added: {entry(item)}" for item in changes.added]
    for change in changes.changed:
        out.append(f"- changed ({', '.join(change.what)}): {entry(change.after)}")
        out.append(f"  - before: {entry(change.before)}")
    out += [f"- removed: {entry(item)}" for item in changes.removed]
    return [*out, ""]


#: At most this many paths are listed (a job summary holds a megabyte at most).
MOST_PATHS = 200
ONLY_NOTES = "This change touches only notes and registers."
NOT_ONLY_NOTES = "### This change is not only notes"


def _contributed_files(context: Context) -> str:
    sources, prefix = context.sources, context.prefix
    notes = (f"the notes' files ({code(prefix + sources.annotations + '/<id>.md')})"
             if sources.annotations is not None else "")
    registers = (f"the registers ({', '.join(code(prefix + r) for r in sources.registers)})"
                 if sources.registers else "")
    return " and ".join(part for part in (notes, registers) if part) or "the notes"


def path_line(changed: ChangedPath) -> str:
    kind = changed.kind + (f" from {code(changed.before)}" if changed.before else "")
    flags = "".join(f" · **{flag}**" for flag in changed.flags)
    return f"- {code(changed.path)}: {kind}{flags}"


def paths_section(context: Context) -> list[str]:
    """What the change touches besides the notes' files and the registers: first in the
    review, as it is what a maintainer must read as code."""
    if not context.paths and not context.tools_changed:
        return [ONLY_NOTES + "\n"]
    out = [NOT_ONLY_NOTES + "\n"]
    if context.paths:
        count = len(context.paths)
        out.append(f"It changes {count} path{'s' if count != 1 else ''} besides "
                   f"{_contributed_files(context)}: read each as code, before the notes. "
                   "What they do to the build, to the pages or to the machines that "
                   "build them is not in this review.\n")
        out += [path_line(changed) for changed in context.paths[:MOST_PATHS]]
        if count > MOST_PATHS:
            out.append(f"- and {count - MOST_PATHS} more (`git diff --stat "
                       f"{context.commit[:12]}` lists them all)")
        out.append("")
    if context.tools_changed:
        out.append("The extension (`edition/`) differs from the one at the base. Both "
                   "were read with this tree's, so what the extension's change alone does "
                   "to the pages is not shown here: look at the built website.\n")
    out.append("### Notes and registers\n")
    return out


def summary(review: Review, context: Context, problems: str) -> list[str]:
    counts = [f"{name} {changes.counts()}" for name, changes in (
        ("notes:", review.notes), ("index of persons:", review.persons),
        ("chronology:", review.chronology)) if changes]
    what = "; ".join(counts) if counts else "no note and no register entry changed"
    how = ("Notes are given as readers read them, citations rendered; ¶ is the essay's "
           "paragraph.")
    if context.unreadable:
        what, how = ("the edition in the working tree cannot be read (see Problems), so "
                     "its notes and registers are not compared"), ""
    out = ["## What this change does to the edition\n", *paths_section(context),
           f"Compared with {code(context.base)} (commit `{context.commit[:12]}`): "
           f"{what}. {how}".rstrip() + "\n"]
    out.append("**Problems found**: see below; `make check` gives the same messages.\n"
               if problems else "No problems found.\n")
    return out


def markdown(review: Review, context: Context, problems: str) -> str:
    out = summary(review, context, problems)
    if problems:
        out += problems_block(problems)
    out += notes_section(review.notes, context.withheld)
    out += register_section("Index of persons", review.persons)
    out += register_section("Chronology", review.chronology)
    return "\n".join(out).rstrip() + "\n"
