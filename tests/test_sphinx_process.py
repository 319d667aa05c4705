"""The tests' forked Sphinx builds (tests/sphinx_process.py) are `python -m sphinx` as
far as a build can tell: the environment, folder and arguments given, what it prints
(file descriptors included), the exit status. And the builds the reproducibility test
compares run under different hash seeds."""

from __future__ import annotations

import os

from tests.sphinx_process import new_process, sphinx

#: A project that builds only with the environment the test gives it (the fork server
#: has PYTHONPATH set; the build must not), and prints its hash of a string straight
#: to file descriptor 2.
CONF = """\
import os
if os.environ.get("SPHINX_PROCESS_TEST") != "given" or "PYTHONPATH" in os.environ:
    raise RuntimeError("not the environment the build was given")
os.write(2, ("hash %d\\n" % hash("edition")).encode())
"""


def test_a_forked_build_is_a_build_of_its_own(tmp_path):
    (tmp_path / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "index.rst").write_text("Title\n=====\n\nA text.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["SPHINX_PROCESS_TEST"] = "given"

    # Relative folders: the build runs in the folder it is given.
    built = sphinx(["-q", "-b", "text", ".", "out"], cwd=tmp_path, env=env)
    assert built.returncode == 0, built.stderr
    assert built.stderr.startswith("hash ")  # written to the descriptor, caught
    assert "A text." in (tmp_path / "out" / "index.txt").read_text(encoding="utf-8")

    without = sphinx(["-q", "-b", "text", ".", "out2"], cwd=tmp_path,
                     env={k: v for k, v in env.items() if k != "SPHINX_PROCESS_TEST"})
    assert without.returncode == 2 and "not the environment" in without.stderr

    # A warning (a document in no toctree) fails the build with -W, and is reported.
    (tmp_path / "orphan.rst").write_text("Orphan\n======\n", encoding="utf-8")
    warned = sphinx(["-q", "-W", "-b", "text", ".", "out3"], cwd=tmp_path, env=env)
    assert warned.returncode == 1
    assert "orphan.rst: WARNING: document isn't included in any toctree" in warned.stderr

    # Forked builds share the server's hash seed; a new interpreter has another.
    again = sphinx(["-q", "-b", "text", ".", "out4"], cwd=tmp_path, env=env)
    fresh = new_process(["-q", "-b", "text", ".", "out5"], cwd=tmp_path, env=env)
    assert fresh.returncode == 0, fresh.stderr
    seen = {p.stderr.splitlines()[0] for p in (built, again)}
    assert len(seen) == 1 and fresh.stderr.splitlines()[0] not in seen
