"""The website: the edition's theme (furo, made axe-clean) and the reading tools at the
top of every page (reader controls, downloads); "Cite this" is ``citethis.py``. The
markup is the theme's (``theme/edition/partials/``); this module gives it data.

The reader controls are written into every page but hidden; edition-reader.js shows them on
pages with notes and remembers the reader's choices (localStorage) from page to page.
Without JavaScript there is nothing to control: every note is shown, open.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from edition import repository
from edition.annotations.rawfile import template_text
from edition.bibliography.names import curly
from edition.config import settings
from edition.domain import edition_domain
from edition.formats import WEBSITE_BUILDERS, is_website
from edition.output import downloads
from edition.pages.imprint import long_date

THEME_DIR = Path(__file__).parent / "theme" / "edition"

#: What the reader can choose to show: each kind of note, as the control names it.
READER_KINDS = (("commentary", "commentary only"), ("source", "sources only"),
                ("textual", "textual notes only"))


#: The viewport tag docutils' HTML5 writer puts in every page's head (furo has its own).
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'


class OneViewportTranslator(HTML5Translator):
    """Sphinx's HTML5 translator without the viewport tag docutils' writer adds to every
    page's head: the theme's page has its own (furo's; the EPUB's, Sphinx's epub theme),
    and a page with two fails the validators."""

    def __init__(self, document, builder) -> None:
        super().__init__(document, builder)
        if DOCUTILS_VIEWPORT in self.meta:
            self.meta.remove(DOCUTILS_VIEWPORT)


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    """The reading tools' data, for ``partials/edition-tools.html``; the footer's
    copyright with its apostrophes curly, as the book prints them."""
    if not is_website(app.builder):
        return
    if context.get("copyright"):
        context["copyright"] = curly(context["copyright"])
    context["edition_tools"] = {"kinds": READER_KINDS,
                                "downloads": downloads.offered(app, pagename),
                                "published": long_date(settings(app.config).published),
                                "suggest": suggest_data(app, pagename)}


def suggest_data(app: Sphinx, pagename: str) -> dict | None:
    """What edition-suggest.js needs to offer "Suggest a note on these words" on an essay
    chapter: GitHub's new-file address in the annotations folder, the chapter, and the
    annotation template to fill (``_template.md`` there, if the edition has one)."""
    found = repository.of(app.config)
    if found is None or not edition_domain(app.env).is_essay_chapter(pagename):
        return None
    folder = settings(app.config).annotations.resolve()
    srcdir = Path(app.srcdir).resolve()
    if not folder.is_relative_to(srcdir):  # annotations kept outside the project
        return None
    template = folder / "_template.md"
    return {"newFile": found.new_file(folder.relative_to(srcdir).as_posix()),
            "chapter": pagename,
            "template": template_text(template)}


def add_filters(app: Sphinx) -> None:
    """builder-inited: the theme's templates escape as the rest of the page does (Python's
    html.escape, which Sphinx's own writers use)."""
    templates = getattr(app.builder, "templates", None)
    environment = getattr(templates, "environment", None)
    if environment is not None:
        environment.filters["edition_escape"] = html.escape


def site_address(app: Sphinx, config) -> None:
    """sphinxext-opengraph and sphinx-notfound-page take the site's address from
    ``html_baseurl`` unless conf.py gives them their own."""
    base = config.html_baseurl
    if base and "ogp_site_url" in config and not config.ogp_site_url:
        config.ogp_site_url = base
    if "notfound_urls_prefix" in config and config.notfound_urls_prefix is None:
        path = urlsplit(base).path if base else ""
        config.notfound_urls_prefix = path if path.endswith("/") else "/"


def setup_sitemap(app: Sphinx) -> None:
    """sphinx-sitemap needs the site's address: without ``html_baseurl`` (a local build)
    there is no sitemap rather than one of made-up addresses."""
    if app.config.html_baseurl:
        app.setup_extension("sphinx_sitemap")


def register(app: Sphinx) -> None:
    app.add_html_theme("edition", str(THEME_DIR))
    # The EPUB's builder names its translator itself (epub.py).
    for name in WEBSITE_BUILDERS:
        app.set_translator(name, OneViewportTranslator)
    setup_sitemap(app)
