"""What contributed Markdown may contain: one allow-list for notes and register entries
(no Sphinx; read from the Markdown tokens the build's own parser makes).

Contributed text is prose with citations: paragraphs, lists, quotations, emphasis, code
spans, links to https addresses or to the edition's pages, and the roles in
:data:`ALLOWED_ROLES`. Everything else is refused with the line it is on and what to
write instead: raw HTML, directives (which read files, run reStructuredText, emit raw
LaTeX), images (which load from another host, or publish a file of the project),
headings, targets, footnotes, substitutions (Jinja), tables, and a link Markdown did not
take as a link (``java&#115;cript:``, a reference definition to a ``data:`` address),
which would otherwise be published as its raw Markdown without a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from markdown_it.token import Token

from edition.trust.links import INSTEAD, contributed_link_problem

#: Roles contributed text may use: citations and cross-references, and inline styles;
#: none that emits raw output, reads a file (``{download}``, ``{literalinclude}``) or
#: runs reStructuredText (``{eval-rst}``).
ALLOWED_ROLES = re.compile(r"^(cite(:[a-z]+)?|ref|doc|term|abbr|sub|sup|emphasis|strong)$")

#: Block tokens that are prose; ``inline`` tokens are looked into.
PROSE_BLOCKS = frozenset({
    "paragraph_open", "paragraph_close", "inline", "bullet_list_open", "bullet_list_close",
    "ordered_list_open", "ordered_list_close", "list_item_open", "list_item_close",
    "blockquote_open", "blockquote_close", "myst_line_comment", "dl_open", "dl_close",
    "dt_open", "dt_close", "dd_open", "dd_close",
})
#: Inline tokens that are prose; links are checked for their target.
PROSE_INLINE = frozenset({
    "text", "softbreak", "hardbreak", "em_open", "em_close", "strong_open", "strong_close",
    "code_inline", "link_open", "link_close", "myst_role", "s_open", "s_close",
})
#: What a refused construct is called in a message, and what to write instead.
REFUSED = {
    "html_block": "raw HTML",
    "html_inline": "raw HTML",
    "image": "an image",
    "heading_open": "a heading",
    "myst_target": "a target, (name)=,",
    "myst_block_break": "a block break, +++,",
    "footnote_ref": "a footnote",
    "footnote_reference_open": "a footnote",
    "footnote_block_open": "a footnote",
    "table_open": "a table",
    "hr": "a horizontal rule",
    "front_matter": "a second front matter block",
    "substitution_inline": "a substitution, {{ }},",
    "substitution_block": "a substitution, {{ }},",
    "math_inline": "math",
    "math_block": "math",
    "amsmath": "math",
}
#: Markdown that stayed text although it was written as a link: an inline link or
#: image, a reference link, a reference definition, an autolink. markdown-it leaves a
#: link as text when its address is one it refuses (javascript:, data:, vbscript:,
#: file:, however its letters are written).
UNTAKEN_LINK = re.compile(r"\]\(|\]\[|^\s*\[[^\]]+\]:|<[A-Za-z][A-Za-z0-9+.-]*:")
#: The scheme of such a link's address, where one is written.
UNTAKEN_SCHEME = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<)\s*([A-Za-z][A-Za-z0-9+.-]*):")


def _inline(token: Token) -> Iterator[tuple[int, Token]]:
    """(line, child) for each inline child: a paragraph's sentences stand one per line,
    so the line follows the soft breaks."""
    line = token.map[0] + 1 if token.map else 1
    for child in token.children or []:
        if child.type in {"softbreak", "hardbreak"}:
            line += 1
        yield line, child


def _block_problem(token: Token, what: str) -> str | None:
    if token.type in {"fence", "colon_fence", "code_block"}:
        info = token.info.strip()
        if info.startswith("{") or token.type == "colon_fence":
            name = info.split("}")[0].lstrip("{") or info
            return (f"the directive {{{name}}} is not allowed in {what}; {what} is text "
                    "with citations")
        return None  # a block of code shown as it is
    if token.type in PROSE_BLOCKS:
        return None
    if token.type == "heading_open":
        return (f"headings are not allowed in {what}: {what} is a few paragraphs; begin "
                "a paragraph with its subject in bold (**Sources.** …) where it needs parts")
    name = REFUSED.get(token.type, f"this Markdown ({token.type})")
    return f"{name} is not allowed in {what}; write paragraphs of text with citations"


def _inline_problem(child: Token, what: str) -> str | None:
    if child.type == "link_open":
        return contributed_link_problem(str(child.attrs.get("href", "")))
    if child.type == "myst_role":
        name = child.meta.get("name", "")
        if not ALLOWED_ROLES.match(name):
            return (f"the role {{{name}}} is not allowed in {what}; use citation roles "
                    "such as {cite:p}")
        return None
    if child.type == "text" and UNTAKEN_LINK.search(child.content):
        scheme = UNTAKEN_SCHEME.search(child.content)
        if scheme:
            return (f"a link to a {scheme.group(1).lower()}: address is not allowed in "
                    f"{what}; {INSTEAD}")
        return (f"this looks like a link Markdown did not take ({child.content.strip()!r}"
                f"): its address is not allowed in {what}, so it would be published as "
                "its raw Markdown; link to an https:// address, or write the words alone")
    if child.type in PROSE_INLINE:
        return None
    if child.type == "html_inline":
        return f"raw HTML is not allowed in {what}; write Markdown"
    name = REFUSED.get(child.type, f"this Markdown ({child.type})")
    return f"{name} is not allowed in {what}; write text with citations"


def markup_problems(tokens: Iterable[Token], what: str = "a note"
                    ) -> list[tuple[int, str]]:
    """(line, message) for everything in the tokens that contributed text may not
    contain; lines are those of the tokens' source (1-based). `what` names the text in
    messages ("a note", "a register entry")."""
    problems: list[tuple[int, str]] = []
    closing = None  # the level at which a refused block (a table, a footnote) closes
    for token in tokens:
        if closing is not None:  # inside it: one message for the whole block
            if token.nesting == -1 and token.level == closing:
                closing = None
            continue
        line = token.map[0] + 1 if token.map else 1
        problem = _block_problem(token, what)
        if problem:
            problems.append((line, problem))
            if token.nesting == 1:
                closing = token.level
                continue
        for child_line, child in _inline(token):
            problem = _inline_problem(child, what)
            if problem:
                problems.append((child_line, problem))
    return list(dict.fromkeys(problems))  # once per line and kind


def inline_lines(token: Token) -> Iterator[tuple[int, Token]]:
    """(line, child) for each inline child of a block token."""
    return _inline(token)
