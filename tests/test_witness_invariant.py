"""Reading text + recorded interventions = the witness, byte for byte; and the
contributors' commands (`python -m edition check|witness`, `make check`)."""

from __future__ import annotations

import subprocess

import pytest
from bs4 import BeautifulSoup

from edition.cli import rebuild_witness
from tests.commands import edition, edition_process
from tests.outputs import ROOT, WITNESS_PATH, copy_project, no_downloads, sphinx_build


def test_rebuilt_witness_is_byte_identical():
    data, warnings, path = rebuild_witness(ROOT)
    assert path == WITNESS_PATH
    assert warnings == ""
    assert data == WITNESS_PATH.read_bytes()


def edition_command(root, *args) -> subprocess.CompletedProcess:
    return edition(*args, root=root)


def test_witness_command_verifies(tmp_path):
    from tests.outputs import ROOT

    proc = edition_command(ROOT, "witness", "--verify")
    assert proc.returncode == 0, proc.stderr
    assert "gives back the witness exactly (2,620 bytes)" in proc.stdout
    out = tmp_path / "rebuilt.txt"
    assert edition_command(ROOT, "witness", "-o", str(out)).returncode == 0
    assert out.read_bytes() == WITNESS_PATH.read_bytes()


@pytest.fixture(scope="module")
def altered_project(tmp_path_factory):
    """The edition with one word of the essay changed, as a careless edit would."""
    root = copy_project(tmp_path_factory.mktemp("altered"))
    chapter = root / "chapters" / "03-speeches.md"
    chapter.write_text(chapter.read_text().replace("chastised", "praised"))
    return root


def test_an_altered_word_breaks_the_invariant(altered_project):
    proc = edition_command(altered_project, "witness", "--verify")
    assert proc.returncode == 1
    assert "does NOT give back the witness" in proc.stderr


def test_check_reports_the_altered_word_with_file_and_line(altered_project):
    proc = edition_command(altered_project, "check")
    assert proc.returncode == 1
    assert "chapters/03-speeches.md:" in proc.stderr
    assert "does not give back witness paragraph 3" in proc.stderr
    assert "praised" in proc.stderr and "chastised" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_check_passes_on_the_edition():
    """In a new process, as a contributor's shell runs it: nothing at all on standard
    error, what importing the extensions prints included."""
    from tests.outputs import ROOT

    proc = edition_process("--root", str(ROOT), "check")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_parallel_build_gives_the_same_pages(html_build, tmp_path):
    """With -j 2 Sphinx reads in two processes; the domain's merge must lose nothing."""
    out = tmp_path / "html-j2"
    assert sphinx_build("html", out, tmp_path / "doctrees",
                        extra=("-j", "2", *no_downloads(tmp_path))) == ""
    for page in ["chapters/apparatus.html", "chapters/commentary.html",
                 "chapters/02-cautious-destalinization.html"]:
        serial = BeautifulSoup((html_build.outdir / page).read_bytes(), "lxml")
        parallel = BeautifulSoup((out / page).read_bytes(), "lxml")
        assert parallel.select_one("article").get_text() == serial.select_one(
            "article").get_text(), page
    commentary = BeautifulSoup((out / "chapters/commentary.html").read_bytes(), "lxml")
    assert len(commentary.select(".edition-commentary-entry")) >= 5


def test_check_outside_an_edition_says_so(tmp_path):
    """In a new process, as a contributor's shell runs it: one line, no traceback."""
    proc = edition_process("--root", str(tmp_path), "check")
    assert proc.returncode == 2
    assert "conf.py" in proc.stderr and "internal error" not in proc.stderr
    assert "Traceback" not in proc.stderr
