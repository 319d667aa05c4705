"""A citation of the essay that names several candidate works leads to the source note on
its words, which names and links every candidate (``bibliography/candidates.py`` makes
the citation; this post-transform, once the notes are anchored, points its link)."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.nodes import raw_latex

from edition.annotations.nodes import annotation_ref
from edition.doctree import ancestors, docname_of


def has_candidates(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Element) and bool(node.get("candidates"))


class CandidateCitations(SphinxPostTransform):
    """Lead each link of a citation with several candidates to its source note."""

    # After the notes are anchored around their lemmas (AnchorAnnotations, 20).
    default_priority = 25

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(has_candidates)):
            note = source_note_on(node)
            if isinstance(node, raw_latex):
                node.replace_self(self._latex_opening(node, note))
            elif isinstance(node, nodes.reference):
                self._retarget(node, note)

    def _retarget(self, reference: nodes.reference, note: str | None) -> None:
        if note is not None:
            reference["refuri"] = f"#note-{note}"
        else:  # the list that holds the candidates, not one of its entries
            reference["refuri"] = reference.get("refuri", "").partition("#")[0] or "#"

    def _latex_opening(self, node: raw_latex, note: str | None) -> raw_latex:
        docname = docname_of(node, self.env.docname)
        opening = (rf"\hyperlink{{note.{docname}:{note}}}{{" if note is not None
                   else "{")  # no note to lead to: no link, rather than a wrong one
        keep = {key: node[key] for key in ("candidates", "candidate_docs",
                                           "candidate_titles")}
        return raw_latex(opening, **keep)


def source_note_on(node: nodes.Node) -> str | None:
    """The id of the innermost source note whose lemma holds `node`, if any."""
    return next((parent["annotation"] for parent in ancestors(node, including_self=False)
                 if isinstance(parent, annotation_ref) and parent.get("type") == "source"),
                None)
