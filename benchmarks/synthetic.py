"""Synthetic editions for the benchmark: N notes over C chapters, and the same notes
written the way a plain Sphinx project would (MyST footnotes + sphinxcontrib-bibtex).

Each chapter gives one witness paragraph; every sentence of it carries one note, and
every note cites four works. The baseline has the same chapters, the same sentences
and the same note texts, as footnotes, with the same citations: the work is the same,
only the machinery differs.

The works are either eight made-up books (:data:`SYNTHETIC_WORKS`) or the real edition's
own records (:func:`real_works`: ``references.bib``, every type of record it has, in its
MLA style), so that the formatting of real citations is measured too.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKS = 8  # made-up records in the synthetic bibliography


@dataclass(frozen=True)
class Works:
    """The records a synthetic edition cites: their keys and the .bib file's text, and
    the styles the baseline formats them in (the edition always uses its MLA styles)."""

    keys: tuple[str, ...]
    bib: str
    baseline_styles: str = ""

    @property
    def fewest_notes(self) -> int:
        """The fewest notes that cite every record (note i of a chapter cites records
        i to i+3): the edition rightly warns of a record nothing cites, and the check
        would fail."""
        return max(1, len(self.keys) - 3)


#: The baseline in the edition's own MLA styles (registered by importing them, nothing
#: else of the edition), so that both format every citation the same way: pybtex's
#: default style cannot format some of the edition's record types at all.
MLA_BASELINE = """\
from edition.bibliography import styles as _mla
_mla.register()
bibtex_default_style = "mla"
bibtex_reference_style = "mla"
"""


def real_works() -> Works:
    """The real edition's records, every one of them cited."""
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    return Works(tuple(re.findall(r"^@\w+\{([^,\s]+),", bib, re.MULTILINE)), bib,
                 MLA_BASELINE)

CONF_COMMON = """\
import sys
sys.path.insert(0, {root!r})
project = "Synthetic edition"
include_patterns = ["index.md", "chapters/**"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
nitpicky = True
"""

CONF_EDITION = CONF_COMMON + """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_default_style = "mla"
bibtex_reference_style = "mla"
edition_witness = "witness/witness.txt"
"""

CONF_BASELINE = CONF_COMMON + """\
extensions = ["myst_parser", "sphinxcontrib.bibtex"{extra}]
"""


def _sentence(chapter: int, i: int) -> str:
    return f"In chapter {chapter} sentence {i} tells of event {chapter * 100000 + i}."


def _note_body(chapter: int, i: int, works: Works) -> str:
    keys = [works.keys[(chapter + i + k) % len(works.keys)] for k in range(4)]
    cites = ", ".join(f"{{cite:p}}`{key}`" for key in keys)
    return f"A note on event {chapter * 100000 + i}, which four works discuss: {cites}."


def _bibliography() -> str:
    return "".join(textwrap.dedent(f"""\
        @book{{work{k},
          author    = {{Author{k}, Ann}},
          title     = {{A Study of Events, Volume {k}}},
          publisher = {{University Press}},
          year      = {{{2000 + k}}},
        }}

        """) for k in range(WORKS))


SYNTHETIC_WORKS = Works(tuple(f"work{k}" for k in range(WORKS)), _bibliography())


def _counts(notes: int, chapters: int) -> list[int]:
    per, extra = divmod(notes, chapters)
    return [per + (1 if c < extra else 0) for c in range(chapters)]


def _common(dest: Path, chapters: int, works: Works) -> None:
    (dest / "chapters").mkdir(parents=True)
    (dest / "references.bib").write_text(works.bib, encoding="utf-8")
    toc = "\n".join(f"chapters/{c:04d}" for c in range(1, chapters + 1))
    (dest / "index.md").write_text(
        f"# Synthetic edition\n\n```{{toctree}}\n{toc}\nchapters/works\n```\n",
        encoding="utf-8")
    (dest / "chapters" / "works.md").write_text(
        "# Works cited\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")


def make_edition(dest: Path, notes: int, chapters: int,
                 works: Works = SYNTHETIC_WORKS) -> Path:
    """The edition's way: chapters from the witness, one annotation file per note."""
    _common(dest, chapters, works)
    (dest / "annotations").mkdir()
    (dest / "witness").mkdir()
    paragraphs = []
    for c, count in enumerate(_counts(notes, chapters), 1):
        sentences = [_sentence(c, i) for i in range(count)]
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        (dest / "chapters" / f"{c:04d}.md").write_text(
            f"---\nwitness-paragraph: {c}\n---\n\n# [Chapter {c}]\n\n{paragraph}\n",
            encoding="utf-8")
        for i, sentence in enumerate(sentences):
            (dest / "annotations" / f"n{c}-{i}.md").write_text(
                f"---\nid: n{c}-{i}\ntype: commentary\nauthors:\n  - name: A. Editor\n"
                f"date: 2026-11-26\ntarget:\n  chapter: chapters/{c:04d}\n"
                f'  exact: "{sentence}"\n---\n{_note_body(c, i, works)}\n', encoding="utf-8")
    (dest / "witness" / "witness.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    (dest / "conf.py").write_text(CONF_EDITION.format(root=str(ROOT)), encoding="utf-8")
    return dest


def make_baseline(dest: Path, notes: int, chapters: int, cached: bool = False,
                  works: Works = SYNTHETIC_WORKS) -> Path:
    """Plain Sphinx's way: the same sentences, each with a MyST footnote holding the
    same note. `cached` adds the edition's pybtex plugin-lookup cache, and nothing else
    of the edition."""
    _common(dest, chapters, works)
    for c, count in enumerate(_counts(notes, chapters), 1):
        text = " ".join(f"{_sentence(c, i)}[^n{i}]" for i in range(count))
        notes_md = "\n".join(f"[^n{i}]: {_note_body(c, i, works)}" for i in range(count))
        (dest / "chapters" / f"{c:04d}.md").write_text(
            f"# Chapter {c}\n\n{text}\n\n{notes_md}\n", encoding="utf-8")
    extra = ', "edition.bibliography.plugincache"' if cached else ""
    (dest / "conf.py").write_text(CONF_BASELINE.format(root=str(ROOT), extra=extra)
                                  + works.baseline_styles, encoding="utf-8")
    return dest
