"""Editorial interventions on the reading text, as roles in the chapters.

The reading text in ``chapters/`` differs from the witness only where an intervention
says so, and every intervention records the *witness reading* it stands for, so that
the witness can always be given back from the reading text (``readingtext.py``).

``{gap}`KIND```
    A lacuna of one of the kinds the edition declares (``edition_lacunae`` in conf.py:
    this edition's are ``host-marker``, where the host site's "…show more content…"
    marker stands, and ``breaks-off``, where the witness stops mid-sentence); shown
    as […].
``{corr}`. At <.At>```
    A slip corrected: the reading, then the witness reading in angle brackets.
``{sic}`Together, these Khrushchev used these four tools```
    An error kept as it stands, followed by [sic].

Regularized citations are recorded in the chapter's front matter (``chapters.py``),
since a citation is itself a role.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxRole

from edition.config import settings
from edition.doctree import EDITORIAL, docname_of, is_editorial
from edition.domain import edition_domain
from edition.messages import Subtype, warn
from edition.text.nodes import corr, gap, sic
from edition.text.readingtext import CITATION_CLASS

#: The sign that stands for a lacuna in every output.
GAP_SIGN = "[\u2026]"
SIC_SIGN = "[sic]"
CORR_SYNTAX = re.compile(r"^(?P<reading>.*?)\s*<(?P<witness>[^<>]+)>$", re.DOTALL)


class InterventionRole(SphinxRole):
    def located_warning(self, message: str) -> tuple[list[nodes.Node], list]:
        warn(f"{message} (in {{{self.name}}}`{self.text}`)", Subtype.intervention,
             location=(self.env.docname, self.lineno))
        return [nodes.inline(self.rawtext, self.text)], []

    def finish(self, node: nodes.Element) -> tuple[list[nodes.Node], list]:
        node["ids"].append(f"intervention-{self.env.new_serialno('edition-intervention')}")
        self.set_source_info(node)
        return [node], []


class GapRole(InterventionRole):
    """``{gap}`KIND``` — mark a lacuna of one of the kinds in ``edition_lacunae``."""

    def run(self):
        kinds = settings(self.config).lacunae
        kind = kinds.get(self.text.strip())
        if kind is None:
            known = ", ".join(f"{{gap}}`{k}`" for k in kinds)
            return self.located_warning(
                f"unknown lacuna kind {self.text.strip()!r}; write one of {known}")
        sign = (" " if kind.leading_space else "") + GAP_SIGN
        return self.finish(gap(
            self.rawtext, sign, kind=kind.name, witness=kind.witness_reading,
            description=kind.description, classes=["edition-gap", EDITORIAL],
        ))


class CorrRole(InterventionRole):
    """``{corr}`READING <WITNESS>``` — a corrected slip."""

    def run(self):
        match = CORR_SYNTAX.match(self.text)
        if not match or not match["reading"]:
            return self.located_warning(
                "write the correction, then the witness reading in angle brackets, "
                "e.g. {corr}`. At <.At>`")
        reading, witness = match["reading"], match["witness"]
        if reading == witness:
            return self.located_warning("the correction is the same as the witness reading")
        return self.finish(corr(
            self.rawtext, reading, witness=witness, classes=["edition-corr"],
            description=f"Corrected by the editors; the witness reads \u201c{witness}\u201d.",
        ))


class SicRole(InterventionRole):
    """``{sic}`TEXT``` — an error kept as it stands, marked [sic]."""

    def run(self):
        if not self.text.strip():
            return self.located_warning("write the words kept as they stand")
        node = sic(self.rawtext, "", classes=["edition-sic"],
                   description="Thus in the witness: an error kept as it stands.")
        node += nodes.Text(self.text)
        node += nodes.inline("", " " + SIC_SIGN, classes=["edition-sic-sign", EDITORIAL])
        node["witness"] = self.text
        return self.finish(node)


ROLES = {"gap": GapRole, "corr": CorrRole, "sic": SicRole}


class MarkRegularizations(SphinxPostTransform):
    """Anchor each regularized citation where it stands, so that the apparatus links to
    its place, as it does for the other interventions.

    A citation is a sphinxcontrib-bibtex role, whose words exist only once references
    are resolved: the anchor is set then, before the citation of the chapter's record
    (``records.interventions``) that reads the same."""

    # After ReferencesResolver (10), before the notes are anchored (20).
    default_priority = 15

    def run(self, **kwargs) -> None:
        domain = edition_domain(self.env)
        for citation in list(self.document.findall(nodes.inline)):
            if CITATION_CLASS not in citation["classes"] or is_editorial(citation):
                continue
            docname = docname_of(citation) or self.env.docname
            for record in domain.interventions_in(docname):
                if record.kind == "reg" and record.lemma == citation.astext():
                    parent = citation.parent
                    parent.insert(parent.index(citation), nodes.target("", "",
                                                                       ids=[record.id]))
