"""Editorial interventions on the reading text.

The reading text in ``chapters/`` differs from the witness only where an intervention
role says so. Each intervention records the *witness reading* it stands for, so that
the witness can always be given back from the reading text (see ``witness.py``).

Kinds so far:

``gap``
    A lacuna. ``{gap}`host-marker``` replaces the host site's "…show more content…"
    marker (an unknown amount of text is missing there); ``{gap}`breaks-off``` marks the
    point where the witness stops mid-sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx.util.docutils import SphinxRole

from .nodes import gap
from .warnings import Subtype, warn

#: The host's paywall marker, exactly as it stands in the witness.
HOST_MARKER = "\u2026show more content\u2026"


@dataclass(frozen=True)
class GapKind:
    name: str
    #: What the witness has where the reading text shows the lacuna.
    witness_reading: str
    #: Whether the reading text needs a space before the sign (the witness has none).
    leading_space: bool
    #: What a reader is told about the lacuna.
    description: str


GAP_KINDS: dict[str, GapKind] = {
    kind.name: kind
    for kind in (
        GapKind(
            name="host-marker",
            witness_reading=HOST_MARKER,
            leading_space=False,
            description=(
                "Lacuna of unknown extent: the host site hides the rest of the essay "
                "behind its marker \u201c\u2026show more content\u2026\u201d."
            ),
        ),
        GapKind(
            name="breaks-off",
            witness_reading="",
            leading_space=True,
            description="Lacuna: the witness breaks off here, mid-sentence.",
        ),
    )
}

#: The sign that stands for a lacuna in every output.
GAP_SIGN = "[\u2026]"


class GapRole(SphinxRole):
    """``{gap}`KIND``` — mark a lacuna of one of the kinds in :data:`GAP_KINDS`."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        kind = GAP_KINDS.get(self.text.strip())
        if kind is None:
            known = ", ".join(f"{{gap}}`{k}`" for k in GAP_KINDS)
            warn(
                f"unknown lacuna kind {self.text.strip()!r} in {{{self.name}}}`{self.text}`; "
                f"write one of {known}",
                Subtype.intervention,
                location=(self.env.docname, self.lineno),
            )
            return [nodes.inline(self.rawtext, self.rawtext)], []
        sign = (" " if kind.leading_space else "") + GAP_SIGN
        node = gap(
            self.rawtext,
            sign,
            kind=kind.name,
            witness=kind.witness_reading,
            description=kind.description,
            classes=["edition-gap", "edition-editorial"],
        )
        self.set_source_info(node)
        return [node], []
