"""Anchoring without Sphinx: finding quotes, marking lemmas in a doctree."""

from __future__ import annotations

from docutils import nodes

from edition.annotations.model import Selector
from edition.annotations.quotes import (
    ACROSS_PARAGRAPHS,
    INSIDE_LINK,
    INSIDE_NAME,
    MOST_LEMMAS,
    PART_OF_MARKUP,
    SAME_WORDS,
    TOO_MANY,
    Lemma,
    TextMap,
    find,
    find_all,
    place,
)

EDITORIAL = "edition-editorial"


def skip(element: nodes.Element) -> bool:
    return EDITORIAL in element["classes"]


def paragraph(*children) -> nodes.paragraph:
    para = nodes.paragraph()
    para.extend(children)
    return para


def lemma(text: str, exact: str, key: str = "", occurrence: int = 0) -> Lemma:
    start = [i for i in range(len(text)) if text.startswith(exact, i)][occurrence]
    return Lemma(start, start + len(exact), lambda: nodes.inline(classes=["lemma"]),
                 key=key or exact)


def lemmas_of(root: nodes.Node) -> list[str]:
    return [n.astext() for n in root.findall(nodes.inline) if "lemma" in n["classes"]]


# -- finding ------------------------------------------------------------------------------


def test_find_all_quotes_at_once_with_prefix_and_suffix():
    text = "the cat sat on the mat; the cat ran"
    found = find_all(text, [Selector("the cat"), Selector("the cat", suffix=" ran"),
                            Selector("the cat", prefix="mat; "), Selector("dog"),
                            Selector("at")])
    assert found == [[0, 24], [24], [24], [], [5, 9, 20, 29]]  # c-a-t, s-a-t, m-a-t, c-a-t


def test_a_prefix_longer_than_the_text_before_never_matches():
    assert find("abc abc", Selector("abc", prefix="xx abc ")) == []


def test_overlapping_occurrences_are_all_found():
    assert find("aaaa", Selector("aa")) == [0, 1, 2]


# -- marking --------------------------------------------------------------------------------


def test_lemmas_in_one_text_node_nested_and_apart():
    para = paragraph(nodes.Text("Stalin was an instrumental figure in shaping Russia"))
    textmap = TextMap([para], skip)
    text = textmap.text
    marks = [lemma(text, "Stalin was an instrumental figure"), lemma(text, "instrumental"),
             lemma(text, "Russia")]
    place(textmap, sorted(marks, key=lambda m: m.start))
    assert [m.error for m in marks] == ["", "", ""]
    assert para.astext() == "Stalin was an instrumental figure in shaping Russia"
    assert lemmas_of(para) == ["Stalin was an instrumental figure", "instrumental", "Russia"]
    outer = marks[0].wrappers[0]
    assert marks[1].wrappers[0].parent is outer  # nested inside the lemma that holds it


def test_a_lemma_across_markup_takes_all_of_it_or_none():
    citation = nodes.inline("", "", nodes.Text("("),
                            nodes.reference("", "Rush", refuri="#rush"), nodes.Text(" 59)"))
    para = paragraph(nodes.Text("moves and actions "), citation, nodes.Text(". At once"))
    textmap = TextMap([para], skip)
    text = textmap.text
    whole = lemma(text, "actions (Rush 59)")
    half = lemma(text, "actions (Rush")
    inside = lemma(text, "Rush")
    place(textmap, sorted([whole, half, inside], key=lambda m: m.start))
    assert whole.error == ""
    assert half.error == PART_OF_MARKUP
    assert inside.error == INSIDE_LINK
    assert lemmas_of(para) == ["actions (Rush 59)"]
    assert para.astext() == "moves and actions (Rush 59). At once"


def test_editorial_signs_hold_no_text_and_stay_in_place():
    sign = nodes.inline("", " [sic]", classes=[EDITORIAL])
    para = paragraph(nodes.Text("these four tools"), sign, nodes.Text(" to his advantage"))
    textmap = TextMap([para], skip)
    assert textmap.text == "these four tools to his advantage"
    mark = lemma(textmap.text, "these four tools")
    place(textmap, [mark])
    assert mark.error == ""
    assert para.astext() == "these four tools [sic] to his advantage"
    assert mark.wrappers[0].next_node(descend=False, siblings=True) is sign


def parts_of(mark: Lemma) -> list[tuple[str, list[str], int, int]]:
    return [(w.astext(), w["ids"], w["part"], w["parts"]) for w in mark.wrappers]


def test_overlapping_lemmas_are_both_marked_the_later_in_parts():
    """Issue 20: a lemma that begins inside another and ends after it is kept, and so
    is the other; the later one is marked in two parts, the first inside the other."""
    para = paragraph(nodes.Text("one two three four"))
    textmap = TextMap([para], skip)
    make = lambda: nodes.inline(classes=["lemma"], ids=["lemma-b"])  # noqa: E731
    first = lemma(textmap.text, "one two three")
    second = Lemma(4, 18, make, key="b")
    place(textmap, [first, second])
    assert first.error == "" and second.error == ""
    assert para.astext() == "one two three four"
    assert parts_of(first) == [("one two three", [], 1, 1)]
    assert parts_of(second) == [("two three", ["lemma-b"], 1, 2),
                                (" four", ["lemma-b-part-2"], 2, 2)]
    assert second.wrappers[0].parent is first.wrappers[0]  # inside the earlier lemma
    assert second.wrappers[1].parent is para               # after it


