"""The website: the edition's theme (furo, made axe-clean) and the reading tools at the
top of every page (reader controls, downloads); "Cite this" is ``citethis.py``.

The reader controls are written into every page but hidden; edition.js shows them on
pages with notes and remembers the reader's choices (localStorage) from page to page.
Without JavaScript there is nothing to control: every note is shown, open.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from edition.output import citethis, downloads

THEME_DIR = Path(__file__).parent / "theme" / "edition"

CONTROLS = """\
<div class="edition-controls edition-editorial" role="group" aria-label="Reading options" \
hidden="hidden">
<button type="button" class="edition-toggle" data-edition-toggle="notes" \
aria-pressed="true">Notes</button>
<button type="button" class="edition-toggle" data-edition-toggle="signs" \
aria-pressed="true">Editorial signs</button>
<label class="edition-kind-label" for="edition-kind">Show</label>
<select id="edition-kind" class="edition-kind">
<option value="all">all notes</option>
<option value="commentary">commentary only</option>
<option value="source">sources only</option>
<option value="textual">textual notes only</option>
</select>
<p class="edition-status edition-visually-hidden" role="status" aria-live="polite"></p>
</div>
"""


def page_context(app: Sphinx, pagename: str, templatename: str, context: dict,
                 doctree) -> None:
    if app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    context["edition_tools"] = (
        '<div class="edition-tools edition-editorial">'
        + CONTROLS + downloads.downloads_html(app, pagename) + "</div>\n")


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
    app.connect("config-inited", site_address, priority=400)
    app.connect("html-page-context", page_context)
    citethis.register(app)
    downloads.register(app)
    setup_sitemap(app)
