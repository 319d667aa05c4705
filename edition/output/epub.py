"""The EPUB 3 builder, made accessible: Sphinx's, plus what Ace by DAISY and
catalogues require.

* every XHTML page declares its language (``lang`` and ``xml:lang`` on ``<html>``) and
  has one viewport tag, the epub theme's (``web.OneViewportTranslator`` writes the pages
  without docutils' own);
* the package document (``epub-templates/content.opf.jinja``, over Sphinx's) names the
  editors as creator with their role (``edt``), no "unknown" contributor, a URN as
  identifier, the subtitle (``edition_subtitle``), the schema.org accessibility
  metadata (``edition_epub_accessibility``) and the EPUB 3 ``cover-image``;
* the navigation document (``epub-templates/nav.xhtml.jinja``) gives the table of
  contents its ARIA role and the landmarks: cover, contents, the essay, the index;
* a cover in the book's face (``cover.py``: a PNG made from conf.py's title, subtitle and
  editors, with a cover page of its own, ``epub-templates/edition-cover.html``);
* its own stylesheet (``epub-static/edition-epub.css``) for reading systems, without the
  website's grid and controls, Sphinx's basic theme, code colours and icons;
* with ``SOURCE_DATE_EPOCH`` set (the Makefile sets it from the last commit), the .epub
  file is reproducible byte for byte: its entries carry that date, not the build's.

Registered under Sphinx's own name, ``epub``, so ``-b epub`` and Read the Docs use it.
"""

from __future__ import annotations

import html
import os
import re
import time
import uuid
import zipfile
from pathlib import Path

from sphinx.builders.epub3 import Epub3Builder
from sphinx.util.fileutil import copy_asset

from edition.config import settings
from edition.domain import edition_domain
from edition.output.web import OneViewportTranslator

#: schema.org accessibility properties that take one value per <meta> element.
LIST_PROPERTIES = ("accessMode", "accessModeSufficient", "accessibilityFeature",
                   "accessibilityHazard")


def accessibility_metadata(settings: dict) -> list[tuple[str, str]]:
    """(schema.org property, value) for the package document's <meta> elements, one per
    value, escaped."""
    pairs = [(prop, value) for prop in LIST_PROPERTIES for value in settings.get(prop, [])]
    if settings.get("accessibilitySummary"):
        pairs.append(("accessibilitySummary", settings["accessibilitySummary"]))
    return [(prop, html.escape(value)) for prop, value in pairs]


#: The edition's own templates for the package and navigation documents; Sphinx's for
#: the rest (mimetype, container.xml, toc.ncx).
OWN_TEMPLATES = Path(__file__).parent / "epub-templates"
#: The e-book's own stylesheet, in place of the website's and Sphinx's.
EPUB_STATIC = Path(__file__).parent / "epub-static"
#: What Sphinx's themes put in every HTML build's _static that an e-book has no use for:
#: the epub and basic themes' stylesheets and icons (for search and collapsible lists,
#: and link colours), the code colours (the edition shows no code), the website's
#: stylesheet and Sphinx's scripts (the website's own are never copied to the book).
NOT_IN_THE_BOOK = ("epub.css", "basic.css", "pygments.css", "file.png", "minus.png",
                   "plus.png",
                   "edition.css", "language_data.js", "documentation_options.js",
                   "doctools.js", "sphinx_highlight.js", "searchtools.js")


class Templates(Path):
    """Sphinx's EPUB 3 template folder, where the edition's own templates stand in for
    Sphinx's of the same name (Sphinx reads ``template_dir / name``)."""

    def __truediv__(self, name):
        own = OWN_TEMPLATES / name
        return own if own.is_file() else super().__truediv__(name)


def identifier(config) -> str:
    """The book's identifier: ``epub_identifier`` where it is already a URN, DOI or
    address; else a UUID URN made from it and the version, the same for every build
    of one version and another for the next."""
    given = config.epub_identifier
    if re.match(r"^(urn:|doi:|https?://)", given):
        return given
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{given}/{config.release}')}"


class AccessibleEpub3Builder(Epub3Builder):
    # Sphinx types the folder as its private _StrPath; it only joins names to it.
    template_dir = Templates(Epub3Builder.template_dir)  # type: ignore[assignment]
    # One viewport tag: the epub theme has its own, docutils' writer would add another.
    default_translator_class = OneViewportTranslator

    def prepare_writing(self, docnames) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language)
        self.globalcontext["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    def init_css_files(self) -> None:
        super().init_css_files()
        self.add_css_file("edition-epub.css", priority=800)

    def add_css_file(self, filename: str, **kwargs) -> None:
        """Every stylesheet but those the book leaves out (Sphinx links every HTML
        builder's pages to pygments.css, and to the extensions' stylesheets)."""
        if Path(filename).name not in NOT_IN_THE_BOOK:
            super().add_css_file(filename, **kwargs)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = Path(self.outdir, "_static")
        for name in NOT_IN_THE_BOOK:
            (static / name).unlink(missing_ok=True)
        copy_asset(EPUB_STATIC, static, force=True)

    def content_metadata(self) -> dict:
        metadata = super().content_metadata()
        config = self.config
        metadata["id"] = html.escape(identifier(config))
        # Names and rights as the book prints them: curly apostrophes, the © sign.
        for key, value in (("author", config.epub_author),
                           ("publisher", config.epub_publisher),
                           ("copyright", "\u00a9 " + config.epub_copyright.replace(", ", " ", 1))):
            metadata[key] = html.escape(value.replace("'", "\u2019"), quote=False)
        metadata["subtitle"] = html.escape(settings(config).subtitle)
        # Sphinx's default contributor is the word "unknown": no contributor is better.
        contributor = config.epub_contributor
        metadata["contributor"] = "" if contributor in ("", "unknown") else \
            html.escape(contributor)
        metadata["accessibility"] = accessibility_metadata(
            settings(config).epub_accessibility)
        return metadata

    def toc_metadata(self, level: int, navpoints) -> dict:
        # The EPUB 2 table of contents names the book by the package's identifier.
        return {**super().toc_metadata(level, navpoints),
                "uid": html.escape(identifier(self.config))}

    def navigation_doc_metadata(self, navlist) -> dict:
        metadata = super().navigation_doc_metadata(navlist)
        metadata["landmarks"] = self.landmarks()
        return metadata

    def landmarks(self) -> list[tuple[str, str, str]]:
        """Where a reading system's "go to" leads: the cover, the contents, the start of
        the essay, the index of persons."""
        domain = edition_domain(self.env)
        found = []
        if self.config.epub_cover and self.config.epub_cover[1]:
            found.append(("cover", self.coverpage_name, "Cover"))
        # The contents as a page of the book (the navigation document is not one).
        found.append(("toc", self.get_target_uri(self.config.root_doc), "Contents"))
        chapters = domain.essay_chapters()
        if chapters:
            found.append(("bodymatter", self.get_target_uri(chapters[0]), "The essay"))
        persons = domain.persons_page()
        if persons:
            found.append(("index", self.get_target_uri(persons), "Index of persons"))
        return [(kind, html.escape(href), label) for kind, href, label in found]

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
