"""The works-cited entry in MLA (9th edition) form, as a pybtex formatting style:
author–title order, no numeric labels, URLs as links, DOIs as ``https://doi.org/…``,
and the editors' ``annotation`` in square brackets where a record is uncertain; and the
works-cited order."""

from __future__ import annotations

import re

from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle

from edition.bibliography.names import (
    ENGLISH,
    description,
    join_with,
    latex,
    name_list,
    person_direct,
    person_inverted,
    sort_text,
    title_case,
)

#: The name the styles are registered under (``styles.py``).
STYLE_NAME = "mla"


def _sentence(*parts) -> Text:
    """Join non-empty parts with ", " and end with a full stop (unless one is there)."""
    present = [p for p in parts if p]
    if not present:
        return Text()
    text = Text(*join_with(present, ", "))
    plain = str(text)
    return text if plain.endswith((".", "?", "!")) else text + "."


#: The ``langid`` values of English titles, which MLA puts in title case; a title in


def _cased(entry, value: str) -> str:
    english = entry is None or entry.fields.get("langid", "english").lower() in ENGLISH
    return title_case(value) if english else value


def _title_quoted(entry) -> Text:
    """A short work's title in quotation marks, the full stop inside them; a description
    in place of a title as it stands (``description()``)."""
    value = entry.fields.get("title", "")
    described = description(value)
    if described is not None:
        return Text(latex(described), ".")
    return Text("\u201c", latex(_cased(entry, value)), ".\u201d")


def _title_italic(value: str, entry=None) -> Text:
    described = description(value)
    if described is not None:
        return latex(described)
    return Tag("em", latex(_cased(entry, value)))


def _link(url: str) -> Text:
    return Text(HRef(url, url))


def _doi(doi: str) -> Text:
    return _link(f"https://doi.org/{doi}")


#: MLA 9's abbreviations of the months (those of four letters or fewer stay whole).
MONTHS = ("Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.",
          "Nov.", "Dec.")


def mla_date(iso: str) -> str:
    """2024-05-01 -> 1 May 2024 (day month year, the month abbreviated); a year, or a
    year and month, as far as it goes; anything else as it stands."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", iso.strip())
    if not match:
        return iso
    year, month, day = match.groups()
    if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
        return iso  # no such date: as it stands (the record's check says so)
    parts = [str(int(day))] if day else []
    if month:
        parts.append(MONTHS[int(month) - 1])
    return " ".join([*parts, year])


def publisher_name(value: str) -> Text:
    """An academic press's name shortened as MLA 9 does: "Columbia University Press" ->
    "Columbia UP", "University of Chicago Press" -> "U of Chicago P"."""
    if re.search(r"\bUniversity\b", value):
        value = re.sub(r"\bUniversity Press\b", "UP", value)
        value = re.sub(r"\bUniversity\b", "U", value)
        value = re.sub(r"\bPress\b", "P", value)
    return latex(value)


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

    def _location(self, entry) -> Text | None:
        """Where the work is found online: its DOI, else its URL."""
        f = entry.fields
        if "doi" in f:
            return _doi(f["doi"])
        return _link(f["url"]) if "url" in f else None

    def _containers(self, entry, *first) -> Text:
        """The container elements, then the location after a comma (MLA 9 joins it to
        the last container), or, where the work is read on a site of its own (the
        record's ``site``), the site as a second container with the location."""
        f = entry.fields
        location = self._location(entry)
        site = f.get("site")
        blocks = [_sentence(*first, location if not site else None)]
        if site:
            blocks.append(_sentence(Tag("em", latex(site)), location))
        if "urldate" in f:
            blocks.append(_sentence(Text("Accessed ", mla_date(f["urldate"]))))
        return self._assemble(*blocks)

    def _published(self, entry) -> list[Text]:
        f = entry.fields
        return [part for part in (publisher_name(f["publisher"]) if "publisher" in f
                                  else None, Text(f["year"]) if "year" in f else None)
                if part]

    def _series(self, entry) -> Text:
        f = entry.fields
        if "series" not in f:
            return Text()
        series = latex(f["series"])
        if "number" in f:  # MLA 9: the series' name, then its number, with no comma
            series += Text(" ", f["number"])
        return _sentence(series)

    def _assemble(self, *blocks) -> Text:
        return Text(*join_with([b for b in blocks if len(b)], " "))

    def format_book(self, entry) -> Text:
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(entry.fields.get("title", ""), entry)),
            self._containers(entry, *self._published(entry)),
            self._series(entry),
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
        pages = [Text("pp. ", latex(f["pages"]))] if "pages" in f else []
        return self._assemble(
            self._contributors(entry),
            _title_quoted(entry),
            self._containers(entry, *container, *self._published(entry), *pages),
        )

    def format_article(self, entry) -> Text:
        """An article in a periodical, a newspaper's text among them (MLA 9): "Title."
        *Periodical*, day month year, p. 13 (or pp. 13–16)."""
        f = entry.fields
        when = Text(mla_date(f["date"])) if "date" in f else (
            Text(f["year"]) if "year" in f else None)
        pages = f.get("pages")
        page = Text("pp. " if re.search(r"[-\u2013,]", pages) else "p. ", latex(pages)) \
            if pages else None
        periodical = Tag("em", latex(f["journal"])) if "journal" in f else None
        return self._assemble(
            self._contributors(entry),
            _title_quoted(entry),
            self._containers(entry, *(p for p in (periodical, when, page) if p)),
        )

    def format_online(self, entry) -> Text:
        f = entry.fields
        site = Tag("em", latex(f["organization"])) if "organization" in f else None
        return self._assemble(
            self._contributors(entry),
            _title_quoted(entry),
            self._containers(entry, *(p for p in (site, Text(f["year"]) if "year" in f
                                                  else None) if p)),
        )

    def format_techreport(self, entry) -> Text:
        f = entry.fields
        report = ", ".join(v for v in (f.get("type"), f.get("number")) if v)
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(f.get("title", ""), entry)),
            self._containers(entry, *(p for p in (latex(f.get("institution", "")),
                                                  Text(f["year"]) if "year" in f else None)
                                      if p)),
            _sentence(Text(report)) if report else Text(),
        )

    def format_misc(self, entry) -> Text:
        f = entry.fields
        return self._assemble(
            self._contributors(entry),
            _sentence(_title_italic(f["title"], entry)) if "title" in f else Text(),
            self._containers(entry, *self._published(entry)),
        )


class MlaSortingStyle(BaseSortingStyle):
    """Works-cited order: author (or editor), then title, articles ignored; a work with
    neither by its title, the first thing its entry gives (MLA 9: "Secret Speech." files
    under S, not under the website it is on)."""

    def sorting_key(self, entry):
        persons = entry.persons.get("author") or entry.persons.get("editor") or []
        if persons:
            who = " ".join(person_inverted(p) for p in persons)
        else:
            who = entry.fields.get("title", "")
        return (sort_text(who), sort_text(entry.fields.get("title", "")))
