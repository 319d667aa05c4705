"""Careless or hostile input: each fails `make check` and the build with a message that
names the file and line, and no traceback."""

from __future__ import annotations

import shutil

import pytest

from tests.commands import edition
from tests.outputs import BuildError, run
from tests.project import copy_root, edit
from tests.sphinx_process import sphinx

NOTE = "notes/old-order.md"


def check(root) -> str:
    """What `python -m edition check` prints for a project (it must fail)."""
    proc = edition("check", root=root)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


def layout_with(tmp_path, path: str, old: str, new: str):
    root = copy_root("layout", tmp_path)
    (root / path).write_text(edit(root / path, old, new), encoding="utf-8")
    return root


NFD = "The old order ende\u0301d"  # an e and a combining acute accent


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ('exact: "The old order ended"', f'exact: "{NFD}"', 9,
     "target exact is not in Unicode NFC form"),
    ('exact: "The old order ended"', 'exact: "The old\u200b order ended"', 9,
     "target exact contains an invisible character (U+200B)"),
    ("which Smith describes", "which [Smith](javascript:alert(1)) describes", 11,
     "a link to a javascript: address is not allowed in a note"),
    ("which Smith describes", "which <javascript:alert(1)> describes", 11,
     "a link to a javascript: address is not allowed in a note"),
], ids=["nfd-quote", "zero-width-quote", "javascript-link", "javascript-autolink"])
def test_a_hostile_note(tmp_path, old, new, line, message):
    root = layout_with(tmp_path, NOTE, old, new)
    out = check(root)
    assert f"{NOTE}:{line}: WARNING: {message}" in out, out


def test_a_javascript_url_in_a_record(tmp_path):
    root = layout_with(tmp_path, "works.bib", "  year      = {2000},",
                       "  year      = {2000},\n  url       = {javascript:alert(1)},")
    out = check(root)
    assert "works.bib:1: WARNING: smith2000report: URL 'javascript:alert(1)' is not an " \
           "http(s) address" in out, out


def test_a_record_whose_latex_breaks_the_pdf(tmp_path):
    """`\\par` in a title ends the paragraph inside the entry's emphasis: the PDF build
    stops. The check refuses it first, naming the record."""
    root = layout_with(tmp_path, "works.bib", "{A Report}", "{A Report \\par in two}")
    out = check(root)
    assert ("works.bib:1: WARNING: smith2000report: `title` uses the LaTeX command \\par, "
            "which the edition cannot typeset safely") in out, out
    # Without the check (the warning not an error), the PDF indeed does not build.
    if shutil.which("latexmk") is None:
        pytest.skip("no latexmk here")
    out_dir = tmp_path / "latex"
    built = sphinx(["-q", "-b", "latex", str(root), str(out_dir)])
    assert built.returncode == 0, built.stderr
    with pytest.raises(BuildError):
        run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-",
             "-interaction=nonstopmode", "-halt-on-error", "layoutfixture.tex"], cwd=out_dir)


@pytest.mark.parametrize(("block", "line"), [
    ("```{include} ../../../etc/passwd\n```\n", 6),
    ("```{literalinclude} /../../etc/hostname\n```\n", 6),
    ("```{image} ../../outside.png\n```\n", 6),
    ("![a picture](../../outside.png)\n", 6),
    ("```{csv-table}\n:file: ../../data.csv\n```\n", 7),
], ids=["include", "literalinclude", "image", "markdown-image", "csv-file"])
def test_a_path_that_leaves_the_project(tmp_path, block, line):
    root = copy_root("layout", tmp_path)
    page = root / "people.md"
    page.write_text(page.read_text() + "\n" + block, encoding="utf-8")
    out = check(root)
    assert f"people.md:{line}: WARNING: the path " in out, out
    assert "leads outside the project" in out and "[edition.path]" in out
    assert out.count("WARNING") == 1, out  # the refused directive reads nothing
    assert "root:" not in out  # nothing of /etc/passwd was read


def test_a_path_inside_the_project_is_fine(tmp_path):
    root = copy_root("layout", tmp_path)
    page = root / "people.md"
    page.write_text(page.read_text() + "\n```{literalinclude} works.bib\n```\n",
                    encoding="utf-8")
    proc = edition("check", root=root)
    assert proc.returncode == 0, proc.stderr


def test_a_path_that_is_no_path_is_refused_without_a_traceback(tmp_path):
    root = copy_root("layout", tmp_path)
    page = root / "people.md"
    page.write_text(page.read_text() + "\n![x](a\x00b.png)\n", encoding="utf-8")
    out = check(root)
    assert "people.md:6: WARNING: the path " in out, out


# -- weak points (issue 29): each a located message, never a RecursionError -------------------


def test_a_front_matter_nested_a_thousand_deep(tmp_path):
    root = copy_root("edition", tmp_path)
    note = root / "annotations/note-steps.md"
    note.write_text(edit(note, "type: source", "type: source\nextra: " + "{a: " * 990
                         + "}" * 990), encoding="utf-8")
    out = check(root)
    assert ("annotations/note-steps.md:4: WARNING: the front matter is nested 991 levels "
            "deep; an annotation's fields are at most 3 levels deep") in out, out


def test_a_thousand_notes_on_the_same_words(tmp_path):
    """Twenty are kept; each of the others is refused at its `exact:` line with what to
    do. (Before, the build stopped with a RecursionError that named no file.)"""
    root = copy_root("edition", tmp_path)
    note = (root / "annotations/note-steps.md").read_text(encoding="utf-8")
    for i in range(1000):
        (root / f"annotations/many-{i:04}.md").write_text(
            note.replace("id: note-steps", f"id: many-{i:04}"), encoding="utf-8")
    out = check(root)
    refused = [line for line in out.splitlines() if "WARNING" in line]
    assert len(refused) == 1001 - 20, out[-2000:]
    assert ("annotations/many-0020.md:10: WARNING: the quote 'Steps were small' cannot be "
            "marked: 20 other notes already quote exactly these words, the most one passage "
            "can carry; merge this note into one of them, or quote other words "
            "[edition.anchor]") in out
    assert not any("many-0019.md" in line for line in refused)
