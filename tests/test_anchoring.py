"""Anchoring without Sphinx: finding quotes, marking lemmas in a doctree."""

from __future__ import annotations

from docutils import nodes

from edition.annotations.model import Selector
from edition.annotations.quotes import (
    ACROSS_PARAGRAPHS,
    INSIDE_LINK,
    PART_OF_MARKUP,
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
    outer = marks[0].wrapper
    assert marks[1].wrapper.parent is outer  # nested inside the lemma that holds it


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
    assert mark.wrapper.next_node(descend=False, siblings=True) is sign


def test_crossing_lemmas_are_refused():
    para = paragraph(nodes.Text("one two three four"))
    textmap = TextMap([para], skip)
    first, second = lemma(textmap.text, "one two three"), lemma(textmap.text, "two three four")
    place(textmap, [first, second])
    assert first.error == "" and second.error == PART_OF_MARKUP
    assert para.astext() == "one two three four"


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
