"""The edition's theme against furo's, the version requirements.txt pins.

The theme (``edition/output/theme/edition/``) inherits furo. Its ``page.html`` is a copy
of furo's: two of its changes are attributes of furo's <aside> elements and one a line
of its footer, and furo's page.html has no block around either (only around the
page's whole body). So the copy is furo's page.html with the changes in ``CHANGES``
and nothing else; when furo's template changes (a new furo), these tests fail and say
what to carry over. The edition's other templates extend furo's and override blocks:
each block they override must exist in what they extend.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import furo

from tests.outputs import ROOT

FURO = Path(furo.__file__).parent / "theme" / "furo"
THEME = ROOT / "edition" / "output" / "theme" / "edition"

#: The edition's changes to furo's page.html: (furo's text, the edition's), each found
#: exactly once in furo's template. Each change is marked "edition:" in the copy.
CHANGES = (
    # Two <aside> landmarks need names (axe-core landmark-unique).
    ('  <aside class="sidebar-drawer">\n',
     '  <aside class="sidebar-drawer" aria-label="{{ _(\'Site navigation\') }}">'
     '{#- edition: named landmark -#}\n'),
    ('    <aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}">\n',
     '    <aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}" '
     'aria-label="{{ _(\'On this page\') }}">{#- edition: named landmark -#}\n'),
    # The reading tools under the page's title, then "Cite this" (partials/).
    ('          {% block content %}{{ body }}{% endblock %}\n',
     '          {#- edition: the reading tools under the page\'s title (partials/'
     'edition-content.html;\n'
     '              above the page where its body has no title), then "Cite this" -#}\n'
     '          {%- block edition_tools_first %}{% if edition_tools is defined and not '
     '(body is defined and "</h1>" in body) %}{% include "partials/edition-tools.html" %}'
     '{% endif %}{% endblock %}\n'
     '          {% block content %}{% include "partials/edition-content.html" %}\n'
     '          {% endblock %}\n'
     '          {%- if edition_cite is defined %}{% include "partials/edition-cite.html" %}'
     '{% endif %}\n'),
    # How the edition is made is said once, on its Colophon, not on every page.
    ('            {% trans %}Made with {% endtrans -%}\n'
     '            {%- if show_sphinx -%}\n'
     '            {% trans %}<a href="https://www.sphinx-doc.org/">Sphinx</a> and '
     '{% endtrans -%}\n'
     '            <a class="muted-link" href="https://pradyunsg.me">@pradyunsg</a>\'s\n'
     '            {% endif -%}\n'
     '            {% trans %}\n'
     '            <a href="https://github.com/pradyunsg/furo">Furo</a>\n'
     '            {% endtrans %}\n',
     '            {#- edition: how it is made is said once, on its Colophon, not on every '
     'page. -#}\n'
     '            {%- if hasdoc(\'chapters/colophon\') %}\n'
     '            <a href="{{ pathto(\'chapters/colophon\') }}">Colophon</a>\n'
     '            {%- endif %}\n'),
)

#: The copy's opening comment, which says what it is.
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def pinned_furo() -> str:
    found = re.search(r"^furo==(\S+)", (ROOT / "requirements.txt").read_text(), re.MULTILINE)
    assert found, "requirements.txt pins no furo"
    return found.group(1)


def furo_with_changes(furo_page: str) -> str:
    """furo's page.html with the edition's changes; an AssertionError that says which
    change no longer applies if furo's template has changed."""
    for old, new in CHANGES:
        count = furo_page.count(old)
        assert count == 1, (
            f"The text the edition changes is in furo {furo.__version__}'s page.html "
            f"{count} times, not once:\n{old}\nCompare edition/output/theme/edition/page.html "
            "with furo's page.html, carry the edition's changes (marked 'edition:') over "
            "to furo's new template, and update CHANGES in this test.")
        furo_page = furo_page.replace(old, new)
    return furo_page


def copy_of_furo(page: str) -> str:
    """The edition's page.html without its opening comment."""
    header = HEADER.match(page)
    assert header, "edition's page.html opens with a comment saying it is furo's copy"
    assert f"furo {furo.__version__}" in header.group(0), (
        "the copy's opening comment names the furo it copies")
    return page[header.end():]


def differences(expected: str, found: str) -> str:
    return "".join(difflib.unified_diff(
        expected.splitlines(keepends=True), found.splitlines(keepends=True),
        "furo's page.html with CHANGES", "edition/output/theme/edition/page.html"))


def test_the_installed_furo_is_the_pinned_one():
    assert furo.__version__ == pinned_furo(), (
        f"furo {furo.__version__} is installed, requirements.txt pins {pinned_furo()}: "
        "`make venv` installs the pinned one")


def test_page_html_is_furos_with_the_editions_changes_only():
    expected = furo_with_changes((FURO / "page.html").read_text(encoding="utf-8"))
    found = copy_of_furo((THEME / "page.html").read_text(encoding="utf-8"))
    assert found == expected, (
        "edition/output/theme/edition/page.html differs from furo's page.html other than "
        "by the changes in CHANGES (a new furo, or a change to the copy not declared "
        "here):\n" + differences(expected, found))


def test_every_change_in_the_copy_is_declared():
    page = (THEME / "page.html").read_text(encoding="utf-8")
    assert page.count("edition:") == len(CHANGES) + 1  # + the opening comment's


# -- the templates that extend furo's --------------------------------------------------

BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)")
EXTENDS = re.compile(r"""\{%-?\s*extends\s+["']([^"']+)["']""")


def template(name: str) -> Path:
    """Where the edition's theme finds a template: ``furo/…`` in furo's theme, any other
    name in the edition's theme first, then in furo's (the theme inherits furo)."""
    if name.startswith("furo/"):
        return FURO / name.removeprefix("furo/")
    own = THEME / name
    return own if own.is_file() else FURO / name


def blocks_of(name: str) -> set[str]:
    """The blocks a template and those it extends define."""
    found: set[str] = set()
    seen = set()
    path = template(name)
    while path is not None and path not in seen:
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        found |= set(BLOCK.findall(text))
        parent = EXTENDS.search(text)
        path = template(parent.group(1)) if parent else None
    return found


def test_the_edition_overrides_only_blocks_furo_has():
    for own in sorted(THEME.rglob("*.html")):
        text = own.read_text(encoding="utf-8")
        parent = EXTENDS.search(text)
        if own.name == "page.html" or not parent:
            continue
        missing = set(BLOCK.findall(text)) - blocks_of(parent.group(1))
        assert not missing, (
            f"{own.relative_to(ROOT)} overrides blocks {sorted(missing)} that "
            f"{parent.group(1)} (furo {furo.__version__}) does not have")
