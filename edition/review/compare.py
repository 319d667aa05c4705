"""Two readings of the edition compared: what was added, changed and removed, by key
(a note's id, a person's id, a date of the chronology). No Sphinx, no git."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from difflib import SequenceMatcher

from edition.review.published import COMPARED, Entry, Note, Published


@dataclass
class Changed[T]:
    before: T
    after: T
    #: what differs, in a reviewer's words ("the text", "the lemma")
    what: list[str]


@dataclass
class Changes[T]:
    added: list[T]
    changed: list[Changed[T]]
    removed: list[T]

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def counts(self) -> str:
        parts = [f"{len(items)} {word}" for items, word in (
            (self.added, "added"), (self.changed, "changed"), (self.removed, "removed"))
            if items]
        return ", ".join(parts) or "no change"


def _differences(before, after, words: dict[str, str]) -> list[str]:
    return [words[f.name] for f in fields(before)
            if f.name in words and getattr(before, f.name) != getattr(after, f.name)]


def compare[T](before: dict[str, T], after: dict[str, T],
               words: dict[str, str]) -> Changes[T]:
    """Added and changed in the order of `after`, removed in the order of `before`."""
    changed = []
    for key, item in after.items():
        if key in before and (what := _differences(before[key], item, words)):
            changed.append(Changed(before[key], item, what))
    return Changes(added=[item for key, item in after.items() if key not in before],
                   changed=changed,
                   removed=[item for key, item in before.items() if key not in after])


#: A word (with its apostrophes and hyphens) or a punctuation mark.
TOKEN = re.compile(r"\w[\w\u2019'-]*|[^\w\s]")


def word_changes(before: str, after: str, context: int = 2) -> list[tuple[str, str]]:
    """Where two texts differ, word by word: each difference as (the words before, the
    words now), with up to `context` words either side (differences closer than that
    go together), as the texts write them."""
    old, new = list(TOKEN.finditer(before)), list(TOKEN.finditer(after))
    matcher = SequenceMatcher(None, [m.group() for m in old], [m.group() for m in new],
                              autojunk=False)

    def words(tokens: list[re.Match], text: str, start: int, end: int) -> str:
        return text[tokens[start].start():tokens[end - 1].end()] if end > start else ""

    return [(words(old, before, group[0][1], group[-1][2]),
             words(new, after, group[0][3], group[-1][4]))
            for group in matcher.get_grouped_opcodes(context)
            if any(op != "equal" for op, *_ in group)]


ENTRY_WORDS = {"heading": "the heading", "text": "the text"}


@dataclass
class Review:
    notes: Changes[Note]
    persons: Changes[Entry]
    chronology: Changes[Entry]


def review_of(base: Published, head: Published) -> Review:
    return Review(notes=compare(base.notes, head.notes, COMPARED),
                  persons=compare(base.persons, head.persons, ENTRY_WORDS),
                  chronology=compare(base.chronology, head.chronology, ENTRY_WORDS))
