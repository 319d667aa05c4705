"""Two readings of the edition compared: what was added, changed and removed, by key
(a note's id, a person's id, a date of the chronology). No Sphinx, no git."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
