"""An essay chapter's paragraph given its witness number (¶ 2), shown and linkable."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from edition.doctree import EDITORIAL
from edition.text.chapters import essay_section


class NumberEssayParagraph(SphinxTransform):
    """The first of the read-phase transforms that make an essay chapter: its paragraph
    numbered. The order of the others is in ``edition/events.py``; all run before
    Sphinx's smart quotes (750), which then give the notes' prose curly quotes as they
    give the chapter's."""

    default_priority = 700

    def apply(self, **kwargs) -> None:
        found = essay_section(self.env, self.document)
        if found is not None and found[0].paragraph is not None:
            number_paragraph(found[1], found[0].paragraph)


def number_paragraph(section: nodes.Element, paragraph: int) -> None:
    """Give the essay's paragraph its witness number, shown and linkable (¶ 2)."""
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
