"""Each essay chapter's export material kept between builds, beside the doctrees.

An incremental build writes only the pages whose sources changed. The exports cover
every chapter, and what they take of a chapter (its TEI ``div`` and notes, its Web
Annotations, anchored in its written page) depends on nothing but that page and the
records it was written from. So the material of each chapter is kept, as it was made
when its page was last written, and a build makes it again only for the pages it
writes: without this, editing one note of 10,000 resolved every chapter again and
parsed every page, which cost nearly a cold build. A page Sphinx does not write is the
page the kept material was made from; a fresh build (``-E``) writes every page.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from edition.exports.annotationparts import PublishedPart
from edition.exports.teiparts import TeiPart
from edition.trust import caches

#: Bump when what is kept changes shape: older files are then ignored.
VERSION = 5


@dataclass
class ChapterExport:
    """What the exports take of one essay chapter."""

    #: Its part of the TEI document, serialized.
    tei: TeiPart
    #: Its notes as Web Annotations, anchored in its written page, as they stand in
    #: the collection.
    annotations: PublishedPart


def _well_formed(kept: object) -> bool:
    """Material as this code keeps it; any other shape is made again, never trusted."""
    tei, part = getattr(kept, "tei", None), getattr(kept, "annotations", None)
    return (isinstance(kept, ChapterExport) and isinstance(tei, TeiPart)
            and isinstance(part, PublishedPart) and isinstance(part.text, str)
            and isinstance(part.context, str) and isinstance(part.note_ids, tuple)
            and all(isinstance(i, str) for i in part.note_ids)
            and isinstance(tei.div, str) and isinstance(tei.notes, str))


class ChapterCache:
    """The kept material, one file per chapter in `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, docname: str) -> Path:
        return self.folder / (quote(docname, safe="") + ".pickle")

    def load(self, docname: str) -> ChapterExport | None:
        try:
            payload = caches.unseal(self._file(docname).read_bytes())
            if payload is None:  # not sealed by this machine: never unpickled
                return None
            version, kept = caches.loads(payload)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError,
                TypeError, ImportError):
            return None  # none kept, or kept by another version: made again
        if version != VERSION or not _well_formed(kept):
            return None  # kept in another shape (the version was not bumped): made again
        return kept

    def store(self, docname: str, kept: ChapterExport) -> None:
        """Keep a chapter's material (before the exports are written: writing the TEI
        moves and indents its elements)."""
        sealed = caches.seal(caches.dumps((VERSION, kept)))
        if sealed is None:
            return  # no key to seal it with: made again by the next build
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._file(docname)
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(sealed)
        temporary.replace(path)

    def forget_all_but(self, docnames: set[str]) -> None:
        """Let go the material of chapters that are no longer essay chapters."""
        if not self.folder.is_dir():
            return
        keep = {self._file(d).name for d in docnames}
        for path in self.folder.glob("*.pickle"):
            if path.name not in keep:
                path.unlink(missing_ok=True)
