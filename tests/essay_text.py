"""Compare the essay's words in an output with the witness's words.

The essay must reach readers whole and unaltered in every format. Outside the
editorial additions (headings, lacuna signs, later notes), an output's essay text must
consist of exactly the witness's words, in order; the only witness words allowed to be
missing are those the recorded interventions account for (so far, the host's marker).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from edition.text.chapters import PARAGRAPH_KEY, front_matter, regularizations
from edition.text.witness import witness_paragraphs
from tests.outputs import ROOT, WITNESS_PATH, project_setting, words

#: Elements that carry editorial matter, never the author's words.
EDITORIAL_SELECTORS = ["h1", "h2", "h3", ".headerlink", ".edition-editorial"]


@dataclass(frozen=True)
class EssayChapter:
    docname: str  # e.g. "chapters/01-stalins-legacy"
    path: Path
    paragraph: int  # 1-based number of the witness paragraph it gives


def essay_chapters(root: Path = ROOT) -> list[EssayChapter]:
    """The edition's essay chapters (those whose front matter names a witness
    paragraph), in the witness's order, read from their files."""
    found = []
    for path in sorted((root / "chapters").glob("*.md")):
        meta = front_matter(path.read_text(encoding="utf-8"))
        if PARAGRAPH_KEY in meta:
            docname = path.relative_to(root).with_suffix("").as_posix()
            found.append(EssayChapter(docname, path, int(meta[PARAGRAPH_KEY])))
    return sorted(found, key=lambda c: c.paragraph)


def witness_words(chapter: EssayChapter) -> list[str]:
    """The words of the chapter's witness paragraph as the reading text should give
    them: the host's marker left out, regularized citations in their regularized form."""
    text = witness_paragraphs(WITNESS_PATH)[chapter.paragraph - 1]
    for kind in project_setting("edition_lacunae").values():
        if kind["witness"]:
            text = text.replace(kind["witness"], " ")
    meta = front_matter(chapter.path.read_text(encoding="utf-8"))
    for reg in regularizations(meta):
        assert text.count(reg.witness) == 1, reg
        text = text.replace(reg.witness, reg.reading)
    return words(text)


def essay_words_in_markup(markup: bytes | str, main_selector: str) -> list[str]:
    """The non-editorial words of the main content of an HTML or XHTML page."""
    soup = BeautifulSoup(markup, "lxml")
    main = soup.select_one(main_selector)
    assert main is not None, f"no {main_selector!r} in page"
    for selector in EDITORIAL_SELECTORS:
        for element in main.select(selector):
            element.decompose()
    return words(main.get_text(" "))


def dehyphenate(text: str, vocabulary: set[str]) -> str:
    """Undo LaTeX's line-end hyphenation where the joined word is a word of the witness."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if out and out[-1].endswith("-") and line[:1].isalpha():
            head = words(out[-1])[-1] if words(out[-1]) else ""
            tail = words(line)[0]
            if head + tail in vocabulary:
                out[-1] = out[-1][:-1] + line
                continue
        out.append(line)
    return "\n".join(out)


def _same_word(pdf_word: str, word: str) -> bool:
    """Equal, or equal but for a note number set right after the word ("At2", "19582")."""
    return pdf_word == word or (pdf_word.startswith(word) and pdf_word[len(word):].isdigit())


def align_in_pdf(pdf_words: list[str], expected: list[str], furniture: set[str]) -> str | None:
    """Find `expected` in `pdf_words`, allowing only page furniture (running heads, page
    numbers) between its words. Return None when found, else a description of the best
    failed attempt."""
    best: tuple[int, str] = (-1, "the paragraph's first words were not found")
    lowered_furniture = {w.lower() for w in furniture}
    for start in range(len(pdf_words)):
        if not _same_word(pdf_words[start], expected[0]):
            continue
        i, j = 0, start
        while i < len(expected) and j < len(pdf_words):
            if _same_word(pdf_words[j], expected[i]):
                i += 1
            elif not (pdf_words[j].lower() in lowered_furniture or pdf_words[j].isdigit()):
                break
            j += 1
        if i == len(expected):
            return None
        if i > best[0]:
            got = " ".join(pdf_words[j : j + 8])
            want = " ".join(expected[i : i + 8])
            best = (i, f"after {i} words, expected {want!r} but the PDF has {got!r}")
    return best[1]