def test_a_lemma_overlapping_two_others_is_cut_at_each():
    para = paragraph(nodes.Text("one two three four five six"))
    textmap = TextMap([para], skip)
    text = textmap.text
    outer, middle = lemma(text, "one two three four"), lemma(text, "two three")
    crossing = lemma(text, "three four five")
    place(textmap, sorted([outer, middle, crossing], key=lambda m: m.start))
    assert [m.error for m in (outer, middle, crossing)] == ["", "", ""]
    assert "".join(w.astext() for w in crossing.wrappers) == "three four five"
    assert [w.astext() for w in crossing.wrappers] == ["three", " four", " five"]
    assert para.astext() == "one two three four five six"


def test_a_lemma_that_is_a_persons_linked_name_wraps_the_link():
    """Inside a link a lemma cannot be marked; a person's name is a lemma by itself."""
    name = nodes.reference("", "", nodes.inline("", "Nikita Khrushchev",
                                                 classes=["edition-person"]), refuri="#p")
    citation = nodes.reference("", "Rush", refuri="#rush")
    para = paragraph(nodes.Text("the duration of "), name, nodes.Text("'s term ("),
                     citation, nodes.Text(" 59)"))
    textmap = TextMap([para], skip)
    person, cited = lemma(textmap.text, "Nikita Khrushchev"), lemma(textmap.text, "Rush")
    surname = lemma(textmap.text, "Khrushchev")
    place(textmap, [person, surname, cited])
    assert person.error == "" and person.wrappers[0].children == [name]
    assert cited.error == INSIDE_LINK  # a citation's link: the whole citation is quoted
    # Part of a name: the message speaks of the name, not of a citation.
    assert surname.error == INSIDE_NAME and "whole name" in INSIDE_NAME


def test_a_lemma_across_paragraphs_is_refused():
    paras = [paragraph(nodes.Text("the end of one")), paragraph(nodes.Text("and the next"))]
    textmap = TextMap(paras, skip)
    mark = lemma(textmap.text, "one\nand")
    place(textmap, [mark])
    assert mark.error == ACROSS_PARAGRAPHS
    assert textmap.paragraph_of(textmap.text.index("next")) == 1


def test_many_lemmas_in_one_paragraph_each_wrapped_once():
    sentences = [f"Sentence {i} says {i}." for i in range(2000)]
    para = paragraph(nodes.Text(" ".join(sentences)))
    textmap = TextMap([para], skip)
    selectors = [Selector(s) for s in sentences]
    found = find_all(textmap.text, selectors)
    assert all(len(f) == 1 for f in found)
    marks = [Lemma(f[0], f[0] + len(s.exact), lambda: nodes.inline(classes=["lemma"]))
             for f, s in zip(found, selectors, strict=True)]
    place(textmap, marks)
    assert lemmas_of(para) == sentences
    assert para.astext() == " ".join(sentences)


def test_at_most_twenty_lemmas_on_the_same_words_the_rest_refused():
    """A thousand notes on the same words nested a thousand wrappers deep, and docutils
    (its walks recurse) failed with a RecursionError that named no file (issue 29). The
    first twenty are marked; each of the others is refused, and told what to do."""
    para = paragraph(nodes.Text("before the same words after"))
    textmap = TextMap([para], skip)
    marks = [lemma(textmap.text, "the same words", key=str(i)) for i in range(1000)]
    place(textmap, marks)
    assert [m.error for m in marks[:MOST_LEMMAS]] == [""] * MOST_LEMMAS
    assert {m.error for m in marks[MOST_LEMMAS:]} == {SAME_WORDS}
    assert "merge this note into one of them, or quote other words" in SAME_WORDS
    assert lemmas_of(para) == ["the same words"] * MOST_LEMMAS
    assert para.astext() == "before the same words after"


def test_lemmas_nested_ever_deeper_stop_at_twenty():
    """Not only the same words: each quote a letter shorter than the last, nested."""
    text = "x" * 1200
    para = paragraph(nodes.Text(text))
    textmap = TextMap([para], skip)
    marks = [Lemma(0, 1200 - i, lambda: nodes.inline(classes=["lemma"]), key=i)
             for i in range(1000)]
    place(textmap, marks)
    assert [m.error for m in marks[:MOST_LEMMAS]] == [""] * MOST_LEMMAS
    assert {m.error for m in marks[MOST_LEMMAS:]} == {TOO_MANY}
    assert para.astext() == text
    # Lemmas side by side are not in each other: any number of them.
    side = [Lemma(i, i + 1, lambda: nodes.inline(classes=["lemma"])) for i in range(1200)]
    para = paragraph(nodes.Text(text))
    place(TextMap([para], skip), side)
    assert all(m.error == "" for m in side)
