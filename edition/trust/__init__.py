"""What the edition trusts and what it does not (``SECURITY.md``): contributed text
(notes, register entries, bibliography records) is data, never code.

``links`` says which addresses contributed text may link to; ``markup`` which Markdown
it may contain; ``guard`` refuses, in the build itself, any node that would publish a
file, run script or link elsewhere; ``caches`` refuses a checkout that carries a build
folder (whose pickles would run code) and seals what the edition keeps between builds;
``logs`` keeps contributed text from writing a line of its own into a CI log.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from edition.trust import logs


def setup(app: Sphinx) -> None:
    logs.setup(app)
