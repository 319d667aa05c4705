"""The contributors' command, `python -m edition …`, as the tests run it.

Most tests run it in the test's own process, where Python, Sphinx and the extension are
already loaded: starting a new interpreter for each cost about 0.8 s of the 0.9 s a
`check` of a small project takes. What it prints and the status it returns are the
command's own (``edition.cli.main`` is what ``python -m edition`` calls). A few tests
still start the real process, to show what a contributor's shell gets
(``edition_process``)."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from edition.cli import main


def edition(*args: str, root: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m edition [--root ROOT] ARGS`, run here; with ``env``, those variables
    set while it runs (git, which the review starts, sees them)."""
    argv = [*(["--root", str(root)] if root else []), *args]
    # Standard output with bytes beneath, as `witness` writes the witness's bytes.
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with (mock.patch.dict(os.environ, env or {}), contextlib.redirect_stdout(out),
          contextlib.redirect_stderr(err)):
        try:
            code = main(argv)
        except SystemExit as exit:  # argparse's own exits: --help, a wrong option
            code = exit.code if isinstance(exit.code, int) else 0 if exit.code is None else 1
    out.flush()
    printed = out.buffer.getvalue().decode("utf-8")
    return subprocess.CompletedProcess(["python", "-m", "edition", *argv], code, printed,
                                       err.getvalue())


def edition_process(*args: str, cwd: Path | None = None,
                    env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`python -m edition ARGS` in a new process, as a contributor's shell starts it."""
    return subprocess.run([sys.executable, "-m", "edition", *args], cwd=cwd,
                          capture_output=True, text=True, env=env)
