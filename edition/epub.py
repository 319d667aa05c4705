"""The EPUB 3 builder, made accessible: Sphinx's, plus what Ace by DAISY requires.

* every XHTML page declares its language (``lang`` and ``xml:lang`` on ``<html>``);
* the package document carries the schema.org accessibility metadata, from the
  ``edition_epub_accessibility`` setting;
* the navigation document's ``epub:type="toc"`` has its matching ARIA role.

Registered under Sphinx's own name, ``epub``, so ``-b epub`` and Read the Docs use it.
"""

from __future__ import annotations

import html
from pathlib import Path

from sphinx.builders.epub3 import Epub3Builder

#: schema.org accessibility properties that take one value per <meta> element.
LIST_PROPERTIES = ("accessMode", "accessModeSufficient", "accessibilityFeature",
                   "accessibilityHazard")


def accessibility_metadata(settings: dict) -> str:
    """The <meta> elements for the package document, one per value."""
    lines = []
    for prop in LIST_PROPERTIES:
        for value in settings.get(prop, []):
            lines.append(f'    <meta property="schema:{prop}">{html.escape(value)}</meta>')
    if settings.get("accessibilitySummary"):
        summary = html.escape(settings["accessibilitySummary"])
        lines.append(f'    <meta property="schema:accessibilitySummary">{summary}</meta>')
    return "\n".join(lines)


class AccessibleEpub3Builder(Epub3Builder):
    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language)
        self.globalcontext["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        meta = accessibility_metadata(self.config.edition_epub_accessibility)
        text = opf.read_text(encoding="utf-8")
        opf.write_text(text.replace("  </metadata>", meta + "\n  </metadata>", 1),
                       encoding="utf-8")

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir, "nav.xhtml")
        text = nav.read_text(encoding="utf-8")
        nav.write_text(text.replace('<nav epub:type="toc">',
                                    '<nav epub:type="toc" role="doc-toc">', 1),
                       encoding="utf-8")
