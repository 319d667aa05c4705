"""The EPUB 3 builder, made accessible: Sphinx's, plus what Ace by DAISY requires.

* every XHTML page declares its language (``lang`` and ``xml:lang`` on ``<html>``);
* the package document carries the schema.org accessibility metadata, from the
  ``edition_epub_accessibility`` setting;
* the navigation document's ``epub:type="toc"`` has its matching ARIA role;
* a cover drawn from the title (``cover.py``) where ``epub_cover`` names an image that
  no source provides, declared as the EPUB 3 ``cover-image``;
* with ``SOURCE_DATE_EPOCH`` set (the Makefile sets it from the last commit), the .epub
  file is reproducible byte for byte: its entries carry that date, not the build's.

Registered under Sphinx's own name, ``epub``, so ``-b epub`` and Read the Docs use it.
"""

from __future__ import annotations

import html
import os
import re
import time
import zipfile
from pathlib import Path

from sphinx.builders.epub3 import Epub3Builder

from edition.output.cover import cover_svg

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
        cover = self.write_cover()
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        meta = accessibility_metadata(self.config.edition_epub_accessibility)
        text = opf.read_text(encoding="utf-8")
        text = text.replace("  </metadata>", meta + "\n  </metadata>", 1)
        if cover:
            # EPUB 3 names its cover image in the manifest (Sphinx writes only the
            # EPUB 2 <meta name="cover">).
            href = re.escape(html.escape(cover))
            text, found = re.subn(rf'(<item id="[^"]*" href="{href}" [^>]*?) ?/>',
                                  r'\1 properties="cover-image" />', text, count=1)
            assert found, f"the cover {cover} is not in the manifest"
        opf.write_text(text, encoding="utf-8")

    def write_cover(self) -> str | None:
        """Draw the cover named by ``epub_cover`` (an .svg) unless a source provides it."""
        if not self.config.epub_cover:
            return None
        image = self.config.epub_cover[0]
        path = Path(self.outdir, image)
        if image.endswith(".svg") and not Path(self.srcdir, image).exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(cover_svg(self.config.epub_title, self.config.epub_author),
                            encoding="utf-8")
        return image

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir, "nav.xhtml")
        text = nav.read_text(encoding="utf-8")
        nav.write_text(text.replace('<nav epub:type="toc">',
                                    '<nav epub:type="toc" role="doc-toc">', 1),
                       encoding="utf-8")

    def build_epub(self) -> None:
        """Sphinx's container (mimetype first and stored, then the package files, then
        the content), with every entry dated SOURCE_DATE_EPOCH when it is set."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if not epoch:
            super().build_epub()
            return
        # Zip dates start in 1980.
        date_time = time.gmtime(max(int(epoch), 315532800))[:6]
        names = ["mimetype", "META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        path = Path(self.outdir, self.config.epub_basename + ".epub")
        with zipfile.ZipFile(path, "w") as epub:
            for name in names:
                info = zipfile.ZipInfo(name, date_time)
                info.compress_type = (zipfile.ZIP_STORED if name == "mimetype"
                                      else zipfile.ZIP_DEFLATED)
                info.external_attr = 0o644 << 16
                epub.writestr(info, Path(self.outdir, name).read_bytes())
