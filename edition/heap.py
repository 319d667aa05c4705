"""What the build holds from its start, left out of Python's garbage collection while it
builds.

An incremental build starts by loading what it kept (Sphinx's environment, the
annotation files' readings): at 10,000 notes, millions of objects that live until the
build ends. Python's cyclic garbage collector walked them again at every full
collection while the build ran: a third of a second to a second of the HTML rebuild
after one edited note. They are frozen once loaded (``gc.freeze`` at ``builder-inited``,
last: frozen later, at ``env-before-read-docs``, the rebuild took 0.8 s longer, the
collector walking them while Sphinx looks for outdated files) and given back to the
collector first thing when the build has finished (``build-finished`` at priority 0,
before any listener that could raise; Sphinx emits it whether the build succeeded or
failed), so that a process that builds again, as the tests do, holds nothing frozen
between builds. An application made and never built (tests only: ``sphinx-build``
always builds) keeps what it froze until the next application is set up, which gives
it back to the collector first. An interrupt (Ctrl-C) ends the process. What the build
makes meanwhile is collected as always.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx


def freeze(app: Sphinx) -> None:
    """builder-inited, last: what is loaded by now lives to the build's end."""
    if gc.get_freeze_count():  # an application made before this one was never built
        gc.unfreeze()
        gc.collect()
    gc.freeze()


def unfreeze(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: the collector sees everything again."""
    gc.unfreeze()
