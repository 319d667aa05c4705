"""The PDF as a critical edition: what the LaTeX side needs beyond the node visitors.

* ``mark_numbered_text`` (``doctree-resolved``, LaTeX only, after every check has read
  the edition's nodes): marks each essay paragraph for reledmac's line numbering, wraps
  each regularized citation so that its apparatus entry goes to the foot of the page,
  and gives the apparatus and the commentary index the page and line of each entry
  (reledmac's ``\\edpageref`` / ``\\edlineref``).
* ``front_matter`` (``config-inited``): the title page's facts as LaTeX macros, from
  conf.py (title, editors, release, year of the copyright, hosted address).

The HTML and EPUB never see any of this.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from edition.annotations.nodes import annotated
from edition.bibliography.entrystyle import mla_date
from edition.doctree import docname_of
from edition.output.citethis import curly, version_address
from edition.reledmac import edlabel_name
from edition.text.nodes import regularized

#: Link targets in the generated lists that stand in the numbered text.
NUMBERED_TARGET = re.compile(r"^(intervention|regularization|note)-")


def mark_numbered_text(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    domain = app.env.get_domain("edition")
    essay = set(domain.essay_chapters())
    for box in doctree.findall(annotated):
        if docname_of(box) in essay:
            box["numbered"] = True
    _wrap_regularizations(doctree, domain, essay)
    _add_places(doctree)
    _breakable_literals(doctree)


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
    while node is not None:
        if isinstance(node, nodes.bullet_list) and any(
                c in node["classes"] for c in ("edition-apparatus",
                                               "edition-commentary-index")):
            return True
        node = node.parent
    return False


# -- the title page ------------------------------------------------------------------------

def _tex(text: str) -> str:
    """Plain text for a LaTeX macro body."""
    table = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$",
             "%": r"\%", "&": r"\&", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
             "'": "\u2019"}
    return "".join(table.get(c, c) for c in text)


def _bibtex(text: str) -> str:
    """Text for the typewriter BibTeX block: braces and specials shown, not obeyed."""
    table = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "#": r"\#", "$": r"\$",
             "%": r"\%", "&": r"\&", "_": r"\_", "^": r"\^{}", "~": r"\~{}",
             "'": r"\textquotesingle{}"}
    return "".join(table.get(c, c) for c in text)


def mla_citation(config: Config, year: str, address: str) -> str:
    """The edition's citation as "Cite this" gives it (MLA 9): the full date, the
    address after a comma; in LaTeX."""
    editors = config.author
    inline_editors = editors[0].lower() + editors[1:] if editors.startswith("The ") \
        else editors
    date = mla_date(config.edition_published) if config.edition_published else year
    mla = (rf"\textit{{{_tex(config.project)}}}. Edited by {_tex(curly(inline_editors))}, "
           rf"version {_tex(config.release)}, {_tex(date).replace('. ', '.~')}")
    return mla + (rf", \url{{{version_address(address, config.release)}}}." if address
                  else ".")


def front_matter(app: Sphinx, config: Config) -> None:
    """config-inited: the facts the title page and its verso print, as LaTeX macros,
    from conf.py: the title, the editors (``author``), the edition (``release``), the
    year (of ``copyright``), the rights (``copyright``), and the hosted address
    (``html_baseurl``, which Read the Docs sets; where it is not known, nothing is said).
    The citation is the one CITATION.cff and the index page give."""
    year_match = re.match(r"\s*(\d{4})", config.copyright or "")
    year = year_match.group(1) if year_match else ""
    rights = re.sub(r"^\s*\d{4}\s*,?\s*", "", config.copyright or "")
    address = (config.html_baseurl or "").strip()
    main, _, sub = config.project.partition(": ")
    editors = config.author
    key = (re.sub(r"\.tex$", "", config.latex_documents[0][1])
           if config.latex_documents else "edition")
    mla = mla_citation(config, year, address)
    # Where the address is not known (a local build), nothing is said of it.
    published = rf"Online, at \url{{{address}}}." if address else ""
    fields = [("title", f"{config.project}. A digital edition"),
              ("author", f"{{{editors}}}"), ("year", year), ("version", config.release)]
    if address:
        fields.append(("url", address))
    # One field a line; a long one wraps with a hanging indent (\editionbibline).
    bibtex = (rf"\editionbibline{{@misc\{{{_bibtex(key)},}}" + "".join(
        rf"\editionbibline{{~~{name} = \{{{_bibtex(value)}\}},}}"
        for name, value in fields) + r"\editionbibline{\}}")
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
        "editionbibtex": bibtex,
    }
    lines = ["% The edition's facts, from conf.py (edition/output/pdf.py)."]
    lines += [rf"\providecommand{{\{name}}}{{{body}}}" for name, body in facts.items()]
    block = "\n".join(lines) + "\n"
    elements = config.latex_elements
    if block not in elements.get("preamble", ""):
        elements["preamble"] = block + elements.get("preamble", "")


def register(app: Sphinx) -> None:
    app.connect("config-inited", front_matter)
    # After the checks that read the edition's nodes (the witness, the links).
    app.connect("doctree-resolved", mark_numbered_text, priority=800)
