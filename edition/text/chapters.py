"""Which chapters hold the essay's reading text, and which witness paragraph each gives."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from edition.text.readingtext import Regularization
from edition.text.witness import PROJECT_ROOT

CHAPTERS_DIR = "chapters"
#: The front-matter key that marks a chapter as reading text of the essay.
PARAGRAPH_KEY = "witness-paragraph"


@dataclass(frozen=True)
class EssayChapter:
    docname: str  # e.g. "chapters/01-stalins-legacy"
    path: Path
    paragraph: int  # 1-based number of the witness paragraph it gives


def front_matter(text: str) -> dict:
    """The YAML front matter of a MyST file, or {} when it has none."""
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    if end == -1:
        return {}
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}  # MyST reports malformed front matter, with its line, when it reads it
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class ChapterInfo:
    """What an essay chapter's front matter says: all of it, and its paragraph number
    (None, with `error` saying why, when the number is not a number)."""

    meta: dict
    paragraph: int | None
    error: str = ""


def chapter_info(path: Path) -> ChapterInfo | None:
    """The front matter of an essay chapter, or None for any other document."""
    if path.suffix != ".md" or not path.is_file():
        return None
    meta = front_matter(path.read_text(encoding="utf-8"))
    if PARAGRAPH_KEY not in meta:
        return None
    try:
        return ChapterInfo(meta, int(meta[PARAGRAPH_KEY]))
    except (TypeError, ValueError):
        return ChapterInfo(meta, None, f"`{PARAGRAPH_KEY}` must be a paragraph number of the "
                                       f"witness, not {meta[PARAGRAPH_KEY]!r}")


def essay_chapters(root: Path = PROJECT_ROOT) -> list[EssayChapter]:
    """The essay's chapters, in the order of the witness paragraphs they give."""
    found = []
    for path in sorted((root / CHAPTERS_DIR).glob("*.md")):
        info = chapter_info(path)
        if info and info.paragraph is not None:
            docname = path.relative_to(root).with_suffix("").as_posix()
            found.append(EssayChapter(docname, path, info.paragraph))
    return sorted(found, key=lambda c: c.paragraph)


REGULARIZATIONS_KEY = "regularizations"


def regularizations(meta: dict) -> list[Regularization]:
    """The chapter's regularized citations; ValueError says what is wrong with one."""
    records = meta.get(REGULARIZATIONS_KEY, [])
    if not isinstance(records, list):
        raise ValueError(f"`{REGULARIZATIONS_KEY}` must be a list of records")
    found = []
    for i, record in enumerate(records, 1):
        if not isinstance(record, dict) or not all(
            isinstance(record.get(k), str) and record.get(k) for k in ("reading", "witness")
        ):
            raise ValueError(
                f"`{REGULARIZATIONS_KEY}` record {i} needs a `reading` (the citation as "
                "the edition renders it) and a `witness` (what the witness has), both text"
            )
        found.append(Regularization(record["reading"], record["witness"],
                                    str(record.get("reason", ""))))
    return found
