"""Build-time check: each essay chapter gives back its witness paragraph exactly.

Runs on the resolved doctree (``doctree-resolved``), where citation roles have been
rendered in the essay's form, for every builder that writes one page per document.
The LaTeX builder assembles the book into one tree; the HTML and EPUB builds run the
same check on the same sources.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from edition.config import settings
from edition.formats import is_pdf
from edition.messages import Subtype, warn
from edition.text.chapters import PARAGRAPH_KEY, chapter_info, regularizations
from edition.text.readingtext import essay_paragraphs, first_difference, witness_text
from edition.text.witness import witness_paragraphs

#: Emitted with (docname, paragraph number, text) for each essay chapter checked: the
#: witness paragraph as the reading text and its interventions give it back.
WITNESS_EVENT = "edition-witness-paragraph"


def check_essay_chapter(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if is_pdf(app.builder):
        return
    info = chapter_info(app.env.metadata.get(docname, {}))
    if info is None:
        return
    if info.paragraph is None:
        warn(info.error, Subtype.witness, location=(docname, 1))
        return
    paragraph, meta = info.paragraph, info.meta
    path = settings(app.config).witness
    if path is None:
        warn(f"this chapter gives witness paragraph {paragraph}, but conf.py names no "
             "witness file: set edition_witness", Subtype.config, location=(docname, 1))
        return
    witness = witness_paragraphs(path)
    if not 1 <= paragraph <= len(witness):
        warn(f"`{PARAGRAPH_KEY}: {paragraph}` names no paragraph of the witness "
             f"(it has {len(witness)})", Subtype.witness, location=(docname, 1))
        return
    try:
        regs = regularizations(meta)
    except ValueError as err:
        warn(f"{err} (in the front matter)", Subtype.citation, location=(docname, 1))
        return

    paras = essay_paragraphs(doctree)
    line = paras[0].line if paras and paras[0].line else 1
    result = witness_text(paras, regs)
    for text in result.plain_citations:
        warn(f"{text} looks like a citation written as plain text; write it as a "
             "citation role, e.g. {cite:p}`key{page}`", Subtype.citation,
             location=(docname, line))
    for reg in result.unused:
        warn(f"the regularization of {reg.witness!r} expects a citation that renders as "
             f"{reg.reading!r}, but no citation in this chapter does; correct the record "
             "or the role", Subtype.citation, location=(docname, 1))
    want = witness[paragraph - 1]
    app.emit(WITNESS_EVENT, docname, paragraph, result.text)
    if result.text != want:
        warn(f"the reading text does not give back witness paragraph {paragraph}, "
             f"{first_difference(result.text, want)}; record the intervention, or "
             "restore the witness's wording", Subtype.witness, location=(docname, line))
