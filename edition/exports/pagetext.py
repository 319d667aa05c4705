"""The text of a published HTML page, as the Web Annotation selectors count it.

Definition (stated in ``annotations.jsonld`` too): the ``textContent`` of the page's first
element with ``role="main"`` (furo's ``<article role="main">``; the basic and alabaster
themes' ``<div class="body" role="main">``), in Unicode code points: every
text node inside it, in document order, with character references decoded, comments
left out, and nothing added between elements. It includes the paragraph numbers, note
numbers and notes, as a browser's ``article.textContent`` does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements without an end tag (HTML's void elements).
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


@dataclass
class PageText:
    text: str = ""
    #: id -> (start, end) of that element's text within `text`.
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.depth = 0  # > 0 inside the article
        self.done = False
        self.stack: list[tuple[str, str | None, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        attributes = dict(attrs)
        if self.depth == 0:
            if attributes.get("role") == "main":
                self.depth = 1
                self.stack = [(tag, attributes.get("id"), self.length)]
            return
        if tag in VOID:
            return
        self.stack.append((tag, attributes.get("id"), self.length))

    def handle_startendtag(self, tag, attrs):
        pass  # an empty element adds no text

    def handle_endtag(self, tag):
        if self.depth == 0 or self.done or tag in VOID:
            return
        # Tolerate omitted end tags: close up to the matching element.
        while self.stack:
            name, ident, start = self.stack.pop()
            if ident:
                self.spans.setdefault(ident, (start, self.length))
            if name == tag:
                break
        if not self.stack:
            self.done = True

    def handle_data(self, data):
        if self.depth and not self.done:
            self.parts.append(data)
            self.length += len(data)


def page_text(html: str) -> PageText:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return PageText("".join(reader.parts), reader.spans)
