"""The review as Markdown, for a terminal, a file or a pull request's job summary
(GitHub's ``$GITHUB_STEP_SUMMARY``). Text from the edition is escaped: a note's words
never become Markdown markup."""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.review.compare import Changed, Changes, Review, word_changes
from edition.review.published import Entry, Note

#: Characters that could start Markdown markup anywhere in a line.
_ESCAPE = str.maketrans({c: "\\" + c for c in "\\`*_<>|~"})
#: A bracket that would close a link (``](``, ``][``) or define one (``]:``), and an
#: ampersand that would start a character reference: a bracket alone stays as it is.
_INLINE = re.compile(r"\](?=[(\[:])|&(?=#?\w+;)")
#: What starts a heading, list, quote or rule at the head of a line (``# ``, ``- ``,
#: ``> ``, ``1. ``): escaped as ``\#``, ``\-``, ``\>``, ``1\.``.
_LINE_START = re.compile(r"^(\s*)(\d+(?=[.)])|)([#+\-=>.)])")


def escape(text: str) -> str:
    """`text` as Markdown that shows it as it is (GitHub's flavour)."""
    lines = (_INLINE.sub(lambda m: "\\" + m.group(0), line.translate(_ESCAPE))
             for line in text.split("\n"))
    return "\n".join(_LINE_START.sub(r"\1\2\\\3", line) for line in lines)


def quoted(text: str) -> str:
    """A note's text as a block quote, paragraph by paragraph."""
    return "\n>\n".join(f"> {escape(para)}" for para in text.split("\n\n")) or "> (empty)"


@dataclass
class Context:
    base: str  # as the reviewer named it
    commit: str
    #: notes of BASE whose file is still in the tree but that are not published now
    withheld: frozenset[str] = frozenset()
    #: the extension's own code differs between BASE and the tree
    tools_changed: bool = False


def where(note: Note) -> str:
    paragraph = f"¶ {note.paragraph} · " if note.paragraph is not None else ""
    return (f"{escape(note.type_label)} · {escape(note.title)} · {paragraph}note "
            f"{escape(note.number)} · lemma “{escape(note.exact)}” "
            f"(`{note.file}`)")


def note_block(note: Note, gone: str = "") -> list[str]:
    return [f"#### `{note.id}`{gone}\n", where(note) + "\n", quoted(note.text) + "\n"]


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
    return [f"#### `{change.after.id}`: {', '.join(change.what)} changed\n", *words,
            f"Now: {where(change.after)}\n", quoted(change.after.text) + "\n",
            f"Before: {where(change.before)}\n",
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


def summary(review: Review, context: Context, problems: str) -> list[str]:
    counts = [f"{name} {changes.counts()}" for name, changes in (
        ("notes:", review.notes), ("index of persons:", review.persons),
        ("chronology:", review.chronology)) if changes]
    what = "; ".join(counts) if counts else "no note and no register entry changed"
    out = ["## What this change does to the edition\n",
           f"Compared with `{context.base}` (commit `{context.commit[:12]}`): {what}. "
           "Notes are given as readers read them, citations rendered; ¶ is the essay's "
           "paragraph.\n"]
    if context.tools_changed:
        out.append("The extension (`edition/`) differs from the one at the base. Both "
                   "were read with this tree's, so what the extension's change alone does "
                   "to the pages is not shown here: look at the built website.\n")
    out.append("**Problems found**: see below; `make check` gives the same messages.\n"
               if problems else "No problems found.\n")
    return out


def markdown(review: Review, context: Context, problems: str) -> str:
    out = summary(review, context, problems)
    if problems:
        out += ["### Problems\n", "```text", problems.replace("```", "'''"), "```\n"]
    out += notes_section(review.notes, context.withheld)
    out += register_section("Index of persons", review.persons)
    out += register_section("Chronology", review.chronology)
    return "\n".join(out).rstrip() + "\n"
