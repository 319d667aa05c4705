"""What the domain records of an essay chapter as it is read: its witness paragraph and
its interventions, read off the doctree (``doctree-read``)."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from edition.config import settings
from edition.domain import Intervention, edition_domain, regularization_id
from edition.text.chapters import chapter_info, regularizations
from edition.text.interventions import GAP_SIGN, SIC_SIGN
from edition.text.nodes import corr, gap, sic
from edition.text.witness import witness_paragraphs


def record_essay_chapter(app: Sphinx, document: nodes.document) -> None:
    """doctree-read, before the annotations record their notes (which are placed by the
    witness paragraph's words): an essay chapter's paragraph and interventions."""
    env = app.env
    info = chapter_info(env.metadata.get(env.docname, {}))
    if info is None or info.paragraph is None:
        return  # not an essay chapter; a bad number is reported by the witness check
    witness = settings(env.config).witness
    paragraphs = witness_paragraphs(witness) if witness else []
    n = info.paragraph
    text = paragraphs[n - 1] if 0 < n <= len(paragraphs) else ""
    domain = edition_domain(env)
    domain.note_essay_chapter(env.docname, n, text)
    domain.note_interventions(env.docname, interventions(document, info.meta, text, n))


def interventions(document: nodes.document, meta: dict, text: str,
                  paragraph: int) -> list[Intervention]:
    """The chapter's interventions, in the order of the witness."""
    records = []

    def offset(witness_reading: str) -> int:
        found = text.find(witness_reading) if witness_reading else -1
        return found if found != -1 else len(text)

    for node in [n for n in document.findall(nodes.Element) if isinstance(n, (gap, corr, sic))]:
        if isinstance(node, gap):
            kind, lemma = "gap", GAP_SIGN
        elif isinstance(node, corr):
            kind, lemma = "corr", node.astext()
        else:
            kind, lemma = "sic", f"{node['witness']} {SIC_SIGN}"
        records.append(Intervention(kind, lemma, node["witness"],
                                    node["ids"][0] if node["ids"] else None, paragraph,
                                    node.get("description", ""), offset(node["witness"])))
    try:
        regs = regularizations(meta)
    except ValueError:
        regs = []  # reported by the witness check
    for number, reg in enumerate(regs, 1):
        records.append(Intervention("reg", reg.reading, reg.witness, regularization_id(number),
                                    paragraph, reg.reason, offset(reg.witness)))
    return sorted(records, key=lambda r: r.offset)


