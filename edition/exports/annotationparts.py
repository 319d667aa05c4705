"""An essay chapter's Web Annotations, kept encoded between builds.

``annotations.jsonld`` is indented, and Python encodes indented JSON with its
pure-Python encoder (its C encoder does not indent): at 10,000 notes that was a quarter
of the exports' time after one edited note, with the kept annotations unpickled first.
So a chapter's annotations are kept as the text they are in the collection (indented
at their depth, with their creators and generator), beside a digest of what they were
published with besides the annotations themselves; they are read back (:func:`made`)
only to be published again. The collection is written around a placeholder that the
chapters' parts replace (:func:`splice`). The bytes are those that encoding the whole
collection gives (tested).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

#: collection → first → items → an annotation
DEPTH = 3
INDENT = 1


@dataclass(frozen=True)
class PublishedPart:
    """A chapter's annotations as they stand in the collection."""

    #: the annotations, indented at their depth, joined as the collection joins them
    text: str
    #: the ids of their notes
    note_ids: tuple[str, ...]
    #: what they were published with besides the annotations (:func:`digest`)
    context: str

    @property
    def count(self) -> int:
        return len(self.note_ids)


#: What publishing adds to an annotation as it was made (``annotationcollection.py``).
ADDED = ("creator", "generator")


def made(part: PublishedPart) -> list[dict]:
    """The part's annotations as they were made, before they were published."""
    return [{key: value for key, value in annotation.items() if key not in ADDED}
            for annotation in json.loads(f"[{part.text}]")]


def digest(context: object) -> str:
    """A digest of what a chapter's part was published with (JSON-like data)."""
    return hashlib.sha256(json.dumps(context, ensure_ascii=False, sort_keys=True)
                          .encode("utf-8")).hexdigest()


def published(annotations: list[dict], note_ids: tuple[str, ...], context: str,
              ) -> PublishedPart:
    pad = "\n" + " " * DEPTH
    return PublishedPart(",".join(
        pad + json.dumps(a, ensure_ascii=False, indent=INDENT).replace("\n", pad)
        for a in annotations), note_ids, context)


def splice(collection: dict, path: tuple[str, ...], parts: list[PublishedPart],
           end: str = "") -> bytes:
    """`collection` encoded in UTF-8, with its list at `path` (a list of annotations, at
    :data:`DEPTH`) made of the parts, in their order, and `end` after it. Joined once,
    as bytes: the parts of 10,000 notes are tens of megabytes, and each copy of them as
    text up to four times that."""
    marker = "\x00" + secrets.token_hex(16)  # a string no record can hold
    holder = collection
    for key in path[:-1]:
        holder = holder[key]
    was = holder[path[-1]]
    holder[path[-1]] = marker
    try:
        text = json.dumps(collection, ensure_ascii=False, indent=INDENT)
    finally:
        holder[path[-1]] = was
    before, _, after = text.partition(json.dumps(marker, ensure_ascii=False))
    texts = [part.text for part in parts if part.count]
    if not texts:
        return f"{before}[]{after}{end}".encode()
    pieces = [before, "["]
    for index, part_text in enumerate(texts):
        pieces += [","] if index else []
        pieces.append(part_text)
    pieces += [f"\n{' ' * (DEPTH - 1)}]", after, end]
    return b"".join(piece.encode() for piece in pieces)
