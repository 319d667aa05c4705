"""A record's fields read as untrusted text (no Sphinx): what the edition cannot turn into
text — unbalanced braces, a backslash that ends a field, a control character, a character
the PDF's typeface cannot print, a date that does not exist — each a (line, message)
with what to write. ``checks.py`` leaves such a record out of the build, where it
would otherwise stop the formatting with no file named."""

from __future__ import annotations

import re

from edition.bibliography.names import latex
from edition.trust.glyphs import unprintable

#: Fields a record may have that no output prints.
UNRENDERED = {"note", "unconfirmed", "keywords", "urlreason"}


def unreadable_fields(entry, line: int) -> list[tuple[int, str]]:
    """Fields the edition cannot turn into text (unbalanced braces, a backslash that
    ends the field, a date that does not exist): each a problem, with what to write."""
    problems = []
    for field, value in entry.fields.items():
        text = str(value)
        try:
            if field in UNRENDERED:  # never printed: the typeface does not matter
                latex(text)
                continue
            if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", text):
                raise ValueError("it holds a control character, which no reader sees")
            unprinted = unprintable(text)
            if unprinted is not None:
                raise ValueError(unprinted[1])
            if text.rstrip().endswith("\\") and not text.rstrip().endswith("\\\\"):
                raise ValueError("it ends with a backslash")
            latex(text)
        except Exception as err:  # noqa: BLE001 - pybtex's parser raises several kinds
            what = getattr(err, "args", [""])[0] or type(err).__name__
            problems.append((line, f"{entry.key}: `{field}` cannot be read ({what}); "
                                          "write it plainly, with every { closed by a }, "
                                          "and \\emph{…} for a title within the title"))
    for field in ("date", "urldate"):
        value = str(entry.fields.get(field, ""))
        match = re.fullmatch(r"\d{4}-(\d{2})(?:-(\d{2}))?", value.strip())
        if match and (not 1 <= int(match[1]) <= 12 or match[2] and not 1 <= int(match[2]) <= 31):
            problems.append((line, f"{entry.key}: `{field}` {value!r} is no date; write "
                                          "it as YYYY-MM-DD"))
    return problems
