"""A checkout that carries a build folder, a cache or compiled Python is refused by CI
and by Read the Docs before anything of it runs: a file committed under `_build/` (`git
add -f`) could be a pickle, which runs code when a build loads it; a `.pyc` can run
instead of its source. The shell commands are taken from the workflow
and from .readthedocs.yaml as they stand, and run on small git repositories."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.outputs import ROOT

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def ci_refusal() -> str:
    """The CI test job's first step after the checkout: its shell command."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    checkout = next(i for i, step in enumerate(steps)
                    if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout == 0
    return steps[checkout + 1]["run"]


def rtd_refusal() -> str:
    """Read the Docs' commands right after its checkout, before it installs anything."""
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    jobs = config["build"]["jobs"]
    assert list(jobs) == ["post_checkout"]
    return "\n".join(jobs["post_checkout"])


#: (which, the command, how its platform runs it): GitHub's `bash -eo pipefail`; Read the
#: Docs' shell is not documented, so the plainest one.
REFUSALS = [("ci", ci_refusal(), ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c"]),
            ("rtd", rtd_refusal(), ["sh", "-c"])]


def repository(folder: Path, committed: dict[str, bytes]) -> Path:
    """A git repository with conf.py, an ignored build folder (not committed), and
    `committed` (forced past .gitignore)."""
    folder.mkdir()
    (folder / ".gitignore").write_text("/_build/\n/.venv/\nnode_modules/\n/.cache/\n",
                                       encoding="utf-8")
    (folder / "conf.py").write_text("project = 'x'\n", encoding="utf-8")
    (folder / "_build" / "html").mkdir(parents=True)
    (folder / "_build" / "html" / "index.html").write_text("built\n", encoding="utf-8")
    (folder / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "refuse-tracked-ignored.sh", folder / "scripts")
    for name, content in committed.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["add", "-f", "--", *committed],
                 ["commit", "-q", "-m", "tree"]):
        subprocess.run(["git", "-C", str(folder), *args], env=GIT_ENV, check=True,
                       capture_output=True)
    return folder


def run(shell: list[str], command: str, cwd: Path, ci: bool) -> subprocess.CompletedProcess:
    env = {**GIT_ENV, "GITHUB_ACTIONS": "true"} if ci else \
        {k: v for k, v in GIT_ENV.items() if k != "GITHUB_ACTIONS"}
    return subprocess.run([*shell, command], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=60)


@pytest.mark.parametrize(("which", "command", "shell"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_clean_checkout_passes(tmp_path, which, command, shell):
    proc = run(shell, command, repository(tmp_path / "clean", {}), which == "ci")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("cache", ["_build/doctrees/environment.pickle",
                                   "_build/check/readings.pickle", ".cache/kept.pickle",
                                   ".venv/lib/site.py", ".venv-cff/bin/tool",
                                   "node_modules/pkg/index.js",
                                   "edition/__pycache__/cli.cpython-313.pyc",
                                   "edition/cli.pyc", "tests/roots/kept.pickle"])
@pytest.mark.parametrize(("which", "command", "shell"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_a_committed_build_folder_or_cache_is_refused(tmp_path, which, command, shell, cache):
    proc = run(shell, command, repository(tmp_path / "repo", {cache: b"\x80\x04pickle."}),
               which == "ci")
    assert proc.returncode != 0
    lines = proc.stdout.splitlines()
    assert "git tracks build folders, caches or compiled Python" in lines[0]
    assert lines[0].startswith("::error::") == (which == "ci")
    assert lines[1:] == [f"tracked: {cache}"]


@pytest.mark.parametrize(("which", "command", "shell"), REFUSALS, ids=[r[0] for r in REFUSALS])
def test_no_file_name_can_write_a_workflow_command(tmp_path, which, command, shell):
    """GitHub's runner reads `::command::` at the start of a line (after spaces) and
    the legacy `##[command]` anywhere in one: a name prints as neither."""
    hostile = {"_build/::stop-commands::pause": b"x",
               "_build/a\n::notice file=README.md::Approved": b"x",
               "_build/x ##[error]forged": b"x", "_build/\u00e9t\u00e9": b"x"}
    proc = run(shell, command, repository(tmp_path / "repo", hostile), which == "ci")
    assert proc.returncode != 0
    first, *names = proc.stdout.splitlines()
    assert first.startswith("::error::") == (which == "ci")
    assert set(names) == {"tracked: _build/??stop-commands??pause",
                          "tracked: _build/a???notice?file?README.md??Approved",
                          "tracked: _build/x????error?forged", "tracked: _build/??t??"}
    assert not any("::" in name or "##[" in name for name in names)
