"""An annotation's body: what it may not contain (raw HTML, directives, headings, roles
that emit raw output, unsafe links), and the citation keys it cites; read from the
Markdown tokens made once when the file is read (no Sphinx)."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from edition.annotations.model import ALLOWED_ROLES, Annotation

#: Link addresses a note may not have: they run code or smuggle content.
UNSAFE_LINK = re.compile(r"(\]\(|<)\s*(javascript|vbscript|data|file):", re.IGNORECASE)


@functools.cache
def default_markdown() -> MarkdownIt:
    """A parser for bodies outside a build: every syntax extension the edition's
    conf.py could enable, so that nothing a build would read as a directive (e.g. a
    ``:::{raw}`` colon fence) slips past."""
    return create_md_parser(MdParserConfig(enable_extensions={"colon_fence", "deflist"}),
                            RendererHTML)


def _inline_lines(token: Token):
    """(line, child) for each inline child of a block token: a paragraph's sentences
    stand one per line, so the line follows the soft breaks."""
    line = token.map[0] + 1 if token.map else 1
    for child in token.children or []:
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        yield line, child


def body_problems(tokens, body: str, body_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for each thing a note body may not contain."""
    if not body.strip():
        return [(0, "the note is empty: write the note below the front matter")]
    problems: list[tuple[int, str]] = []
    for number, text in enumerate(body.split("\n"), body_line):
        unsafe = UNSAFE_LINK.search(text)
        if unsafe:
            problems.append((number, f"a link to a {unsafe.group(2).lower()}: address is not "
                                     "allowed in a note; link to an https address"))
    for token in tokens:
        line = token.map[0] + 1 if token.map else 1
        if token.type == "html_block":
            problems.append((line, "raw HTML is not allowed in a note; write Markdown"))
        elif token.type in {"fence", "colon_fence"} and token.info.strip().startswith("{"):
            name = token.info.strip().split("}")[0][1:]
            problems.append((line, f"the directive {{{name}}} is not allowed in a note; "
                                   "a note is text with citations"))
        elif token.type == "heading_open":
            problems.append((line, "headings are not allowed in a note"))
        elif token.type == "front_matter":
            problems.append((line, "a second front matter block is not allowed"))
        for child_line, child in _inline_lines(token):
            if child.type == "html_inline":
                problems.append((child_line, "raw HTML is not allowed in a note; write "
                                             "Markdown"))
            elif child.type == "myst_role" and not ALLOWED_ROLES.match(child.meta["name"]):
                problems.append((child_line, f"the role {{{child.meta['name']}}} is not "
                                             "allowed in a note; use citation roles such "
                                             "as {cite:p}"))
    return list(dict.fromkeys(problems))  # once per line and kind


def cited_keys(note: Annotation) -> list[tuple[int, str]]:
    """(file line, key) for every citation key the note's body cites."""
    from sphinxcontrib.bibtex.citation_target import parse_citation_targets

    found = []
    for token in note.tokens:
        for line, child in _inline_lines(token):
            if child.type == "myst_role" and child.meta["name"].startswith("cite"):
                try:
                    found += [(line, t.key) for t in parse_citation_targets(child.content)]
                except ValueError:
                    pass  # sphinxcontrib-bibtex reports a malformed target itself
    return found
