"""Sphinx builds for the tests, each in a process of its own, without the cost of
starting Python and importing Sphinx and the extensions for each.

A test run builds the edition about thirty times; a new interpreter spent 0.8 s of
each build's 1.3-2 s importing Sphinx, MyST, sphinxcontrib-bibtex, furo and the
edition. Here a fork server (Python's ``multiprocessing`` "forkserver") imports them
once per test worker, and each build runs in a process forked from it: its own
folder, environment variables, standard output and error, and exit status, as with
``python -m sphinx``, from the same starting state every time.

What this cannot show is what importing prints (a notice from an extension, a
deprecation warning): the tests that look at everything a contributor sees start
``python -m sphinx`` itself (test_engine's incremental build, test_extension).
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import multiprocessing.forkserver
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from unittest import mock

#: What the fork server imports before its first fork: Sphinx's command and the
#: modules of the builders and extensions the edition and the test projects use.
#: (Sphinx's own built-in extensions are added to these.) Measured: a build of the
#: edition then imports about 50 modules of its own, where it imported about 970.
PRELOAD = ["sphinx.cmd.build", "myst_parser", "myst_parser.parsers.sphinx_",
           "sphinxcontrib.bibtex", "pybtex.plugin", "furo", "a11y_pygments",
           "sphinxext.opengraph", "notfound.extension", "sphinx_sitemap", "jsonschema",
           "lxml.etree", "edition"]


def preload() -> None:
    """Run in the fork server, once (tests/sphinx_preload.py): import PRELOAD,
    printing nothing (what importing prints is for `python -m sphinx` to show)."""
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), \
            contextlib.redirect_stderr(sink):
        from sphinx.application import builtin_extensions

        for name in [*PRELOAD, *builtin_extensions]:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)


def _build(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """Run in the forked process: `python -m sphinx ARGV` in CWD with ENV."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    from sphinx.cmd.build import build_main

    with open(out, "w", encoding="utf-8") as stdout, open(err, "w", encoding="utf-8") as \
            stderr, contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = build_main(argv)
    sys.exit(code)


_context = None
ROOT = Path(__file__).resolve().parent.parent


def _server():
    """The fork server, started on first use, with this project on its path (Python
    3.13's fork server does not take its parent's sys.path for what it preloads)."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["tests.sphinx_preload"])
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        with mock.patch.dict(os.environ, {"PYTHONPATH": path}):
            multiprocessing.forkserver.ensure_running()
    return _context


def sphinx(argv: list[str], cwd: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m sphinx ARGV`, in a process forked from the server: its exit status
    and what it printed, as `subprocess.run` gives them."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        process = _server().Process(target=_build, args=(
            [str(a) for a in argv], str(cwd or Path.cwd()), dict(env or os.environ),
            str(out), str(err)))
        process.start()
        process.join()
        # (A process that died before it opened them left no files.)
        printed = [f.read_text(encoding="utf-8") if f.exists() else "" for f in (out, err)]
        return subprocess.CompletedProcess(["python", "-m", "sphinx", *argv],
                                           process.exitcode, *printed)
