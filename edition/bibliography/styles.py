"""The edition's citation styles for sphinxcontrib-bibtex, in MLA (9th edition) form.

* ``mla`` (pybtex formatting style): works-cited entries — author–title order, no
  numeric labels, URLs as links, DOIs as ``https://doi.org/…``, and the editors'
  ``annotation`` in square brackets where a record is uncertain.
* ``mla`` (sphinxcontrib-bibtex referencing style): in-text citations in the essay's own
  author–page form, ``(Rush 59)``, ``(Gill)``. When the bibliography holds more than one
  work by the same author, each citation of one of them adds a short title (MLA 9):
  ``(see Jones, *Dilemmas*)``, ``(see Jones, *Myth*)``, ``Jones (*Myth* 45)``. The one
  exception is the essay's own ambiguous "Rush": several of the essay's sources
  (``essay-source``) by one author in one citation are its candidates, written once, as
  the essay writes them: ``(Rush 59)``.

Both are registered by :func:`register`, called from the extension's ``setup``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pybtex.plugin
from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import join, node
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import (
    BaseReferenceStyle,
    BracketStyle,
    GroupReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.template import post_text, pre_text, reference

STYLE_NAME = "mla"

# -- names and titles --------------------------------------------------------------

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
LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


def latex(value: str) -> Text:
    """A field's LaTeX source as rich text; ``\\emph{…}`` becomes italics."""
    value = APOSTROPHE.sub("\u2019", value)
    parts = re.split(r"\\emph\{([^{}]*)\}", value)
    text = Text()
    for i, part in enumerate(parts):
        if part:
            text += Tag("em", Text.from_latex(part)) if i % 2 else Text.from_latex(part)
    return text


def title_case(title: str) -> str:
    """MLA title case: capitalize principal words; never lower-case anything (so that
    acronyms and protected {braces} survive)."""
    words = title.split(" ")
    out = []
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


# -- the works-cited entry ----------------------------------------------------------


def _sentence(*parts) -> Text:
    """Join non-empty parts with ", " and end with a full stop (unless one is there)."""
    parts = [p for p in parts if p]
    if not parts:
        return Text()
    text = Text(*join_with(parts, ", "))
    plain = str(text)
    return text if plain.endswith((".", "?", "!")) else text + "."


def join_with(parts, sep):
    out = []
    for i, part in enumerate(parts):
        if i:
            out.append(sep)
        out.append(part)
    return out


def _title_quoted(entry) -> Text:
    """A short work's title in quotation marks, the full stop inside them."""
    title = latex(title_case(entry.fields.get("title", "")))
    return Text("\u201c", title, ".\u201d")


def _title_italic(value: str) -> Text:
    return Tag("em", latex(title_case(value)))


def _link(url: str) -> Text:
    return Text(HRef(url, url))


def _doi(doi: str) -> Text:
    return _link(f"https://doi.org/{doi}")


class MlaStyle(BaseStyle):
    """MLA 9 works-cited entries, built directly as rich text for each entry type.

    A missing field is left out, never an error: the record checks (bibcheck.py) report
    it with its line, and a half-read record must not crash the build meanwhile."""

    default_name_style = "plain"
    default_label_style = "alpha"  # labels are never shown; alpha keeps them unique
    default_sorting_style = STYLE_NAME

    def format_entry(self, label, entry, bib_data=None) -> FormattedEntry:
        method = getattr(self, f"format_{entry.type}", self.format_misc)
        text = method(entry)
        if "annotation" in entry.fields:
            text += Text(" [", latex(entry.fields["annotation"]), "]")
        return FormattedEntry(entry.key, text, label)

    # The first element: "Author." or "Editor, editor." or nothing.
    def _contributors(self, entry) -> Text:
        if "author" in entry.persons:
            return _sentence(Text(name_list(entry.persons["author"])))
        if "editor" in entry.persons:
            editors = entry.persons["editor"]
            role = "editor" if len(editors) == 1 else "editors"
            return _sentence(Text(name_list(editors)), Text(role))
        return Text()

    def _publication(self, entry, *extra) -> Text:
        f = entry.fields
        return _sentence(*extra, Text(f["publisher"]) if "publisher" in f else None,
                         Text(f["year"]) if "year" in f else None)

    def _series(self, entry) -> Text:
        f = entry.fields
        if "series" not in f:
            return Text()
        series = latex(f["series"])
        if "number" in f:
            series += Text(", no. ", f["number"])
        return _sentence(series)

    def _access(self, entry) -> Text:
        f = entry.fields
        parts = []
        if "doi" in f:
            parts.append(_sentence(_doi(f["doi"])))
        elif "url" in f:
            parts.append(_sentence(_link(f["url"])))
        if "urldate" in f:
            parts.append(_sentence(Text("Accessed ", f["urldate"])))
        return Text(*join_with(parts, " ")) if parts else Text()

    def _assemble(self, *blocks) -> Text:
        return Text(*join_with([b for b in blocks if len(b)], " "))

    def format_book(self, entry) -> Text:
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(entry.fields.get("title", ""))),
            self._publication(entry),
            self._series(entry),
            self._access(entry),
        )

    format_collection = format_book

    def format_incollection(self, entry) -> Text:
        f = entry.fields
        container = [_title_italic(f.get("booktitle", ""))]
        if "editor" in entry.persons:
            container.append(Text("edited by ", " and ".join(
                person_direct(p) for p in entry.persons["editor"])))
        if "volume" in f:
            container.append(Text("vol. ", f["volume"]))
        pages = Text("pp. ", latex(f["pages"])) if "pages" in f else None
        return self._assemble(
            self._contributors(entry),
            _title_quoted(entry),
            self._publication(entry, *container, *( [pages] if pages else [])),
            self._access(entry),
        )

    def format_online(self, entry) -> Text:
        f = entry.fields
        site = Tag("em", latex(f["organization"])) if "organization" in f else None
        return self._assemble(
            self._contributors(entry),
            _title_quoted(entry),
            _sentence(site, Text(f["year"]) if "year" in f else None),
            self._access(entry),
        )

    def format_techreport(self, entry) -> Text:
        f = entry.fields
        report = ", ".join(v for v in (f.get("type"), f.get("number")) if v)
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(f.get("title", ""))),
            _sentence(latex(f.get("institution", "")),
                      Text(f["year"]) if "year" in f else None),
            _sentence(Text(report)) if report else Text(),
            self._access(entry),
        )

    def format_misc(self, entry) -> Text:
        f = entry.fields
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(f["title"])) if "title" in f else Text(),
            self._publication(entry),
            self._access(entry),
        )


