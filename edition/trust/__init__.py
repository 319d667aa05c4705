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

from edition.trust import caches, guard, logs


def setup(app: Sphinx) -> None:
    logs.setup(app)
    # Before Sphinx loads a pickled environment (after every extension's setup).
    app.connect("config-inited", caches.refuse_tracked_build_folders, priority=100)
    # Before Sphinx's collectors (500) note the files a page would copy.
    app.connect("doctree-read", guard.guard_read, priority=100)
    app.connect("doctree-resolved", guard.guard_written, priority=100)
