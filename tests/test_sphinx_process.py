"""The tests' forked Sphinx builds (tests/sphinx_process.py) are `python -m sphinx` as
far as a build can tell: the environment, folder and arguments given, the warnings on
standard error, the exit status."""

from __future__ import annotations

import os

from tests.sphinx_process import sphinx

#: A project that builds only with the environment the test gives it.
CONF = """\
import os
if os.environ.get("SPHINX_PROCESS_TEST") != "given":
    raise RuntimeError("not the environment the build was given")
"""


def test_a_forked_build_is_a_build_of_its_own(tmp_path):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n\nA text.\n", encoding="utf-8")
    env = {**os.environ, "SPHINX_PROCESS_TEST": "given"}

    # Relative folders: the build runs in the folder it is given.
    built = sphinx(["-q", "-b", "text", ".", "out"], cwd=tmp_path, env=env)
    assert (built.returncode, built.stderr) == (0, "")
    assert "A text." in (tmp_path / "out" / "index.txt").read_text(encoding="utf-8")

    without = sphinx(["-q", "-b", "text", ".", "out2"], cwd=tmp_path,
                     env={k: v for k, v in env.items() if k != "SPHINX_PROCESS_TEST"})
    assert without.returncode == 2 and "not the environment" in without.stderr

    # A warning (a document in no toctree) fails the build with -W, and is reported.
    (tmp_path / "orphan.rst").write_text("Orphan\n======\n", encoding="utf-8")
    warned = sphinx(["-q", "-W", "-b", "text", ".", "out3"], cwd=tmp_path, env=env)
    assert warned.returncode == 1
    assert "orphan.rst: WARNING: document isn't included in any toctree" in warned.stderr
