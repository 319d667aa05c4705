"""An annotation's body: what it may not contain (raw HTML, directives, headings, roles
that emit raw output, unsafe links), and the citation keys it cites; read from the
Markdown tokens made once when the file is read (no Sphinx)."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from edition.annotations.model import TEMPLATE_BODY, Annotation
from edition.trust.markup import ALLOWED_ROLES, inline_lines, markup_problems


@functools.cache
def default_markdown() -> MarkdownIt:
    """A parser for bodies outside a build: every syntax extension the edition's
    conf.py could enable, so that nothing a build would read as a directive (e.g. a
    ``:::{raw}`` colon fence) slips past."""
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}),
                            RendererHTML)


def body_problems(tokens, body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for each thing a note body may not contain: what the
    edition's policy for contributed text refuses (``trust/markup.py``), and citations
    written in a form the edition does not take."""
    if not body.strip():
        return [(0, "the note is empty: write the note below the front matter")]
    if body.lstrip().startswith(TEMPLATE_BODY):
        return [(body_line, "the note is still the template's text: write your note in its "
                            "place")]
    problems = markup_problems(tokens, "a note")
    for token in tokens:
        for child_line, child in inline_lines(token):
            if child.type == "myst_role" and ALLOWED_ROLES.match(child.meta["name"]) \
                    and child.meta["name"].startswith("cite"):
                problems += [(child_line, message) for message in
                             citation_problems(child.meta["name"], child.content)]
    return list(dict.fromkeys(problems))  # once per line and kind


#: One target of a citation role: {pre}key{post}, the texts in braces optional.
TARGET = re.compile(r"^(\{[^{}]*\})?([A-Za-z0-9_:.\-]+)(\{([^{}]*)\})?$")
#: A page locator as MLA gives it: 59, 59-61, 59–61, xii (and lists of them).
MLA_PAGES = re.compile(r"^[0-9ivxlcdm]+([-\u2013][0-9ivxlcdm]+)?(, ?[0-9ivxlcdm]+([-\u2013]"
                       r"[0-9ivxlcdm]+)?)*$")


#: A page written in the braces before the key, where the role puts words like "see".
PAGE_AS_PREFIX = re.compile(r"^\s*(?:(?:p|pp|page|pages)\.?\s*)?([0-9ivxlcdm]+(?:[-\u2013]"
                            r"[0-9ivxlcdm]+)?)\s*$")


def _targets(content: str) -> list[str]:
    """A role's targets, split at the commas outside braces."""
    parts, depth, current = [], 0, ""
    for char in content:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def citation_problems(role: str, content: str) -> list[str]:
    """What is wrong with a citation role's targets, each with the form to write."""
    found = []
    # The example names the role's first key, as the contributor wrote it.
    key = re.match(r"\s*(?:\{[^{}]*\})?([A-Za-z0-9_:.\-]+)", content)
    example = f"{{{role}}}`{key.group(1) if key else 'key'}{{59}}`"
    for target in _targets(content):
        match = TARGET.match(target.strip())
        if match is None:
            found.append(f"{{{role}}}`{content}`: a page goes in braces right after the "
                         f"key, with no space or punctuation: {example} (pages 59 to 61: "
                         "{59–61})")
        elif match.group(1) is not None and \
                (prefix := PAGE_AS_PREFIX.match(match.group(1)[1:-1])) is not None:
            found.append(f"{{{role}}}`{content}`: the page stands before the key, where "
                         "the role puts words such as \"see\" before the author; write the "
                         f"page in braces after the key: {{{role}}}`{match.group(2)}{{"
                         f"{prefix.group(1)}}}`")
        elif match.group(4) is not None and not MLA_PAGES.match(match.group(4).strip()):
            if re.match(r"^(p|pp|page|pages)\.?\s", match.group(4).strip()):
                found.append(f"{{{role}}}`{content}`: MLA gives the page alone, without "
                             f"\"p.\": {example} (or {{59–61}})")
    return found


def cited_keys(note: Annotation) -> list[tuple[int, str]]:
    """(file line, key) for every citation key the note's body cites."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    found = []
    for token in note.tokens:
        for line, child in inline_lines(token):
            if child.type == "myst_role" and child.meta["name"].startswith("cite"):
                try:
                    found += [(line, t.key) for t in parse_citation_targets(child.content)]
                except ValueError:
                    pass  # sphinxcontrib-bibtex reports a malformed target itself
    return found
