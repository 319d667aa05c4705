"""An essay chapter as it is read: its paragraph numbered, its notes held at its end,
the persons it and its notes name linked to the index of persons.

A read-phase transform that runs before Sphinx's smart quotes (which then treat the
notes' prose as the chapter's) and before its domains collect the document
(``SphinxDomains``, priority 850): the edition's domain then records what it needs
(``EditionDomain.process_doc``) and the index domain the entries the person links
add, each from the finished doctree.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from edition.annotations import bodies, reading
from edition.output.nodes import EDITORIAL
from edition.registers import persons as register
from edition.text.chapters import chapter_info


class ReadEssayChapter(SphinxTransform):
    # Before SmartQuotes (750), which then gives the notes' prose curly quotes as it
    # gives the chapter's; and so before SphinxDomains (850), which hands the doctree
    # to the domains.
    default_priority = 700

    def apply(self, **kwargs) -> None:
        info = chapter_info(self.env.metadata.get(self.env.docname, {}))
        if info is None or info.paragraph is None:
            return  # not an essay chapter; a bad number is reported by the witness check
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        number_paragraph(section, info.paragraph)
        persons_file = Path(self.env.srcdir) / self.config.edition_persons
        persons = register.load_persons(persons_file)[0]
        if persons_file.is_file():
            self.env.note_dependency(str(persons_file))
        register.link_mentions(section, persons, self.document)
        for node, note in reading.hold_notes(self.env, self.document, section,
                                             self.env.docname):
            register.link_mentions(node, persons, self.document)
            bodies.locate_inline(node, note)


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
