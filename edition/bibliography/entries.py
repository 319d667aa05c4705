"""Works-cited lists: sphinxcontrib-bibtex's citations turned into MLA entries.

sphinxcontrib-bibtex renders each ``{bibliography}`` as ``citation`` nodes with a
bracketed label. MLA lists have no labels, and Sphinx's LaTeX writer moves every
``citation`` node into a single bibliography at the end of the PDF. This post-transform
replaces each citation with a :class:`bibentry` in place, in every format, so the PDF
shows the same lists, in the same places, as the HTML.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition.bibliography.names import name_list
from edition.doctree import visitors
from edition.domain import cite_domain

LIST_CLASS = "edition-bibliography"


class bibentry(nodes.General, nodes.Element):
    """One works-cited entry in MLA form: no label, hanging indent, an anchor to link to.

    Replaces the ``citation`` nodes of sphinxcontrib-bibtex (:class:`MlaEntries`), so
    that LaTeX keeps each list where it stands instead of gathering every citation into
    one bibliography at the end of the book.
    """


def visit_bibentry_html(self, node: bibentry) -> None:
    self.body.append(self.starttag(node, "div", "", CLASS="edition-bibentry"))


def depart_bibentry_html(self, node: bibentry) -> None:
    self.body.append("</div>\n")


def visit_bibentry_latex(self, node: bibentry) -> None:
    # sphinxcontrib-bibtex links citations with \hyperlink{cite.<docname>:<id>} (the
    # target \bibitem would make); Sphinx's own references use \label.
    docname = self.curfilestack[-1]
    targets = "".join(rf"\hypertarget{{cite.{docname}:{i}}}{{}}" for i in node["ids"])
    self.body.append("\n\\begin{editionbibentry}" + self.hypertarget_to(node, anchor=True)
                     + targets)


def depart_bibentry_latex(self, node: bibentry) -> None:
    self.body.append("\\end{editionbibentry}\n")


class MlaEntries(SphinxPostTransform):
    # After sphinxcontrib-bibtex creates the citations (priority 5), before Sphinx's
    # LaTeX BibliographyTransform gathers them (750).
    default_priority = 6

    def run(self, **kwargs) -> None:
        for citation in list(self.document.findall(nodes.citation)):
            if "docname" not in citation:  # not from sphinxcontrib-bibtex
                continue
            entry = bibentry(ids=list(citation["ids"]))
            entry.source, entry.line = citation.source, citation.line
            entry += [child for child in citation.children
                      if not isinstance(child, nodes.label)]
            parent = citation.parent
            if isinstance(parent, nodes.container) and LIST_CLASS not in parent["classes"]:
                parent["classes"].append(LIST_CLASS)
            citation.replace_self(entry)
        self.repeat_names()

    def repeat_names(self) -> None:
        """A work by the same author(s) as the entry before it: three hyphens for the
        names (MLA 9, 2.122), "---. *Myth…*", "---, editor. *…*"."""
        works = {c.citation_id: c.entry for c in cite_domain(self.env).citations}
        for container in {id(e.parent): e.parent for e in self.document.findall(bibentry)
                          }.values():
            previous = None
            for entry in [c for c in container.children if isinstance(c, bibentry)]:
                work = next((works[i] for i in entry["ids"] if i in works), None)
                who = names_of(work) if work is not None else None
                if who and who == previous:
                    # A name that ends with an initial ("M.") carries the sentence's full
                    # stop: the hyphens take it over.
                    _replace_first(entry, who, "---." if who.endswith(".") else "---")
                previous = who


def setup(app: Sphinx) -> None:
    app.add_node(bibentry, **visitors((visit_bibentry_html, depart_bibentry_html),
                                      (visit_bibentry_latex, depart_bibentry_latex)))


def names_of(work) -> str | None:
    """The names an entry opens with, as the entry style writes them."""
    persons = work.persons.get("author") or work.persons.get("editor")
    return name_list(persons) if persons else None


def _replace_first(entry: bibentry, old: str, new: str) -> None:
    for text in entry.findall(nodes.Text):
        if str(text).startswith(old):
            text.parent.replace(text, nodes.Text(new + str(text)[len(old):]))
        return
