"""Sphinx builds for the tests, each in a process of its own, without the cost of
starting Python and importing Sphinx and the extensions for each.

A test run builds whole projects (the edition, its copies, the fixture editions) about
thirty times; a new interpreter spent 0.8 s of each build's 1.3-2 s importing Sphinx,
MyST, sphinxcontrib-bibtex, furo and the edition. Here a fork server (Python's
``multiprocessing`` "forkserver") imports them once per test worker, and each build runs
in a process forked from it: its own folder, environment variables, standard output and
error (file descriptors 1 and 2 included), and exit status, as with ``python -m sphinx``,
from the same starting state every time. (The ``sphinx.testing`` builds of the small
projects under tests/roots/ run in the test's own process, as that package does.)

What a forked build cannot show:

- what importing prints (a notice from an extension, a deprecation warning): the
  builds of `new_process` do, and the tests assert that they print nothing
  (test_builders, on the edition's second builds);
- an order that follows Python's hash seed, which every fork of one server shares: the
  server runs with the seed `server_hash_seed()`, the same in every worker of a test
  run, and the builds of `new_process` with another (`other_hash_seed()`), so that the
  reproducibility test compares builds made under different seeds;
- the variables Python reads when it starts (``PYTHONHASHSEED``, the locale's): the
  server's.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import multiprocessing.forkserver
import os
import random
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
ROOT = Path(__file__).resolve().parent.parent
#: Set once per test run (tests/conftest.py, before the workers start, which inherit it).
HASH_SEED_VARIABLE = "EDITION_TESTS_HASH_SEED"


def choose_hash_seed() -> None:
    """Choose the run's hash seed for the fork servers, unless one is chosen."""
    os.environ.setdefault(HASH_SEED_VARIABLE, str(random.randrange(1, 2**32 - 1)))


def server_hash_seed() -> int:
    choose_hash_seed()
    return int(os.environ[HASH_SEED_VARIABLE])


def other_hash_seed() -> int:
    """A hash seed that is not the servers' (both within 1 .. 2**32 - 1)."""
    return server_hash_seed() % (2**32 - 1) + 1


def preload() -> None:
    """Run in the fork server, once (tests/sphinx_preload.py): import PRELOAD,
    printing nothing (what importing prints is for `new_process` to show)."""
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink), \
            contextlib.redirect_stderr(sink):
        from sphinx.application import builtin_extensions

        for name in [*PRELOAD, *builtin_extensions]:
            with contextlib.suppress(ImportError):
                importlib.import_module(name)


def _build(argv: list[str], cwd: str, env: dict[str, str], out: str, err: str) -> None:
    """Run in the forked process: `python -m sphinx ARGV` in CWD with ENV, its standard
    output and error (Python's and the file descriptors') into OUT and ERR."""
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    # Left open: multiprocessing flushes them, and prints an uncaught error to them.
    sys.stdout = open(out, "w", encoding="utf-8")  # noqa: SIM115
    sys.stderr = open(err, "w", encoding="utf-8")  # noqa: SIM115
    os.dup2(sys.stdout.fileno(), 1)
    os.dup2(sys.stderr.fileno(), 2)
    from sphinx.cmd.build import build_main

    sys.exit(build_main(argv))


_context = None


def _server():
    """The fork server, started on first use, with this project on its path (Python
    3.13's fork server does not take its parent's sys.path for what it preloads), the
    run's hash seed, and nothing open on its standard output and error (a test's
    captured output, else)."""
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(["tests.sphinx_preload"])
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        saved = [os.dup(1), os.dup(2)]
        try:
            with open(os.devnull, "w") as sink, mock.patch.dict(
                    os.environ, {"PYTHONPATH": path, "PYTHONHASHSEED": str(server_hash_seed())}):
                os.dup2(sink.fileno(), 1)
                os.dup2(sink.fileno(), 2)
                multiprocessing.forkserver.ensure_running()
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)
    return _context


def sphinx(argv: list[str], cwd: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m sphinx ARGV`, in a process forked from the server: its exit status
    and what it printed, as `subprocess.run` gives them. ``env``: the whole environment
    (default: this process's)."""
    with tempfile.TemporaryDirectory() as tmp:
        out, err = Path(tmp) / "stdout", Path(tmp) / "stderr"
        process = _server().Process(target=_build, args=(
            [str(a) for a in argv], str(cwd or Path.cwd()),
            dict(os.environ if env is None else env), str(out), str(err)))
        process.start()
        process.join()
        # (A process that died before it opened them left no files.)
        printed = [f.read_text(encoding="utf-8") if f.exists() else "" for f in (out, err)]
        return subprocess.CompletedProcess(["python", "-m", "sphinx", *argv],
                                           process.exitcode, *printed)


def new_process(argv: list[str], cwd: Path | None = None,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m sphinx ARGV` in a new interpreter, with a hash seed other than the
    fork servers'."""
    env = dict(os.environ if env is None else env)
    env["PYTHONHASHSEED"] = str(other_hash_seed())
    return subprocess.run([sys.executable, "-m", "sphinx", *map(str, argv)], cwd=cwd,
                          capture_output=True, text=True, env=env)
