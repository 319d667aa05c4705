"""The works-cited entry in MLA (9th edition) form, as a pybtex formatting style:
author–title order, no numeric labels, URLs as links, DOIs as ``https://doi.org/…``,
and the editors' ``annotation`` in square brackets where a record is uncertain; and the
works-cited order."""

from __future__ import annotations

from pybtex.richtext import HRef, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.sorting import BaseSortingStyle

from edition.bibliography.names import (
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
    parts = [p for p in parts if p]
    if not parts:
        return Text()
    text = Text(*join_with(parts, ", "))
    plain = str(text)
    return text if plain.endswith((".", "?", "!")) else text + "."


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
