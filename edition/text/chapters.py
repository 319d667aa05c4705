"""Which chapters hold the essay's reading text, which witness paragraph each gives,
and the citations each regularizes (the chapter's front matter)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml
from docutils import nodes
from sphinx.environment import BuildEnvironment

from edition.text.readingtext import Regularization

#: The front-matter key that marks a chapter as reading text of the essay.
PARAGRAPH_KEY = "witness-paragraph"


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


def chapter_info(metadata: dict) -> ChapterInfo | None:
    """What an essay chapter's front matter says, from the metadata MyST gave Sphinx
    (``env.metadata[docname]``: scalars as text, lists as JSON), or None for any other
    document. The chapter is parsed once, by Sphinx; nothing reads its file again."""
    if PARAGRAPH_KEY not in metadata:
        return None
    meta = {key: _decoded(value) for key, value in metadata.items()}
    try:
        return ChapterInfo(meta, int(meta[PARAGRAPH_KEY]))
    except (TypeError, ValueError):
        return ChapterInfo(meta, None, f"`{PARAGRAPH_KEY}` must be a paragraph number of the "
                                       f"witness, not {meta[PARAGRAPH_KEY]!r}")


def essay_section(env: BuildEnvironment,
                  document: nodes.document) -> tuple[ChapterInfo, nodes.section] | None:
    """The chapter's front matter and the section that holds its reading text, for an
    essay chapter with a good paragraph number (a bad one is reported by the witness
    check); None for any other document."""
    info = chapter_info(env.metadata.get(env.docname, {}))
    if info is None or info.paragraph is None:
        return None
    section = next(iter(document.findall(nodes.section)), None)
    return (info, section) if section is not None else None


def _decoded(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


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
