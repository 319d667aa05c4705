"""The PDF as a critical edition: what the LaTeX side needs beyond the node visitors.

* ``mark_numbered_text`` (``doctree-resolved``, LaTeX only, after every check has read
  the edition's nodes): marks each essay paragraph for reledmac's line numbering, and
  the essay's chapters as one text (``\\editionessay`` before the first,
  ``\\editionessayend`` after the last: edition.sty runs them on, numbered through),
  wraps each regularized citation so that its apparatus entry goes to the foot of the
  page, and gives the apparatus the page and line of each entry (reledmac's
  ``\\edpageref`` / ``\\edlineref``).
* ``print_commentary`` (``doctree-resolved``, LaTeX only, before the generated lists are
  filled): the Commentary's list becomes the commentary itself, every note in full in
  the order of the text, keyed by page and line (reledmac's endnotes,
  ``\\editioncommentary``).
* ``front_matter`` (``config-inited``): the title page's facts and the PDF's metadata as
  LaTeX macros, from conf.py (title, editors, release, date, rights, language, hosted
  address); and the PDF's bold face beside edition.sty.

The HTML and EPUB never see any of this.
"""

from __future__ import annotations

import os
import re
import time
import uuid
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from edition.annotations.nodes import annotated
from edition.bibliography.entrystyle import mla_date
from edition.bibliography.names import curly, editors_in_sentence
from edition.config import settings
from edition.doctree import ancestors, docname_of
from edition.domain import edition_domain
from edition.formats import is_pdf
from edition.output.citethis import version_address
from edition.pages.lists import generated_list
from edition.reledmac import edlabel_name
from edition.text.nodes import regularized

#: The PDF's bold (scripts/webfonts.py makes it): copied beside edition.sty.
BOLD_FACE = Path(__file__).parent / "latex" / "EBGaramond-Bold.ttf"

#: Link targets in the generated lists that stand in the numbered text.
NUMBERED_TARGET = re.compile(r"^(intervention|regularization|note)-")


def mark_numbered_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if not is_pdf(app.builder):
        return
    domain = edition_domain(app.env)
    essay = set(domain.essay_chapters())
    for box in doctree.findall(annotated):
        if docname_of(box) in essay:
            box["numbered"] = True
    _run_on(doctree, essay)
    _wrap_regularizations(doctree, domain, essay)
    _add_places(doctree)
    _breakable_literals(doctree)


def _run_on(doctree, essay) -> None:
    """The essay's chapters as one text: ``\\editionessay`` before the first one's
    section, ``\\editionessayend`` after the last one's."""
    sections = [section for section in doctree.findall(nodes.section)
                if section.get("docname") in essay
                and not isinstance(section.parent, nodes.section)]
    if not sections:
        return
    first, last = sections[0], sections[-1]
    first.parent.insert(first.parent.index(first),
                        nodes.raw("", "\\editionessay\n", format="latex"))
    last.parent.insert(last.parent.index(last) + 1,
                       nodes.raw("", "\n\\editionessayend\n", format="latex"))


