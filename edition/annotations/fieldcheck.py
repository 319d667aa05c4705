"""What the annotation schema cannot say about a note's front matter: the id is the
file's name, a quote has no invisible or decomposed characters, an author's name is a
name on one line (not the template's or a placeholder), an ORCID's check digit, a date
that is not the template's or in the future. Each a message at the field's line."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from stdnum.iso7064 import mod_11_2

from edition.annotations.model import (
    SCHEMA,
    TEMPLATE_AUTHOR,
    TEMPLATE_DATE,
    latest_date,
    placeholder_name,
)

#: Characters that cannot be seen, in a quote: it would never match what readers see.
INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def semantic_problems(data: dict, path: Path, lines: dict[tuple, int]):
    """What the schema cannot say: of the quote, the id, the authors, the date."""
    yield from _quote_problems(data, lines)
    yield from _id_problems(data, path, lines)
    yield from _author_problems(data, lines)
    yield from _date_problems(data, lines)


def _quote_problems(data: dict, lines: dict[tuple, int]):
    target = data.get("target")
    if not isinstance(target, dict):
        target = {}
    for key in ("exact", "prefix", "suffix"):
        value = target.get(key)
        if not isinstance(value, str):
            continue
        line = lines.get(("target", key), 2)
        hidden = INVISIBLE.search(value)
        if hidden:
            yield (line, f"target {key} contains an invisible character "
                         f"(U+{ord(hidden.group()):04X}), which the essay's text does not "
                         "have: copy the words again from the chapter")
        elif not unicodedata.is_normalized("NFC", value):
            yield (line, f"target {key} is not in Unicode NFC form (some letters are "
                         "written as a letter plus a combining mark), while the essay's text "
                         "is: copy the words again from the chapter, or type them afresh")


def _id_problems(data: dict, path: Path, lines: dict[tuple, int]):
    ident = data.get("id")
    if isinstance(ident, str) and ident != path.stem and re.search(
            SCHEMA["properties"]["id"]["pattern"], ident):
        taken = path.with_name(f"{ident}.md").exists()
        advice = (f"change the id: {ident}.md is another note's file" if taken else
                  f"rename the file to {ident}.md, or change the id")
        yield (lines.get(("id",), 2),
               f"id {ident!r} differs from the file name {path.name!r}; they must be the "
               f"same ({advice})")


def _author_problems(data: dict, lines: dict[tuple, int]):
    for i, author in enumerate(data.get("authors") or []):
        name = author.get("name") if isinstance(author, dict) else None
        if isinstance(name, str) and placeholder_name(name):
            what = (f"the name is still the template's {TEMPLATE_AUTHOR!r}"
                    if name.strip().casefold() == TEMPLATE_AUTHOR.casefold()
                    else f"{name.strip()!r} is a placeholder, not a name")
            yield (lines.get(("authors", i, "name"), 2),
                   f"author {i + 1}: {what}: write your name as you wish to be credited")
        elif isinstance(name, str) and re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029]", name):
            yield (lines.get(("authors", i, "name"), 2),
                   f"author {i + 1}: the name holds a line break or another control "
                   "character; write it on one line, as it is to be printed")
        orcid = author.get("orcid") if isinstance(author, dict) else None
        if isinstance(orcid, str) and re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", orcid) \
                and not mod_11_2.is_valid(orcid.replace("-", "")):
            yield (lines.get(("authors", i, "orcid"), 2),
                   f"author {i + 1}: {orcid!r} is not a valid ORCID iD (its check digit "
                   "is wrong)")


def _date_problems(data: dict, lines: dict[tuple, int]):
    date = data.get("date")
    if str(date).strip() == TEMPLATE_DATE:
        yield (lines.get(("date",), 2), f"the date is still the template's {TEMPLATE_DATE}: "
                                         "write the day you wrote the note, e.g. 2026-11-27")
    elif isinstance(date, dt.date) and not isinstance(date, dt.datetime) \
            and date > latest_date():
        yield (lines.get(("date",), 2), f"the date {date.isoformat()} is in the future: "
                                         "write the day you wrote the note")