class MlaSortingStyle(BaseSortingStyle):
    """Works-cited order: author (or editor, or organization), then title, articles ignored."""

    def sorting_key(self, entry):
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        if persons:
            who = " ".join(person_inverted(p) for p in persons)
        else:
            who = entry.fields.get("organization", entry.fields.get("title", ""))
        return (sort_text(who), sort_text(entry.fields.get("title", "")))


# -- the in-text citation -------------------------------------------------------------


def citation_label(entry) -> str:
    """What an in-text citation names: author surnames, else editors', else the
    organization, else the title."""
    for role in ("author", "editor"):
        if entry.persons.get(role):
            return last_names(entry.persons[role])
    if "organization" in entry.fields:
        return str(Text.from_latex(entry.fields["organization"]))
    return "\u201c" + str(Text.from_latex(entry.fields.get("title", ""))) + "\u201d"


def author_key(entry) -> tuple[str, ...] | None:
    """Who a citation names, as a key: the authors (else editors, else the organization)
    in full, so that two people who share a surname are not one author."""
    for role in ("author", "editor"):
        if entry.persons.get(role):
            return tuple(str(p) for p in entry.persons[role])
    if "organization" in entry.fields:
        return (entry.fields["organization"],)
    return None  # a title-only citation names its title already


#: The bibliography whose authors were last counted, and the count (see works_by).
_counted: tuple[object, dict] = (None, {})


def works_by(entries) -> dict:
    """How many works of the bibliography each author has; counted once per bibliography."""
    global _counted
    if _counted[0] is not entries:
        counts: dict = {}
        for entry in entries.values():
            key = author_key(entry)
            counts[key] = counts.get(key, 0) + 1
        _counted = (entries, counts)
    return _counted[1]


def _bibliography_entries(data) -> dict:
    """Every record of the bibliography files, from the builder's environment."""
    env = getattr(getattr(data["reference_info"], "builder", None), "env", None)
    return env.get_domain("cite").bibdata.data.entries if env is not None else {}


def _shares_author(data) -> bool:
    key = author_key(data["entry"])
    return key is not None and works_by(_bibliography_entries(data)).get(key, 0) > 1


def shorten_title(title: str) -> str:
    """MLA's short title (9th ed., 6.9): the main title (before a colon), without a
    leading article, up to its first noun phrase, i.e. before the first article,
    preposition or conjunction that follows a principal word, or a comma:
    "The Dilemmas of De-Stalinization: …" -> "Dilemmas"; "Myth, Memory, Trauma" -> "Myth";
    "Political Succession in the {USSR}" -> "Political Succession"."""
    main = LEADING_ARTICLE.sub("", title.split(":")[0].strip())
    words: list[str] = []
    for word in main.split():
        bare = word.strip("{}`'\"").lower()
        if words and any(w.strip("{}`'\"").lower() not in MINOR_WORDS for w in words) \
                and bare in MINOR_WORDS:
            break
        words.append(word)
        if word.endswith(","):
            words[-1] = word.rstrip(",")
            break
    return " ".join(words) or main


