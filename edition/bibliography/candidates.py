"""The essay's ambiguous citations keep every candidate, in every format.

The essay's "(Rush 59)" names an author whose work is not identified: its role cites
both candidate books (``{cite:p}`rush1965succession,rushndrise{59}```), and the
referencing style writes them once, as the essay does (``citestyle.merge_same_author``).
A link can lead to one place only, so a citation written once for several works must
not link to any one of them: that would be an identification the notes withhold.

* :class:`CandidatesReferenceText` is the merged citation's reference: it renders as
  sphinxcontrib-bibtex's would (a ``reference``; in LaTeX a ``\\hyperlink``), and it
  carries every candidate: ``candidates`` (the entries' anchors, ``cite-…``),
  ``candidate_docs`` (the pages that list them) and ``candidate_titles``.
* ``annotations/candidates.py`` (a post-transform, after the notes are anchored) then
  leads the link to the source note on those words, which names and links every
  candidate: on the website and in the EPUB ``#note-…``, in the PDF the note's
  ``\\hypertarget``. Without such a note it leads to the list that holds the
  candidates (the page, no entry), and in the PDF it is no link at all.
* The TEI writes the citation as one ``ref`` whose ``target`` names every candidate
  (``teitranslator.py``), and the Web Annotation of the source note links each one.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinxcontrib.bibtex.nodes import raw_latex
from sphinxcontrib.bibtex.style.template import SphinxReferenceText

from edition.formats import is_pdf

#: The class of a citation's reference that stands for several candidate works.
CANDIDATES_CLASS = "edition-candidates"


class CandidatesReferenceText(SphinxReferenceText):
    """One reference for several works (``info`` holds each one's reference info, in
    the citation's order); rendered as the first one's, with all of them attached."""

    def __init__(self, infos, *parts) -> None:
        super().__init__(infos[0], *parts)
        self.info = tuple(infos)

    def render(self, backend) -> list[nodes.Element]:
        rendered = super().render(backend)  # a link to the first; retargeted later
        data: dict[str, Any] = {
            "candidates": [info.citation_id for info in self.info],
            "candidate_docs": [info.todocname for info in self.info],
            "candidate_titles": [info.title or "" for info in self.info],
        }
        if is_pdf(self.info[0].builder):
            opening = raw_latex(rendered[0].rawsource, **data)
            rendered[0] = opening
            return rendered
        reference = rendered[0]
        reference.attributes.update(data)
        reference["classes"].append(CANDIDATES_CLASS)
        reference["reftitle"] = candidates_title(data["candidate_titles"])
        return rendered


def candidates_title(titles: list[str]) -> str:
    """The tooltip of a citation with several candidates: that it names none of them."""
    listed = " | ".join(f"{number}. {title}" for number, title in enumerate(titles, 1))
    return (f"Work not identified; the editors list {len(titles)} candidates, and the "
            f"note on these words discusses them: {listed}")
