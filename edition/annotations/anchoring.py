"""Anchor a quote selector in a chapter's reading text, exactly or not at all.

The reading text an annotation quotes is the essay's words as readers see them
(regularized citations and corrected slips included), without editorial signs such as
the lacuna sign. A quote must match exactly once; otherwise the contributor gets a
message with hints: the near misses people make most (quotation marks, spaces, case,
another chapter, an editorial sign), else the closest passage and the difference word
by word (rapidfuzz finds the passage, difflib compares the words).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

from docutils import nodes
from rapidfuzz import fuzz

from edition.annotations.model import Selector

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                        "\u2026": "...", "\u2013": "-", "\u2014": "-"})
SPACES = re.compile(r"\s+")


def find(text: str, selector: Selector) -> list[int]:
    """Start offsets where the selector matches: exact, preceded by prefix, followed by
    suffix (W3C TextQuoteSelector semantics)."""
    starts = []
    exact = selector.exact
    i = text.find(exact)
    while i != -1:
        end = i + len(exact)
        if text[:i].endswith(selector.prefix) and text[end:].startswith(selector.suffix):
            starts.append(i)
        i = text.find(exact, i + 1)
    return starts


def _fold(s: str, how: str) -> str:
    if how in {"quotes", "all"}:
        s = s.translate(QUOTES)
    if how in {"spaces", "all"}:
        s = SPACES.sub(" ", s).strip()
    if how in {"case", "all"}:
        s = s.casefold()
    return unicodedata.normalize("NFC", s)


def near_miss_hints(text: str, selector: Selector,
                    elsewhere: dict[str, str] | None = None) -> list[str]:
    """Why a quote that does not match might have been meant to. `elsewhere` maps the
    other chapters to their text, to say when the quote stands in another one."""
    exact = selector.exact
    if exact in text:
        return ["the quote is found, but not with this prefix/suffix: check them"]
    for chapter, other in (elsewhere or {}).items():
        if exact in other or _fold(exact, "all") in _fold(other, "all"):
            return [f"the quote is in {chapter}: set `target.chapter` to {chapter}"]
    checks = [
        ("quotes", "the quotation marks or apostrophes differ: the essay uses curly "
                   "quotes (\u201c \u201d \u2019) and the ellipsis character (\u2026)"),
        ("spaces", "the spaces differ: copy the words with single spaces, no line breaks"),
        ("case", "the capitalization differs"),
    ]
    hints = [hint for how, hint in checks
             if _fold(exact, how) and _fold(exact, how) in _fold(text, how)]
    if not hints and _fold(exact, "all") in _fold(text, "all"):
        hints.append("the quote matches only if quotation marks, spaces and case are all "
                     "ignored: copy it again from the chapter")
    signs = [w for w in TOKEN.findall(exact) if w in EDITORIAL_SIGNS]
    unsigned = SPACES.sub(" ", TOKEN_SIGNS.sub("", exact)).strip()
    if not hints and signs and unsigned and unsigned in SPACES.sub(" ", text):
        hints.append(f"leave out {_words(signs)}: editorial signs such as [\u2026] and "
                     "[sic] are not part of the essay's words")
    if not hints:
        closest = closest_passage(text, exact)
        if closest:
            hints.append(closest.hint())
    return hints


EDITORIAL_SIGNS = {"[\u2026]", "[...]", "[sic]"}
#: Words, editorial signs and punctuation marks, each a token of its own.
TOKEN = re.compile(r"\[[^\]\s]{1,6}\]|[\w\u2019'-]+|[^\w\s]")
TOKEN_SIGNS = re.compile("|".join(map(re.escape, EDITORIAL_SIGNS)))


@dataclass
class Passage:
    """The chapter's words closest to a quote, and how the quote differs from them."""

    text: str  # the chapter's words, as they stand
    dropped: list[str]  # in the chapter, missing from the quote
    added: list[str]  # in the quote, not in the chapter
    changed: list[tuple[list[str], list[str]]]  # (the chapter's words, the quote's)

    def hint(self) -> str:
        parts = []
        if self.dropped:
            parts.append("it leaves out " + _words(self.dropped))
        if self.added:
            parts.append("it adds " + _words(self.added))
        if self.changed:
            parts.append("it has " + "; ".join(f"{_words(q)} for {_words(c)}"
                                                for c, q in self.changed))
        hint = (f"the closest words in the chapter are \u201c{self.text}\u201d, and the "
                "quote differs from them: " + ", ".join(parts))
        if any(w in EDITORIAL_SIGNS for w in self.added):
            hint += (" (editorial signs such as [\u2026] and [sic] are not part of the "
                     "essay's words: leave them out)")
        return hint


def _words(tokens: list[str]) -> str:
    return "\u201c" + " ".join(tokens) + "\u201d"


