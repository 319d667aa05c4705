"""The text of a published HTML page, as the Web Annotation selectors count it.

Definition (stated in ``annotations.jsonld`` too): the ``textContent`` of the page's first
element with ``role="main"`` (furo's ``<article role="main">``; the basic and alabaster
themes' ``<div class="body" role="main">``), in Unicode code points: every
text node inside it, in document order, with character references decoded, comments
left out, and nothing added between elements. It includes the paragraph numbers, note
numbers and notes, as a browser's ``article.textContent`` does.

The page is read with lxml (the parse is shared with the notes' HTML, which the
collection reads off the same page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from edition.annotations.nodes import lemma_ids

if TYPE_CHECKING:
    from lxml import html as lxml_html


@dataclass
class PageText:
    text: str = ""
    #: id -> (start, end) of that element's text within `text`.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)

    def lemma_span(self, ident: str) -> tuple[int, int] | None:
        """Where a note's lemma stands: from its start to the end of its last part (a
        lemma that overlaps another is marked in parts)."""
        first = self.spans.get(f"lemma-{ident}")
        if first is None:
            return None
        end, parts = first[1], 2
        while (part := self.spans.get(lemma_ids(ident, parts)[-1])) is not None:
            end, parts = part[1], parts + 1
        return first[0], end


def parse_page(html: str) -> lxml_html.HtmlElement:
    # Imported here: only the website's exports read pages, not every build.
    from lxml import html as lxml_html

    return lxml_html.fromstring(html)


def page_text(tree: lxml_html.HtmlElement) -> PageText:
    """The text of the first element with role="main" in a parsed page, and where each
    element with an id stands in it."""
    main = next(iter(tree.xpath("//*[@role='main']")), None)
    if main is None:
        return PageText()
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    length = 0

    def walk(element) -> None:
        nonlocal length
        is_element = isinstance(element.tag, str)  # not a comment or processing instruction
        start = length
        if is_element and element.text:
            parts.append(element.text)
            length += len(element.text)
        for child in element:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                length += len(child.tail)
        ident = element.get("id") if is_element else None
        if ident:
            spans.setdefault(ident, (start, length))

    walk(main)
    return PageText("".join(parts), spans)
