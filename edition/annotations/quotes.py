"""Where each quote stands in a chapter's reading text, exactly or not at all, and its
lemma marked, in time linear in the chapter and its notes (no Sphinx).

The reading text an annotation quotes is the essay's words as readers see them
(regularized citations and corrected slips included), without editorial signs such as
the lacuna sign. A quote must match exactly once (``find_all``); its lemma is then
marked in the doctree (``place``). Why a quote that does not match might have been
meant to is ``hints.py``'s business.

- :class:`TextMap` walks the chapter's paragraphs once: the reading text, and the
  offsets of every node's text in it.
- :func:`find_all` finds every note's quote in one pass over the text (an Aho–Corasick
  automaton over all the quotes: pyahocorasick).
- :func:`place` marks every lemma in one pass over each element that holds one: the
  Text nodes are split at every lemma's edges at once, and the wrappers are built from
  the pieces with a stack, so nested lemmas nest. Lemmas that overlap (one begins inside
  another and ends after it, as in any critical edition) are both kept: the one that
  begins later is marked in parts, the first inside the other lemma, the rest after it
  (each part a wrapper; the first keeps the ids, the next ones get "-part-2", ...).
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import cast

import ahocorasick
from docutils import nodes

from edition.annotations.model import Selector
from edition.doctree import PERSON

# -- finding -------------------------------------------------------------------------------


def find_all(text: str, selectors: Sequence[Selector]) -> list[list[int]]:
    """For each selector, the offsets where it matches: its exact text, preceded by its
    prefix and followed by its suffix (W3C TextQuoteSelector semantics)."""
    exacts = {s.exact for s in selectors if s.exact}
    starts: dict[str, list[int]] = {exact: [] for exact in exacts}
    if exacts:
        automaton = ahocorasick.Automaton()
        for exact in exacts:
            automaton.add_word(exact, exact)
        automaton.make_automaton()
        for end, exact in automaton.iter(text):
            starts[exact].append(end - len(exact) + 1)
    return [
        [i for i in starts.get(s.exact, [])
         if text.startswith(s.prefix, i - len(s.prefix)) and i >= len(s.prefix)
         and text.startswith(s.suffix, i + len(s.exact))]
        for s in selectors
    ]


def find(text: str, selector: Selector) -> list[int]:
    """The offsets where one selector matches."""
    return find_all(text, [selector])[0]


# -- the doctree side ---------------------------------------------------------------------


class TextMap:
    """The reading text of some paragraphs (joined by newlines), and the span of every
    node's text in it. `skip(element)` says which elements hold no reading text (they
    keep their place, with an empty span)."""

    def __init__(self, paragraphs: Sequence[nodes.Element],
                 skip: Callable[[nodes.Element], bool]) -> None:
        self.paragraphs = list(paragraphs)
        self.skip = skip
        self.spans: dict[int, tuple[int, int]] = {}
        self.paragraph_starts: list[int] = []
        parts: list[str] = []
        offset = 0
        for i, para in enumerate(self.paragraphs):
            if i:
                parts.append("\n")
                offset += 1
            self.paragraph_starts.append(offset)
            offset = self._walk(para, offset, parts)
        self.text = "".join(parts)

    def _walk(self, node: nodes.Node, offset: int, parts: list[str]) -> int:
        start = offset
        if isinstance(node, nodes.Text):
            parts.append(str(node))
            offset += len(node)
        elif isinstance(node, nodes.Element) and not self.skip(node):
            for child in node.children:
                offset = self._walk(child, offset, parts)
        self.spans[id(node)] = (start, offset)
        return offset

    def paragraph_of(self, offset: int) -> int:
        """The index of the paragraph the offset lies in."""
        return bisect.bisect_right(self.paragraph_starts, offset) - 1


@dataclass
class Lemma:
    """The text [start, end) to wrap in the element `make_wrapper()` gives (in several,
    in order, where it overlaps another lemma: `wrappers`)."""

    start: int
    end: int
    make_wrapper: Callable[[], nodes.Element]
    key: object = None
    error: str = ""
    wrappers: list[nodes.Element] = field(default_factory=list, repr=False)


ACROSS_PARAGRAPHS = "the quote runs across two paragraphs; quote within one"
INSIDE_LINK = ("the quote lies inside a citation's link; quote the whole citation, "
               "parentheses included, or words outside it")
INSIDE_NAME = ("the quote takes part of a name linked to the index of persons; quote the "
               "whole name, or words outside it")
PART_OF_MARKUP = ("the quote begins or ends inside markup (a citation, a link or an "
                  "editorial mark) and takes only part of it; extend or shorten the quote "
                  "to take all of that markup or none of it")


#: The most lemmas one letter can be in: a lemma in another is a wrapper in its wrapper,
#: and docutils' walks recurse, so a doctree nested hundreds deep breaks the build.
MOST_LEMMAS = 20
SAME_WORDS = (f"{MOST_LEMMAS} other notes already quote exactly these words, the most one "
              "passage can carry; merge this note into one of them, or quote other words")
TOO_MANY = (f"these words already lie in {MOST_LEMMAS} other notes' lemmas, the most one "
            "passage can carry; merge this note into one of them, or quote other words")


def place(textmap: TextMap, lemmas: Sequence[Lemma]) -> None:
    """Wrap every lemma; a lemma that cannot be wrapped gets its `error` instead."""
    by_paragraph: dict[int, list[Lemma]] = {}
    for lemma in lemmas:
        first = textmap.paragraph_of(lemma.start)
        if first != textmap.paragraph_of(max(lemma.start, lemma.end - 1)):
            lemma.error = ACROSS_PARAGRAPHS
            continue
        by_paragraph.setdefault(first, []).append(lemma)
    for index, found in by_paragraph.items():
        found = _at_most(found, MOST_LEMMAS)
        _place_in(textmap, textmap.paragraphs[index], found, inside_link=None)


def _at_most(lemmas: list[Lemma], most: int) -> list[Lemma]:
    """The lemmas, less those that would put a letter in more than `most` (these get
    their `error`), taken in text order, the longest first, as they nest."""
    open_spans: list[tuple[int, int]] = []  # (end, start) of the lemmas kept: a heap
    for lemma in sorted(lemmas, key=lambda lemma: (lemma.start, -lemma.end)):  # stable
        while open_spans and open_spans[0][0] <= lemma.start:
            heapq.heappop(open_spans)
        if len(open_spans) < most:
            heapq.heappush(open_spans, (lemma.end, lemma.start))
        else:
            lemma.error = TOO_MANY if (lemma.end, lemma.start) not in open_spans \
                else SAME_WORDS
    return [lemma for lemma in lemmas if not lemma.error]


def _place_in(textmap: TextMap, element: nodes.Element, lemmas: list[Lemma],
              inside_link: nodes.reference | None) -> None:
    children = list(element.children)
    # Children outside the reading text (skipped) stand where the text before them ends.
    position = textmap.spans[id(element)][0]
    spans: list[tuple[int, int]] = []
    for child in children:
        span = textmap.spans.get(id(child))
        if span is None or (span[0] == span[1] and not isinstance(child, nodes.Text)):
            span = (position, position)
        spans.append(span)
        position = span[1]
    filled = [k for k, (a, b) in enumerate(spans) if b > a]
    starts = [spans[k][0] for k in filled]

    def child_at(offset: int) -> int:
        return filled[bisect.bisect_right(starts, offset) - 1]

    delegated: dict[int, list[Lemma]] = {}
    here: list[tuple[Lemma, int, int]] = []
    for lemma in lemmas:
        first, last = child_at(lemma.start), child_at(lemma.end - 1)
        first_child = children[first]
        if first == last and isinstance(first_child, nodes.Element) \
                and not _whole_link(first_child, spans[first], lemma):
            delegated.setdefault(first, []).append(lemma)
            continue
        if inside_link:
            lemma.error = INSIDE_NAME if _is_persons_name(inside_link) else INSIDE_LINK
        elif (lemma.start > spans[first][0] and not isinstance(children[first], nodes.Text)) \
                or (lemma.end < spans[last][1] and not isinstance(children[last], nodes.Text)):
            lemma.error = PART_OF_MARKUP
        else:
            here.append((lemma, first, last))
    for k, inner in delegated.items():
        child = cast(nodes.Element, children[k])  # only elements are delegated to
        link = child if isinstance(child, nodes.reference) else None
        _place_in(textmap, child, inner, inside_link or link)
    if here:
        _wrap_here(element, children, spans, here)


def _whole_link(child: nodes.Element, span: tuple[int, int], lemma: Lemma) -> bool:
    """A lemma that is exactly a person's name, linked to the index of persons, wraps
    the link (inside it, the lemma would be part of the link). A citation's link is
    not a lemma by itself: the whole citation is."""
    return (isinstance(child, nodes.reference) and (lemma.start, lemma.end) == span
            and _is_persons_name(child))


def _is_persons_name(link: nodes.reference) -> bool:
    return any(PERSON in inline["classes"] for inline in link.findall(nodes.inline))


def _atoms(children: list[nodes.Node], spans: list[tuple[int, int]],
           here: list[tuple[Lemma, int, int]]) -> list[tuple[nodes.Node, int, int]]:
    """The element's children with each Text split at every lemma edge inside it, each
    piece with its span in the reading text."""
    cuts: dict[int, set[int]] = {}
    for lemma, first, last in here:
        cuts.setdefault(first, set()).add(lemma.start)
        cuts.setdefault(last, set()).add(lemma.end)
    atoms: list[tuple[nodes.Node, int, int]] = []
    for k, child in enumerate(children):
        a, b = spans[k]
        inner = sorted(c for c in cuts.get(k, ()) if a < c < b)
        if isinstance(child, nodes.Text) and inner:
            text = str(child)
            bounds = [a, *inner, b]
            atoms += [(nodes.Text(text[x - a:y - a]), x, y)
                      for x, y in zip(bounds, bounds[1:], strict=False)]
        else:
            atoms.append((child, a, b))
    return atoms


def _openings(atoms: list[tuple[nodes.Node, int, int]],
              here: list[tuple[Lemma, int, int]]) -> dict[int, list[tuple[int, nodes.Element]]]:
    """For each atom, the wrappers that open at it, each with the atom it closes at.
    Lemmas nest or stand apart; one that crosses another's end is cut there, its rest
    taken up again after it (and cut again if it crosses another)."""
    first_at = {a: i for i, (_, a, b) in reversed(list(enumerate(atoms))) if b > a}
    last_at = {b: i for i, (_, a, b) in enumerate(atoms) if b > a}
    # By first atom, the longest first (it holds the others), then in the given order.
    waiting = [(first_at[lemma.start], -last_at[lemma.end], order, lemma)
               for order, (lemma, _, _) in enumerate(here)]
    heapq.heapify(waiting)
    opening: dict[int, list[tuple[int, nodes.Element]]] = {}
    open_ends: list[int] = []
    while waiting:
        i, minus_j, order, lemma = heapq.heappop(waiting)
        j = -minus_j
        while open_ends and open_ends[-1] < i:
            open_ends.pop()
        if open_ends and j > open_ends[-1]:  # overlaps the lemma open around it
            heapq.heappush(waiting, (open_ends[-1] + 1, minus_j, order, lemma))
            j = open_ends[-1]
        open_ends.append(j)
        opening.setdefault(i, []).append((j, _part(lemma)))
    for lemma, _, _ in here:
        for wrapper in lemma.wrappers:
            wrapper["parts"] = len(lemma.wrappers)
    return opening


def _part(lemma: Lemma) -> nodes.Element:
    """The wrapper of the lemma's next part: its ids on the first, then "-part-2"..."""
    wrapper = lemma.make_wrapper()
    lemma.wrappers.append(wrapper)
    count = len(lemma.wrappers)
    wrapper["part"] = count
    if count > 1:
        wrapper["ids"] = [f"{ident}-part-{count}" for ident in lemma.wrappers[0]["ids"]]
    return wrapper


def _wrap_here(element: nodes.Element, children: list[nodes.Node],
               spans: list[tuple[int, int]], here: list[tuple[Lemma, int, int]]) -> None:
    """Rebuild the element's children: Text split at every lemma's edges, lemmas wrapped
    around the pieces, nested lemmas inside the lemmas that hold them."""
    atoms = _atoms(children, spans, here)
    opening = _openings(atoms, here)
    result: list[nodes.Node] = []
    stack: list[tuple[int, nodes.Element]] = []

    def add(node: nodes.Node) -> None:
        if stack:
            stack[-1][1].append(node)
        else:
            result.append(node)

    for index, (atom, _, _) in enumerate(atoms):
        for j, wrapper in opening.get(index, []):
            add(wrapper)
            stack.append((j, wrapper))
        add(atom)
        while stack and stack[-1][0] == index:
            stack.pop()
    element.children = []
    element.extend(result)