QUOTED_TITLES = {"article", "incollection", "inproceedings", "inbook", "online"}


def short_title(entry) -> Text:
    """The short title as MLA sets it: in quotation marks for a part of a larger work
    or a web page, in italics otherwise. A record's ``shorttitle`` field overrides."""
    title = entry.fields.get("shorttitle") or shorten_title(entry.fields.get("title", ""))
    text = latex(title_case(title))
    return Text("\u201c", text, "\u201d") if entry.type in QUOTED_TITLES else Tag("em", text)


@node
def mla_label(children, data) -> Text:
    assert not children
    return Text(citation_label(data["entry"]))


@node
def mla_label_titled(children, data) -> Text:
    """``Jones, *Dilemmas*`` when the author has several works, else ``Jones``."""
    assert not children
    label = Text(citation_label(data["entry"]))
    return Text(label, ", ", short_title(data["entry"])) if _shares_author(data) else label


@node
def parenthetical_reference(children, data) -> Text:
    """``see Jones, *Dilemmas* 45``; it also carries what merge_same_author needs: its
    form without the title and whether it is one of the essay's candidate sources."""
    assert not children
    text = join(sep=" ")[pre_text, reference[mla_label_titled], post_text].format_data(data)
    text.untitled = join(sep=" ")[pre_text, reference[mla_label], post_text].format_data(data)
    entry = data["entry"]
    text.candidate = (author_key(entry)
                      if "essay-source" in entry.fields.get("keywords", "") else None)
    return text


def merge_same_author(children: list[Text]) -> list[Text]:
    """The essay's ambiguous reference: several of the essay's own sources by one author,
    in a row in one citation, are its candidates, written once as the essay writes them,
    keeping the last (which carries the page): [Rush, Rush 59] -> [Rush 59]. Every other
    work keeps its short title, so that no two works of one author look alike."""
    merged: list[Text] = []
    last = None  # the previous child, as formatted
    for child in children:
        author = getattr(child, "candidate", None)
        if (author is not None and last is not None and last.candidate == author
                and str(child.untitled).startswith(str(last.untitled))):
            merged[-1] = child.untitled
        else:
            merged.append(child)
        last = child
    return merged


@node
def parenthesized_post_text(children, data) -> Text:
    """``(59)`` after the author in a textual citation, ``(*Myth* 59)`` when the author has
    several works, or nothing."""
    assert not children
    post = data["reference_info"].post_text
    title = short_title(data["entry"]) if _shares_author(data) else None
    inside = [part for part in (title, post) if part]
    return Text("(", *join_with(inside, " "), ")") if inside else Text()


@dataclass
class MlaParentheticalReferenceStyle(BaseReferenceStyle):
    """``(Author page)``; several works separated by semicolons."""

    bracket: BracketStyle = field(
        default_factory=lambda: BracketStyle(left="(", right=")", sep="; ")
    )

    def role_names(self):
        return ["p", "ps", "alp", "alps"]

    def outer(self, role_name, children):
        return self.bracket.outer(merge_same_author(children),
                                  brackets="al" not in role_name)

    def inner(self, role_name):
        return parenthetical_reference


@dataclass
class MlaTextualReferenceStyle(BaseReferenceStyle):
    """``Author (page)``, for the editors' prose: "as {cite:t}`gill2004destalinization` notes"."""

    bracket: BracketStyle = field(default_factory=lambda: BracketStyle(sep="; "))

    def role_names(self):
        return ["t", "ts", "ct", "cts"]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets=False)

    def inner(self, role_name):
        return join(sep=" ")[pre_text, reference[mla_label], parenthesized_post_text]


@dataclass
class MlaAuthorReferenceStyle(BaseReferenceStyle):
    """``{cite:author}``: the name alone, linked."""

    bracket: BracketStyle = field(default_factory=lambda: BracketStyle(sep="; "))

    def role_names(self):
        return ["author", "authors", "cauthor", "cauthors"]

    def outer(self, role_name, children):
        return self.bracket.outer(children, brackets=False)

    def inner(self, role_name):
        return reference[mla_label]


@dataclass
class MlaReferenceStyle(GroupReferenceStyle):
    def __post_init__(self):
        self.styles.extend([
            MlaParentheticalReferenceStyle(),
            MlaTextualReferenceStyle(),
            MlaAuthorReferenceStyle(),
            ExtraEmptyReferenceStyle(),
        ])
        super().__post_init__()


def register() -> None:
    pybtex.plugin.register_plugin("pybtex.style.formatting", STYLE_NAME, MlaStyle)
    pybtex.plugin.register_plugin("pybtex.style.sorting", STYLE_NAME, MlaSortingStyle)
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE_NAME, MlaReferenceStyle)
