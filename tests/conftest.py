"""Fixtures: the real edition built once per test run in each format, and the
`sphinx.testing` fixtures for the small projects under tests/roots/."""

from __future__ import annotations

import os
import pickle
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from filelock import FileLock

from tests import compiled_templates
from tests.outputs import BUILD_ENV, Build, latex_to_pdf, no_downloads, sphinx_build
from tests.sphinx_process import choose_hash_seed

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).resolve().parent / "roots"
T = TypeVar("T")


def pytest_configure(config) -> None:
    """One hash seed for the run's fork servers and one cache of compiled templates for
    its builds, chosen before the workers start (they inherit both):
    tests/sphinx_process.py, tests/compiled_templates.py."""
    choose_hash_seed()
    made = compiled_templates.choose_folder()
    if made:
        config.add_cleanup(lambda: shutil.rmtree(made, ignore_errors=True))
    compiled_templates.share()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the `test-*` projects."""
    return ROOTS


@pytest.fixture(scope="session")
def once(tmp_path_factory) -> Callable[[str, Callable[[Path], T]], T]:
    """``once(name, make)``: what ``make(folder)`` gives, made once for the whole run.

    `make test` spreads the tests over pytest-xdist workers, and a session or module
    fixture runs again in each worker that needs it: every build of the edition was
    made twice. Here the first worker to ask makes it, under a lock in the run's shared
    temporary folder, and keeps the result (pickled); the others wait for it and read
    it. The outputs are only read by the tests that use them."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

    def make_once(name: str, make: Callable[[Path], T]) -> T:
        folder = shared / f"once-{name}"
        with FileLock(f"{folder}.lock"):
            kept = folder / "result.pickle"
            if kept.exists():
                return pickle.loads(kept.read_bytes())
            folder.mkdir(exist_ok=True)
            result = make(folder)
            kept.write_bytes(pickle.dumps(result))
            return result

    return make_once


def _html(tmp: Path, new_interpreter: bool = False) -> Build:
    out = tmp / "html"
    return Build(out, sphinx_build("html", out, tmp / "doctrees", extra=no_downloads(tmp),
                                   env=BUILD_ENV, new_interpreter=new_interpreter))


def _epub(tmp: Path, new_interpreter: bool = False) -> Build:
    out = tmp / "epub"
    warnings = sphinx_build("epub", out, tmp / "doctrees", env=BUILD_ENV,
                            new_interpreter=new_interpreter)
    return Build(out, warnings, out / "khrushchev-essay.epub")


def _pdf(tmp: Path, new_interpreter: bool = False) -> Build:
    out = tmp / "latex"
    warnings = sphinx_build("latex", out, tmp / "doctrees", env=BUILD_ENV,
                            new_interpreter=new_interpreter)
    return Build(out, warnings, latex_to_pdf(out, env=BUILD_ENV))


@pytest.fixture(scope="session")
def html_build(once) -> Build:
    return once("html", _html)


@pytest.fixture(scope="session")
def epub_build(once) -> Build:
    return once("epub", _epub)


@pytest.fixture(scope="session")
def pdf_build(once) -> Build:
    return once("pdf", _pdf)


class Rebuilt:
    """The edition built again in one format as the session's build was (same
    SOURCE_DATE_EPOCH, same options), after it has ended and more than a second later,
    in other folders, by a new Python under another hash seed than the session's forked
    builds (tests/sphinx_process.py): for test_reproducible (the same bytes, whatever
    order a set or dict takes) and test_builders (every builder builds the edition, and
    prints nothing, importing included). Each format is built once for the run, when a
    test first asks for it, so that the three are made by different workers at once
    (made together, they were a 17-second stretch of one worker, the others waiting)."""

    #: Each format: the session build's name for `once` and how it is made.
    SESSION = {"html": ("html", _html), "epub": ("epub", _epub), "latex": ("pdf", _pdf)}

    def __init__(self, once: Callable) -> None:
        self.once = once

    def __getitem__(self, builder: str) -> Build:
        name, make_session = self.SESSION[builder]
        self.once(name, make_session)  # the session's build first, to its end

        def make(tmp: Path) -> Build:
            time.sleep(1.1)  # so that anything taken from the clock would differ
            return make_session(tmp, True)

        return self.once(f"rebuilt-{builder}", make)


@pytest.fixture(scope="session")
def rebuilt(once) -> Rebuilt:
    """``rebuilt[builder]``: the edition built again in that format (:class:`Rebuilt`)."""
    return Rebuilt(once)
