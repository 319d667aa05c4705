"""Why a quote does not anchor: the near misses people make most, else the closest
words of the chapter and the difference word by word; and which record a citation key
that is not found was meant to name.

rapidfuzz finds the closest passage (an alignment of the quote against the text), and
difflib compares the words; neither runs unless a quote has failed to anchor.
"""

from __future__ import annotations

import itertools
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches

from edition.annotations.model import Selector
from edition.domain import cite_domain

QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'",
                        "\u2026": "...", "\u2013": "-", "\u2014": "-"})
SPACES = re.compile(r"\s+")


def _fold(s: str, how: str) -> str:
    if how in {"quotes", "all"}:
        s = s.translate(QUOTES)
    if how in {"spaces", "all"}:
        s = SPACES.sub(" ", s).strip()
    if how in {"case", "all"}:
        s = s.casefold()
    return unicodedata.normalize("NFC", s)


def near_miss_hints(text: str, selector: Selector, elsewhere: dict[str, str] | None = None,
                    essay: Sequence[tuple[str, str]] = (), chapter: str = "") -> list[str]:
    """Why a quote that does not match might have been meant to. `elsewhere` maps the
    other chapters to their text, to say when the quote stands in another one; `essay`
    is every chapter and its text in the essay's order (`chapter`, the note's, among
    them), to say when it runs from one into the next."""
    exact = selector.exact
    if exact in text:
        return ["the quote is found, but not with this prefix/suffix: check them"]
    for other_chapter, other in (elsewhere or {}).items():
        if exact in other or _fold(exact, "all") in _fold(other, "all"):
            return [f"the quote is in {other_chapter}: set `target.chapter` to "
                    f"{other_chapter}"]
    across = across_chapters(exact, essay, chapter)
    if across:
        return [across]
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


def across_chapters(exact: str, essay: Sequence[tuple[str, str]], chapter: str = "",
                    longest: int = 2000) -> str | None:
    """What to do with a quote that begins at the end of one chapter and goes on at the
    start of the next (a quote of `longest` characters or fewer: it is tried at each
    space)."""
    quote = SPACES.sub(" ", exact).strip()
    if len(quote) > longest:
        return None
    texts = [(name, SPACES.sub(" ", text).strip()) for name, text in essay]
    for (first, end), (second, start) in itertools.pairwise(texts):
        for cut in (i for i, char in enumerate(quote) if char == " "):
            head, tail = quote[:cut], quote[cut + 1:]
            if end.endswith(head) and start.startswith(tail):
                return (f"the quote runs past the end of {first} into the next chapter, "
                        f"{second}; a note's words must lie within one chapter: quote only "
                        f"the words in {first} (\u201c{head}\u201d{_set(first, chapter)}), "
                        f"or only those in {second} (\u201c{tail}\u201d"
                        f"{_set(second, chapter)})")
    return None


def _set(chapter: str, target: str) -> str:
    return "" if chapter == target else f", with `target.chapter` set to {chapter}"


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
    from rapidfuzz import fuzz

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


# -- citation keys ------------------------------------------------------------------------


def key_hint(key: str, keys: Iterable[str]) -> str:
    """ "did you mean `key`?" for a citation key no record has, where a record's key
    differs from it only in letter case (or by a slip of a letter or two); else ""."""
    keys = list(keys)
    same = [k for k in keys if k.casefold() == key.casefold() and k != key]
    close = same or get_close_matches(key, keys, n=1, cutoff=0.85)
    return f"did you mean `{close[0]}`?" if close else ""


#: The loggers of sphinxcontrib-bibtex that say 'could not find bibtex key "…"'.
KEY_LOGGERS = ("sphinx.sphinxcontrib.bibtex.domain", "sphinx.sphinxcontrib.bibtex.foot_roles")


class KeyHints(logging.Filter):
    """Adds :func:`key_hint` to sphinxcontrib-bibtex's own message for a key it cannot
    find, which stays one message (the records' keys are the build's, found through
    the citation's node)."""

    def filter(self, record: logging.LogRecord) -> bool:
        missing = re.fullmatch(r'could not find bibtex key "(.+)"', str(record.msg))
        document = getattr(getattr(record, "location", None), "document", None)
        env = getattr(getattr(document, "settings", None), "env", None)
        if missing and not record.args and env is not None:
            entries = cite_domain(env).bibdata.data.entries
            hint = key_hint(missing.group(1), entries.keys())
            record.msg = f"{record.msg}; {hint}" if hint else record.msg
        return True


def add_key_hints() -> None:
    """Give sphinxcontrib-bibtex's message for a key not found its "did you mean"."""
    for name in KEY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, KeyHints) for f in logger.filters):
            logger.addFilter(KeyHints())
