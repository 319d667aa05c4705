"""Cache pybtex's plugin lookups for the length of a build.

pybtex (0.26) finds every plugin — each style, each backend — by calling
``importlib.metadata.entry_points()`` afresh, and sphinxcontrib-bibtex asks for a
plugin several times per citation it resolves. On this edition's synthetic benchmark
(1,000 notes citing four works each) that scan of every installed package's metadata
took 25 of 31 seconds. The installed packages do not change during a build, so the
answer can be kept; Pygments met the same cost and caches its entry points the same
way (pygments/pygments pull request #2979).

Remove this module when pybtex caches its entry points itself (``pybtex.plugin``
calling ``entry_points()`` once, not per lookup); the test
``test_plugin_lookups_are_cached`` says whether it is still needed.

It is a Sphinx extension of its own, so that a project without the rest of the
edition can use it (``extensions = ["edition.bibliography.plugincache"]``).
"""

from __future__ import annotations

import functools
from importlib import metadata

import pybtex.plugin
import sphinxcontrib.bibtex.plugin


@functools.cache
def _every_entry_point() -> metadata.EntryPoints:
    return metadata.entry_points()


@functools.cache
def cached_entry_points(**selection) -> metadata.EntryPoints:
    """``importlib.metadata.entry_points(**selection)``, each selection made once, from
    one scan of the installed packages for every group (a scan reads every package's
    metadata: one per group was still a tenth of a second of the real edition's
    check)."""
    every = _every_entry_point()
    return every.select(**selection) if selection else every


def forget() -> None:
    """Scan again on the next lookup (for tests that install packages' entry points)."""
    _every_entry_point.cache_clear()
    cached_entry_points.cache_clear()


def install() -> None:
    """Route pybtex's lookups, and sphinxcontrib-bibtex's (which look the same way),
    through the cache (idempotent)."""
    pybtex.plugin.entry_points = cached_entry_points
    # The same call, cached: typeshed types the original, not its lru_cache wrapper.
    sphinxcontrib.bibtex.plugin.entry_points = cached_entry_points  # type: ignore[assignment]


def setup(app) -> dict:
    install()
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
