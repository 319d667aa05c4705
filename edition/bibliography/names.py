"""Names and titles in MLA form, shared by the works-cited entries and the in-text
citations: title case, inverted and direct names, sort forms."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pybtex.richtext import Tag, Text

# Articles, coordinating conjunctions and prepositions stay lower-case (MLA 9, 1.2).
MINOR_WORDS = {
    "a", "an", "the", "and", "but", "for", "nor", "or", "so", "yet", "as", "at", "by",
    "in", "of", "off", "on", "per", "to", "up", "via", "from", "into", "with", "about",
    "above", "across", "after", "against", "along", "among", "around", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "during", "except",
    "inside", "like", "near", "onto", "over", "past", "since", "through", "throughout",
    "toward", "under", "until", "upon", "within", "without",
}
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
#: What LaTeX would change in a field (commands, groups, special characters, dash and
#: quote ligatures, runs of white space): a value without any is its own text. pybtex's
#: conversion takes a millisecond a call, a tenth of `make check` on this edition.
LATEX_MARKUP = re.compile(r"[\\{}~$%&#^_]|--|``|''|\s\s|[\t\n]")
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def curly(text: str) -> str:
    """Apostrophes as the edition prints them: curly."""
    return APOSTROPHE.sub("\u2019", text)


def editors_in_sentence(editors: str) -> str:
    """The editors (conf.py's ``author``) as a sentence names them after "Edited by": a
    collective name lower-cased, apostrophes curly."""
    editors = curly(editors)
    return "the " + editors[4:] if editors.startswith("The ") else editors


def latex(value: str) -> Text:
    """A field's LaTeX source as rich text; ``\\emph{…}`` becomes italics."""
    value = APOSTROPHE.sub("\u2019", value)
    if not LATEX_MARKUP.search(value):
        return Text(value) if value else Text()
    parts = re.split(r"\\emph\{([^{}]*)\}", value)
    text = Text()
    for i, part in enumerate(parts):
        if part:
            if text and part[0].isspace():  # pybtex drops a part's leading space
                text += Text(" ")
            text += Tag("em", _from_latex(part)) if i % 2 else _from_latex(part)
    return text


@lru_cache(maxsize=4096)
def _from_latex(source: str) -> Text:
    """pybtex's conversion, once for each text: a record's fields are read by its checks,
    its entry and its citations, in every build of a process (pybtex's rich text is never
    changed in place: each operation makes a new one)."""
    return Text.from_latex(source)


def title_case(title: str) -> str:
    """MLA title case: capitalize principal words; never lower-case anything (so that
    acronyms and protected {braces} survive)."""
    words = title.split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        first_or_last = i == 0 or i == len(words) - 1 or out[-1].endswith(":")
        bare = word.lstrip("{`'\"(")
        if bare and bare[0].islower() and (first_or_last or bare.lower() not in MINOR_WORDS):
            k = len(word) - len(bare)
            word = word[:k] + bare[0].upper() + bare[1:]
        out.append(word)
    return " ".join(out)


def person_inverted(person) -> str:
    """``Last, First Middle`` (the first name in an MLA entry)."""
    given = " ".join(person.first_names + person.middle_names)
    last = " ".join(person.prelast_names + person.last_names)
    return f"{last}, {given}" if given else last


def person_direct(person) -> str:
    """``First Middle Last`` (every later name)."""
    return " ".join(person.first_names + person.middle_names + person.prelast_names
                    + person.last_names)


def name_list(persons) -> str:
    """MLA contributor list: one; two (``A, and B``); three or more (``A, et al.``)."""
    if len(persons) == 1:
        return person_inverted(persons[0])
    if len(persons) == 2:
        return f"{person_inverted(persons[0])}, and {person_direct(persons[1])}"
    return f"{person_inverted(persons[0])}, et al."


def last_names(persons) -> str:
    names = [" ".join(p.prelast_names + p.last_names) for p in persons]
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return f"{names[0]} et al."


def sort_text(value: str) -> str:
    """Sort form of a name or title: no leading article, no accents or braces, folded."""
    value = LEADING_ARTICLE.sub("", value.replace("{", "").replace("}", ""))
    value = unicodedata.normalize("NFKD", value)
    return "".join(c for c in value if not unicodedata.combining(c)).casefold()


def join_with(parts, sep):
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.append(part)
    return out


#: another language keeps the capitalization its language uses (MLA 9, 6.2).
ENGLISH = {"english", "american", "british", "canadian", "australian", "en"}


def description(title: str) -> str | None:
    """A title in square brackets, which the edition's records give where the editors
    describe a work whose title they have not seen ("[Text of the Speech …]"): MLA 9
    gives a description in place of a title neither italicized nor quoted; the brackets
    stay, to say that the words are the editors'. None for a title."""
    title = title.strip()
    if title.startswith("[") and title.endswith("]") and title.count("[") == 1:
        return title
    return None
