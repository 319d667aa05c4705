"""The in-text citation in MLA (9th edition) form, as a sphinxcontrib-bibtex
referencing style: the essay's own author–page form, ``(Rush 59)``, ``(Gill)``; a short
title where the bibliography holds more than one work by the same author, except the
essay's own ambiguous "Rush" (see ``styles.py``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pybtex.richtext import Tag, Text
from pybtex.style.template import join, node
from sphinxcontrib.bibtex.style.referencing import (
    BaseReferenceStyle,
    BracketStyle,
    GroupReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.template import (
    SphinxReferenceText,
    post_text,
    pre_text,
    reference,
)

from edition.bibliography.candidates import CandidatesReferenceText
from edition.bibliography.names import (
    ENGLISH,
    LEADING_ARTICLE,
    MINOR_WORDS,
    description,
    join_with,
    last_names,
    latex,
    title_case,
)
from edition.domain import cite_domain


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
    return cite_domain(env).bibdata.data.entries if env is not None else {}


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
    short = " ".join(words) or main
    if short.count("{") != short.count("}"):  # cut inside a group: its braces go
        short = short.replace("{", "").replace("}", "")
    return short


QUOTED_TITLES = {"article", "incollection", "inproceedings", "inbook", "online"}


def short_title(entry) -> Text:
    """The short title as MLA sets it: in quotation marks for a part of a larger work
    or a web page, in italics otherwise. A record's ``shorttitle`` field overrides."""
    title = entry.fields.get("shorttitle") or shorten_title(entry.fields.get("title", ""))
    described = description(title)
    if described is not None:  # a description in place of a title, as it stands
        return latex(described)
    english = entry.fields.get("langid", "english").lower() in ENGLISH
    text = latex(title_case(title) if english else title)  # another language keeps its case
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
    keeping the last (which carries the page): [Rush, Rush 59] -> [Rush 59]. The one
    reference left keeps every candidate (``candidates.py``), never only the last. Every
    other work keeps its short title, so that no two works of one author look alike."""
    merged: list[Text] = []
    group: list = []  # the reference info of each candidate written as merged[-1]
    last = None  # the previous child, as formatted
    for child in children:
        author = getattr(child, "candidate", None)
        if (author is not None and last is not None and last.candidate == author
                and str(child.untitled).startswith(str(last.untitled))):
            group = [*group, *_reference_infos(child.untitled)]
            merged[-1] = _with_candidates(child.untitled, group)
        else:
            merged.append(child)
            group = _reference_infos(child.untitled if author is not None else child)
        last = child
    return merged


def _reference_infos(text: Text) -> list:
    """The reference info of each work a formatted citation links to."""
    return [info for part in text.parts if isinstance(part, SphinxReferenceText)
            for info in part.info]


def _with_candidates(text: Text, infos: list) -> Text:
    """The citation with its reference standing for every candidate in `infos`."""
    parts = [CandidatesReferenceText(infos, *part.parts)
             if isinstance(part, SphinxReferenceText) else part for part in text.parts]
    assert any(isinstance(p, CandidatesReferenceText) for p in parts), text
    return Text(*parts)


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
    #: The citations this application formatted (``citecache.py``): the style is made
    #: anew for each application (one sphinx-build run), and so is what it keeps.
    formatted: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    contents: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    rendered: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        self.styles.extend([
            MlaParentheticalReferenceStyle(),
            MlaTextualReferenceStyle(),
            MlaAuthorReferenceStyle(),
            ExtraEmptyReferenceStyle(),
        ])
        super().__post_init__()
