"""Works-cited lists: sphinxcontrib-bibtex's citations turned into MLA entries.

sphinxcontrib-bibtex renders each ``{bibliography}`` as ``citation`` nodes with a
bracketed label. MLA lists have no labels, and Sphinx's LaTeX writer moves every
``citation`` node into a single bibliography at the end of the PDF. This post-transform
replaces each citation with a :class:`~edition.nodes.bibentry` in place, in every
format, so the PDF shows the same lists, in the same places, as the HTML.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from edition.output.nodes import bibentry

LIST_CLASS = "edition-bibliography"


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