def closest_passage(text: str, exact: str, cutoff: float = 60) -> Passage | None:
    """The run of the chapter's words most like the quote (rapidfuzz finds where,
    difflib says how they differ, word by word); None if nothing is close."""
    found = fuzz.partial_ratio_alignment(exact, text, score_cutoff=cutoff)
    if found is None:
        return None
    quote = TOKEN.findall(exact)
    # Tokens around the aligned span, wide enough for dropped or added words.
    margin = len(exact)
    around = [m for m in TOKEN.finditer(text)
              if m.end() > found.dest_start - margin and m.start() < found.dest_end + margin]
    tokens = [m.group() for m in around]
    blocks = [b for b in SequenceMatcher(None, tokens, quote, autojunk=False)
              .get_matching_blocks() if b.size]
    if not blocks:
        return None
    first, last = blocks[0], blocks[-1]
    start = max(0, first.a - first.b)
    end = min(len(tokens), last.a + last.size + len(quote) - (last.b + last.size))
    words = tokens[start:end]
    passage = Passage(text[around[start].start():around[end - 1].end()], [], [], [])
    for op, a1, a2, b1, b2 in SequenceMatcher(None, words, quote, autojunk=False).get_opcodes():
        if op == "delete":
            passage.dropped += words[a1:a2]
        elif op == "insert":
            passage.added += quote[b1:b2]
        elif op == "replace":
            passage.changed.append((words[a1:a2], quote[b1:b2]))
    return passage


# -- the doctree side --------------------------------------------------------------------


@dataclass
class TextSegment:
    node: nodes.Text
    start: int  # offset of node's first character in the reading text


def reading_text(paragraphs, skip) -> tuple[str, list[TextSegment]]:
    """The reading text of some paragraphs (joined by newlines) and where each Text node
    of it starts. `skip(element)` says which elements hold no reading text."""
    parts: list[str] = []
    segments: list[TextSegment] = []
    offset = 0

    def walk(node):
        nonlocal offset
        if isinstance(node, nodes.Text):
            segments.append(TextSegment(node, offset))
            parts.append(str(node))
            offset += len(node)
        elif isinstance(node, nodes.Element) and not skip(node):
            for child in list(node.children):
                walk(child)

    for i, para in enumerate(paragraphs):
        if i:
            parts.append("\n")
            offset += 1
        walk(para)
    return "".join(parts), segments


class AnchorError(Exception):
    pass


def _split(node: nodes.Text, cuts: list[int]) -> list[nodes.Text]:
    """Replace a Text node by its pieces at the given offsets; return all pieces."""
    text = str(node)
    bounds = [0, *[c for c in cuts if 0 < c < len(text)], len(text)]
    pieces = [nodes.Text(text[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
    if len(pieces) == 1:
        return [node]
    parent = node.parent
    index = _index(parent, node)
    parent.children[index:index + 1] = []
    for k, piece in enumerate(pieces):
        parent.insert(index + k, piece)
    return pieces


def _index(parent: nodes.Element, child: nodes.Node) -> int:
    """Position of `child` by identity (Text nodes are strings: equal texts compare equal)."""
    return next(k for k, c in enumerate(parent.children) if c is child)


def _piece_at(pieces: list[nodes.Text], offset: int) -> nodes.Text:
    """The piece that starts at `offset` characters into the original node."""
    pos = 0
    for piece in pieces:
        if pos == offset:
            return piece
        pos += len(piece)
    raise AnchorError("internal: no piece at offset")


def _ancestors(node):
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


def wrap(paragraphs, skip, start: int, end: int, make_wrapper) -> nodes.Element:
    """Wrap the reading text [start, end) of `paragraphs` in the element `make_wrapper()`
    returns. Raises AnchorError when the range cannot be wrapped without breaking markup."""
    text, segments = reading_text(paragraphs, skip)
    if "\n" in text[start:end]:
        raise AnchorError("the quote runs across two paragraphs; quote within one")
    first = next(s for s in segments if s.start <= start < s.start + len(s.node))
    last = next(s for s in segments if s.start < end <= s.start + len(s.node))
    if first is last:
        cuts = [start - first.start, end - first.start]
        first_node = last_node = _piece_at(_split(first.node, cuts), cuts[0])
    else:
        first_node = _piece_at(_split(first.node, [start - first.start]), start - first.start)
        last_node = _split(last.node, [end - last.start])[0]
    chain_first, chain_last = _ancestors(first_node), _ancestors(last_node)
    common = next(a for a in chain_first if any(a is b for b in chain_last))
    if isinstance(common, nodes.Text):  # the lemma is (part of) one Text node
        common = common.parent
    if any(isinstance(a, nodes.reference) for a in _ancestors(common)):
        raise AnchorError("the quote lies inside a citation's link; quote the whole "
                          "citation, parentheses included, or words outside it")
    top_first = chain_first[_position(chain_first, common) - 1]
    top_last = chain_last[_position(chain_last, common) - 1]
    # The range must start at the start of top_first and end at the end of top_last.
    for node, top, edge in ((first_node, top_first, 0), (last_node, top_last, -1)):
        cursor = node
        while cursor is not top:
            parent = cursor.parent
            if parent.children[edge] is not cursor:  # noqa: SIM102
                raise AnchorError(
                    "the quote begins or ends inside markup (a citation, an editorial "
                    "mark or another note's lemma) and takes only part of it; extend or "
                    "shorten the quote to take all of that markup or none of it")
            cursor = parent
    i, j = _index(common, top_first), _index(common, top_last)
    wrapper = make_wrapper()
    moved = common.children[i:j + 1]
    common.children[i:j + 1] = []
    for child in moved:
        wrapper.append(child)
    common.insert(i, wrapper)
    return wrapper


def _position(chain: list, node) -> int:
    return next(k for k, a in enumerate(chain) if a is node)