def print_commentary(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """The PDF's Commentary is the commentary itself: the notes, which stand after the
    text as reledmac's endnotes (edition.sty), printed where the page's list would
    stand, in the order of the text, each keyed by page and line."""
    if not is_pdf(app.builder):
        return
    for placeholder in list(doctree.findall(generated_list)):
        if placeholder.get("kind") == "commentary":
            placeholder.replace_self(nodes.raw("", "\n\\editioncommentary\n",
                                               format="latex"))


#: A long run of characters in inline code (a checksum, an address) may break after
#: these, or after every eighth character: a line may not run into the margin.
LITERAL_BREAK = re.compile(r"([/_.\-]|[^\s/_.\-]{8})(?=\S)")


def _breakable_literals(doctree) -> None:
    for literal in list(doctree.findall(nodes.literal)):
        for text in list(literal.findall(nodes.Text)):
            if not re.search(r"\S{24,}", text):
                continue
            parts = LITERAL_BREAK.split(str(text))
            new: list[nodes.Node] = []
            for i, part in enumerate(parts):  # odd: a piece after which to break
                if part:
                    new.append(nodes.Text(part))
                if i % 2:
                    new.append(nodes.raw("", r"\allowbreak{}", format="latex"))
            text.parent.replace(text, new)


def _wrap_regularizations(doctree, domain, essay) -> None:
    """Each regularized citation (the inline after its ``regularization-N`` target) in a
    ``regularized`` node carrying the witness reading."""
    for target in list(doctree.findall(nodes.target)):
        chapter = docname_of(target)
        if chapter not in essay:
            continue
        for record in domain.interventions_in(chapter):
            if record.kind != "reg" or record.id not in target["ids"]:
                continue
            parent = target.parent
            following = parent[parent.index(target) + 1]
            wrapper = regularized("", lemma=record.lemma, witness=record.witness,
                                  ids=[record.id])
            following.replace_self(wrapper)
            wrapper += following


def _add_places(doctree) -> None:
    """After each link from a generated list (apparatus, commentary index) to a place in
    the numbered text: its page and line."""
    for ref in list(doctree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith("%") or "#" not in uri:
            continue
        docname, ident = uri[1:].split("#", 1)
        if not NUMBERED_TARGET.match(ident) or not _in_list(ref):
            continue
        label = edlabel_name(docname, ident.removeprefix("note-"))
        if ident.startswith("note-"):
            label = edlabel_name(docname, "lemma-" + ident.removeprefix("note-"))
        ref.parent.insert(ref.parent.index(ref) + 1, nodes.raw(
            "", rf"\editionplace{{{label}}}", format="latex"))


def _in_list(node: nodes.Node) -> bool:
    return any(isinstance(n, nodes.bullet_list) and any(
        c in n["classes"] for c in ("edition-apparatus", "edition-commentary-index"))
        for n in ancestors(node))


# -- the title page ------------------------------------------------------------------------

def _tex(text: str) -> str:
    """Plain text for a LaTeX macro body."""
    table = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$",
             "%": r"\%", "&": r"\&", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
             "'": "\u2019"}
    return "".join(table.get(c, c) for c in text)


def mla_citation(config: Config, year: str, address: str) -> str:
    """The edition's citation as "Cite this" gives it (MLA 9): the full date, the
    address after a comma; in LaTeX."""
    published = settings(config).published
    date = mla_date(published) if published else year
    editors = editors_in_sentence(config.author)
    mla = (rf"\textit{{{_tex(config.project)}}}. Edited by {_tex(editors)}, "
           rf"version {_tex(config.release)}, {_tex(date).replace('. ', '.~')}")
    return mla + (rf", \url{{{version_address(address, config.release)}}}." if address
                  else ".")


def front_matter(app: Sphinx, config: Config) -> None:
    """config-inited: the facts the title page, its verso and the PDF's metadata give, as
    LaTeX macros, from conf.py: the title, the editors (``author``), the edition
    (``release``), the date (``edition_published``), the year and the rights
    (``copyright``), the language, and the hosted address (``html_baseurl``, which Read
    the Docs sets; where it is not known, nothing is said). The citation is the one
    CITATION.cff and the index page give, in MLA only (no BibTeX in a book). And the
    PDF's bold, copied beside edition.sty."""
    if str(BOLD_FACE) not in config.latex_additional_files:
        config.latex_additional_files.append(str(BOLD_FACE))
    year_match = re.match(r"\s*(\d{4})", config.copyright or "")
    year = year_match.group(1) if year_match else ""
    rights = re.sub(r"^\s*\d{4}\s*,?\s*", "", config.copyright or "")
    address = (config.html_baseurl or "").strip()
    main, _, sub = config.project.partition(": ")
    editors = config.author
    mla = mla_citation(config, year, address)
    # Where the address is not known (a local build) the page says nothing.
    published = rf"Online, at \url{{{address}}}." if address else ""
    facts = {
        "editiontitle": _tex(config.project),
        "editiontitlemain": _tex(main),
        "editiontitlesub": _tex(sub),
        "editioneditors": _tex(editors),
        "editionrelease": _tex(config.release),
        "editionyear": year,
        "editioncopyright": f"{year} {_tex(rights)}",
        "editionpublished": published,
        "editionmla": mla,
        # The PDF's metadata (edition.sty): the date, the rights and the language.
        "editiondate": settings(config).published or year,
        "editionrights": _tex(curly(f"\u00a9 {year} {rights}".strip())),
        "editionlanguage": (config.language or "en").replace("_", "-"),
    }
    if address:
        facts["editionaddress"] = _tex(address)
    facts.update(_xmp_ids(config))
    lines = ["% The edition's facts, from conf.py (edition/output/pdf.py)."]
    lines += [rf"\providecommand{{\{name}}}{{{body}}}" for name, body in facts.items()]
    block = "\n".join(lines) + "\n"
    elements = config.latex_elements
    if block not in elements.get("preamble", ""):
        elements["preamble"] = block + elements.get("preamble", "")


def _xmp_ids(config: Config) -> dict[str, str]:
    """The XMP packet's identifiers and dates, the same for the same sources: the
    document's id from the edition and its version, the instance's from these and the
    build's SOURCE_DATE_EPOCH (as ``make`` sets it; xdvipdfmx dates the PDF by it too).
    Without SOURCE_DATE_EPOCH, hyperxmp's own (from the clock)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch.isdigit():
        return {}
    name = f"{config.project} {config.release}"
    stamp = time.gmtime(int(epoch))
    return {
        "editiondocumentid": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}",
        "editioninstanceid": f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{name} {epoch}')}",
        "editioncreationdate": time.strftime("D:%Y%m%d%H%M%SZ", stamp),
    }

