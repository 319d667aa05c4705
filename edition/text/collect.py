"""Read phase: record what the domain needs from each document as it is read."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from edition.annotations import notes as annotate
from edition.config import witness_path
from edition.output.nodes import EDITORIAL, corr, gap, sic
from edition.registers import persons as registers
from edition.text.chapters import chapter_info, regularizations
from edition.text.interventions import GAP_SIGN, SIC_SIGN
from edition.text.witness import witness_paragraphs

KIND_LABELS = {"gap": "lacuna", "corr": "correction", "sic": "error kept (sic)",
               "reg": "regularized citation"}


def regularization_id(number: int) -> str:
    """The anchor of a chapter's n-th regularized citation (``MarkRegularizations``)."""
    return f"regularization-{number}"


def intervention_records(doctree, meta: dict, paragraph_text: str, paragraph: int):
    """The chapter's interventions, in the order of the witness."""
    records = []

    def offset(witness_reading: str, fallback: int) -> int:
        found = paragraph_text.find(witness_reading) if witness_reading else -1
        return found if found != -1 else fallback

    for node in doctree.findall(lambda n: isinstance(n, (gap, corr, sic))):
        ident = node["ids"][0] if node["ids"] else None
        if isinstance(node, gap):
            kind, lemma = "gap", GAP_SIGN
        elif isinstance(node, corr):
            kind, lemma = "corr", node.astext()
        else:
            kind, lemma = "sic", f"{node['witness']} {SIC_SIGN}"
        records.append({
            "kind": kind, "label": KIND_LABELS[kind], "lemma": lemma,
            "witness": node["witness"], "id": ident, "paragraph": paragraph,
            "description": node.get("description", ""),
            "offset": offset(node["witness"], len(paragraph_text)),
        })
    try:
        regs = regularizations(meta)
    except ValueError:
        regs = []  # reported by the essay check
    for number, reg in enumerate(regs, 1):
        records.append({
            "kind": "reg", "label": KIND_LABELS["reg"], "lemma": reg.reading,
            "witness": reg.witness, "id": regularization_id(number), "paragraph": paragraph,
            "description": reg.reason, "offset": offset(reg.witness, len(paragraph_text)),
        })
    return sorted(records, key=lambda r: r["offset"])


def on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    docname = env.docname
    domain = env.get_domain("edition")
    info = chapter_info(Path(env.doc2path(docname)))
    if info is None or info.paragraph is None:
        return  # not an essay chapter; a bad number is reported by the essay check
    paragraph, meta = info.paragraph, info.meta
    domain.data["paragraphs"][docname] = paragraph
    witness = witness_path(app)
    paragraphs = witness_paragraphs(witness) if witness and witness.is_file() else []
    text = paragraphs[paragraph - 1] if 0 < paragraph <= len(paragraphs) else ""
    domain.data["witness_text"][docname] = text
    domain.data["interventions"][docname] = intervention_records(doctree, meta, text,
                                                                 paragraph)
    number_paragraph(doctree, paragraph)
    persons_file = Path(app.confdir) / app.config.edition_persons
    persons = registers.load_persons(persons_file)[0]
    if persons_file.is_file():
        env.note_dependency(str(persons_file))
    mentioned = registers.link_mentions(_essay_section(doctree), persons, doctree)
    mentioned += annotate.load_for_chapter(app, doctree, docname, persons)
    domain.data["person_mentions"][docname] = sorted(set(mentioned))
    # Domains collected this document before doctree-read (Sphinx's SphinxDomains
    # transform): give the index domain the entries the mentions just added.
    entries = env.get_domain("index").entries.setdefault(docname, [])
    for node in doctree.findall(addnodes.index):
        entries.extend(node["entries"])


def _essay_section(doctree: nodes.document) -> nodes.Element:
    return next(iter(doctree.findall(nodes.section)), doctree)


def number_paragraph(doctree: nodes.document, paragraph: int) -> None:
    """Give the essay's paragraph its witness number, shown and linkable (¶ 2)."""
    section = _essay_section(doctree)
    first = next((c for c in section.children if isinstance(c, nodes.paragraph)), None)
    if first is None:
        return
    anchor = f"paragraph-{paragraph}"
    # A target rather than an id on the paragraph: every writer, LaTeX's included,
    # makes a target into an anchor (LaTeX labels no paragraph).
    number = nodes.inline("", "", classes=["edition-paragraph-number", EDITORIAL])
    number += nodes.target("", "", ids=[anchor])
    # A permalink: the number links to its own paragraph.
    number += nodes.reference("", f"\u00b6\u00a0{paragraph}", refid=anchor,
                              internal=True, reftitle=f"Link to paragraph {paragraph}")
    number += nodes.Text(" ")
    first.insert(0, number)
