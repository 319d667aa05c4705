"""Synthetic editions for the benchmark: N notes over C chapters, and the same notes
written the way a plain Sphinx project would (MyST footnotes + sphinxcontrib-bibtex).

Each chapter gives one witness paragraph; every sentence of it carries one note, and
every note cites four works. The baseline has the same chapters, the same sentences
and the same note texts, as footnotes, with the same citations: the work is the same,
only the machinery differs.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKS = 8  # records in the bibliography; each note cites four of them

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


def _note_body(chapter: int, i: int) -> str:
    keys = [f"work{(chapter + i + k) % WORKS}" for k in range(4)]
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


def _counts(notes: int, chapters: int) -> list[int]:
    per, extra = divmod(notes, chapters)
    return [per + (1 if c < extra else 0) for c in range(chapters)]


def _common(dest: Path, chapters: int) -> None:
    (dest / "chapters").mkdir(parents=True)
    (dest / "references.bib").write_text(_bibliography(), encoding="utf-8")
    toc = "\n".join(f"chapters/{c:04d}" for c in range(1, chapters + 1))
    (dest / "index.md").write_text(
        f"# Synthetic edition\n\n```{{toctree}}\n{toc}\nchapters/works\n```\n",
        encoding="utf-8")
    (dest / "chapters" / "works.md").write_text(
        "# Works cited\n\n```{bibliography}\n:all:\n```\n", encoding="utf-8")


def make_edition(dest: Path, notes: int, chapters: int) -> Path:
    """The edition's way: chapters from the witness, one annotation file per note."""
    _common(dest, chapters)
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
                f'  exact: "{sentence}"\n---\n{_note_body(c, i)}\n', encoding="utf-8")
    (dest / "witness" / "witness.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    (dest / "conf.py").write_text(CONF_EDITION.format(root=str(ROOT)), encoding="utf-8")
    return dest


def make_baseline(dest: Path, notes: int, chapters: int, cached: bool = False) -> Path:
    """Plain Sphinx's way: the same sentences, each with a MyST footnote holding the
    same note. `cached` adds the edition's pybtex plugin-lookup cache, and nothing else
    of the edition."""
    _common(dest, chapters)
    for c, count in enumerate(_counts(notes, chapters), 1):
        text = " ".join(f"{_sentence(c, i)}[^n{i}]" for i in range(count))
        notes_md = "\n".join(f"[^n{i}]: {_note_body(c, i)}" for i in range(count))
        (dest / "chapters" / f"{c:04d}.md").write_text(
            f"# Chapter {c}\n\n{text}\n\n{notes_md}\n", encoding="utf-8")
    extra = ', "edition.bibliography.plugincache"' if cached else ""
    (dest / "conf.py").write_text(CONF_BASELINE.format(root=str(ROOT), extra=extra),
                                  encoding="utf-8")
    return dest
