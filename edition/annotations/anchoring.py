"""Annotations in the write phase: each held note anchored to its lemma, numbered in
text order, and set after the paragraph its lemma is in.

A post-transform after references are resolved, so that citations read as readers
see them. Every note of a chapter is found in one pass over its reading text and
every lemma marked in one pass over the paragraphs (``quotes.py``).
"""

from __future__ import annotations

import functools
from typing import cast

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition.annotations import quotes
from edition.annotations.holding import HOLDER_CLASS
from edition.annotations.model import Selector
from edition.annotations.nodes import annotated, annotation, annotation_notes, annotation_ref
from edition.doctree import EDITORIAL
from edition.domain import edition_domain
from edition.messages import Subtype, warn
from edition.text.readingtext import essay_paragraphs


def _skip(element: nodes.Element) -> bool:
    """Elements whose text is not the essay's: editorial signs, note numbers, notes."""
    return EDITORIAL in element["classes"] or isinstance(element, annotation)


def _essay(env: BuildEnvironment, docname: str, text: str) -> list[tuple[str, str]]:
    """Every essay chapter and its words, in the essay's order: this one's reading
    text, the others' witness paragraphs (close enough to say where a quote stands)."""
    domain = edition_domain(env)
    texts = domain.witness_texts()
    return [(chapter, text if chapter == docname else texts.get(chapter, ""))
            for chapter in domain.essay_chapters()]


def _lemma_of(note: annotation) -> annotation_ref:
    """The element that wraps a note's lemma in the text."""
    return annotation_ref(annotation=note["annotation"], type=note["type"],
                          ids=[f"lemma-{note['annotation']}"])


class AnchorAnnotations(SphinxPostTransform):
    """Find each held note's lemma, number the notes, place them after their paragraph."""

    # After ReferencesResolver (10): citations then read as readers see them.
    default_priority = 20

    def run(self, **kwargs) -> None:
        for holder in list(self.document.findall(annotation_notes)):
            if HOLDER_CLASS in holder["classes"]:
                self.anchor(holder)

    def anchor(self, holder: annotation_notes) -> None:
        section = holder.parent
        paragraphs = [p for p in essay_paragraphs(section) if p.parent is section]
        textmap = quotes.TextMap(paragraphs, _skip)
        notes = [n for n in holder.children if isinstance(n, annotation)]
        selectors = [Selector(n["exact"], n["prefix"], n["suffix"]) for n in notes]
        lemmas: list[quotes.Lemma] = []
        for note, selector, starts in zip(notes, selectors,
                                          quotes.find_all(textmap.text, selectors),
                                          strict=True):
            if len(starts) == 1:
                lemmas.append(quotes.Lemma(
                    starts[0], starts[0] + len(selector.exact), key=note,
                    make_wrapper=functools.partial(_lemma_of, note)))
            else:
                self.not_once(note, selector, textmap.text, len(starts))
        lemmas.sort(key=lambda lemma: lemma.start)
        quotes.place(textmap, lemmas)
        notes_by_paragraph: dict[int, list[annotation]] = {}
        number = 0
        for lemma in lemmas:
            note = cast(annotation, lemma.key)
            if lemma.error:
                warn(f"the quote {note['exact']!r} cannot be marked: {lemma.error}",
                     Subtype.anchor, location=f"{note['file']}:{note['exact_line']}")
                continue
            number += 1
            note["number"] = number
            note["parts"] = len(lemma.wrappers)  # more than one where lemmas overlap
            for wrapper in lemma.wrappers:
                wrapper["number"] = number
            notes_by_paragraph.setdefault(textmap.paragraph_of(lemma.start), []).append(note)
        section.remove(holder)
        for index, placed in notes_by_paragraph.items():
            paragraph = paragraphs[index]
            box = annotated()
            # Not replace_self(): it would move the paragraph's ids onto the box.
            parent = paragraph.parent
            position = parent.index(paragraph)
            parent.children[position] = box
            box.parent = parent
            box += paragraph
            box += annotation_notes("", *placed, classes=[EDITORIAL])

    def not_once(self, note: annotation, selector: Selector, text: str, count: int) -> None:
        where = f"{note['file']}:{note['exact_line']}"
        if count:
            warn(f"the quote {selector.exact!r} occurs {count} times in {note['chapter']}; "
                 "add a `prefix` (the words just before it) or a `suffix` (just after it) "
                 "so that it occurs once", Subtype.anchor, location=where)
            return
        # Imported only for a quote that fails: rapidfuzz is not needed by a clean build.
        from edition.annotations import hints

        essay = _essay(self.env, note["chapter"], text)
        others = {chapter: words for chapter, words in essay if chapter != note["chapter"]}
        found = hints.near_miss_hints(text, selector, others, essay, note["chapter"])
        hint = (" Perhaps " + "; or ".join(found) + ".") if found else ""
        warn(f"the quote {selector.exact!r} is not in {note['chapter']}.{hint}",
             Subtype.anchor, location=where)
