"""What the domain records of an essay chapter (``EditionDomain.process_doc``): its
witness paragraph, its interventions and its notes, read off the doctree."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.environment import BuildEnvironment

from edition.annotations.anchoring import find_all
from edition.annotations.model import Selector
from edition.domain import Intervention, NoteRecord, regularization_id
from edition.output.nodes import annotation, corr, gap, sic
from edition.text.chapters import chapter_info, regularizations
from edition.text.interventions import GAP_SIGN, SIC_SIGN
from edition.text.witness import witness_paragraphs

#: Where a record with no place in the witness paragraph sorts: last.
END = 1 << 30


def essay_chapter(env: BuildEnvironment, docname: str) -> tuple[int, str, dict] | None:
    """(witness paragraph number, its text, the front matter) of an essay chapter; None
    for any other document (a bad number is reported by the witness check)."""
    info = chapter_info(env.metadata.get(docname, {}))
    if info is None or info.paragraph is None:
        return None
    witness = env.config.edition_witness
    path = Path(env.srcdir) / witness if witness else None
    paragraphs = witness_paragraphs(path) if path and path.is_file() else []
    n = info.paragraph
    return n, (paragraphs[n - 1] if 0 < n <= len(paragraphs) else ""), info.meta


def interventions(document: nodes.document, meta: dict, text: str,
                  paragraph: int) -> list[Intervention]:
    """The chapter's interventions, in the order of the witness."""
    records = []

    def offset(witness_reading: str) -> int:
        found = text.find(witness_reading) if witness_reading else -1
        return found if found != -1 else len(text)

    for node in document.findall(lambda n: isinstance(n, (gap, corr, sic))):
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


def notes(document: nodes.document, text: str) -> list[NoteRecord]:
    """The chapter's notes, each placed by its quote in the witness paragraph (all the
    quotes found in one pass)."""
    held = list(document.findall(annotation))
    found = find_all(text, [Selector(n["exact"], n["prefix"], n["suffix"]) for n in held])
    return [NoteRecord(n["annotation"], n["type"], n["type_label"], tuple(n["authors"]),
                       n["date"], n["exact"], n["file"], starts[0] if starts else END)
            for n, starts in zip(held, found, strict=True)]
