"""`python -m edition review BASE`: what a change does to the edition, on a git copy of
the edition with a sample change (a note added, one changed, one removed, a person and a
date of the chronology edited), with a broken note, with a change that is not only notes
(conf.py, a binary file, a renamed and a deleted file, a file with a hostile name, a note
with links, a register entry with raw HTML and an included file), and with a cache
committed under `_build/`. Each review builds the edition twice (BASE and the working
tree), writing nothing."""

from __future__ import annotations

import os
import pickle
import re
import subprocess
import tempfile
from pathlib import Path

import pytest

from edition.cli import main
from tests.commands import edition, edition_process
from tests.outputs import ROOT, copy_project
from tests.project import edit

GIT_ENV = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}

NEW_NOTE = """\
---
id: commentary-desired-results
type: commentary
authors:
  - name: A. Reviewer
date: 2026-11-20
target:
  chapter: chapters/03-speeches
  exact: "the desired results"
---
Which results were desired is not said {cite:p}`taubman2003khrushchev{45}`.
"""


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], env=GIT_ENV, check=True,
                           capture_output=True, text=True).stdout


def committed_copy(dest: Path) -> Path:
    """A copy of the edition in a new git repository: a first, empty commit (no
    edition in it), then the edition, on `main`."""
    repo = copy_project(dest)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "commit", "-q", "--allow-empty", "-m", "empty")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the edition")
    return repo


def git_state(repo: Path) -> tuple:
    """What the review must leave as it was: the status, the index, the worktrees."""
    return (git(repo, "status", "--porcelain", "--untracked-files=all"),
            (repo / ".git" / "index").read_bytes(), git(repo, "worktree", "list"))


def run_review(repo: Path, *args: str) -> tuple[int, str]:
    """(exit status, the review) of `review` on `repo`, in this process."""
    out = repo.parent / "review.md"
    status = main(["--root", str(repo), "review", *args, "-o", str(out)])
    return status, out.read_text(encoding="utf-8") if out.exists() else ""


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The edition committed, then changed in the working tree (not committed: the
    review reads the working tree as it stands), and reviewed against `main`, the
    default BASE where there is no origin/main."""
    repo = committed_copy(tmp_path_factory.mktemp("review"))
    (repo / "annotations" / "commentary-desired-results.md").write_text(NEW_NOTE,
                                                                        encoding="utf-8")
    reign = repo / "annotations" / "commentary-reign.md"
    reign.write_text(edit(reign, "Neither Stalin nor Khrushchev was a monarch",
                          "Neither Stalin nor Khrushchev was ever a monarch"), encoding="utf-8")
    (repo / "annotations" / "source-rush-61.md").unlink()
    persons = repo / "registers" / "persons.yaml"
    persons.write_text(edit(persons, "8 February 1955; defeated June 1957",
                            "8 February 1955; defeated 29 June 1957"),
                       encoding="utf-8")
    chronology = repo / "registers" / "chronology.yaml"
    chronology.write_text(edit(chronology, "Death of Stalin {cite", "Stalin dies {cite"),
                          encoding="utf-8")
    before = git_state(repo)
    temporary = tmp_path_factory.mktemp("tmp")
    tempfile.tempdir, kept = str(temporary), tempfile.tempdir
    try:
        status, report = run_review(repo)
    finally:
        tempfile.tempdir = kept
    return {"status": status, "report": report, "repo": repo, "before": before,
            "after": git_state(repo), "left": list(temporary.iterdir())}


def section(report: str, heading: str) -> str:
    """The part of the review under `heading`, up to the next heading of its level."""
    level = heading.split(" ")[0]
    part = report.split(f"\n{heading}")[1]
    return part.split(f"\n{level} ")[0]


def test_the_review_says_what_it_compares_and_that_there_is_no_problem(sample):
    report = sample["report"]
    assert sample["status"] == 0, report
    assert report.startswith("## What this change does to the edition\n")
    assert "Compared with `main` (commit `" in report
    assert ("notes: 1 added, 1 changed, 1 removed; index of persons: 1 changed; "
            "chronology: 1 changed.") in report
    assert "No problems found." in report and "### Problems" not in report
    assert "The extension (`edition/`) differs" not in report


def test_an_added_note_is_given_where_it_stands_and_as_readers_read_it(sample):
    added = section(sample["report"], "### Notes added (1)")
    assert "#### `commentary-desired-results`" in added
    assert ("Commentary · [Khrushchev’s speeches against Stalin] · ¶ 3 · note 6 · "
            "lemma “the desired results” (`annotations/commentary-desired-results.md`)"
            ) in added
    # The citation as readers see it, never its source.
    assert "> Which results were desired is not said (Taubman 45)." in added
    assert "{cite" not in sample["report"] and "taubman2003khrushchev" not in sample["report"]


def test_a_changed_note_gives_its_text_now_and_before(sample):
    changed = section(sample["report"], "### Notes changed (1)")
    assert "#### `commentary-reign`: the text changed" in changed
    assert "In the text: “Khrushchev was a monarch” → “Khrushchev was ever a monarch”." \
        in changed
    now, before = changed.split("\nBefore: ")
    assert "Now: Commentary · [Stalin’s legacy and a new leadership] · ¶ 1 · " in now
    assert "lemma “during his reign”" in now
    assert "> Neither Stalin nor Khrushchev was ever a monarch" in now
    assert "> Neither Stalin nor Khrushchev was a monarch" in before
    # The citation of the note, rendered, in both.
    assert now.count("(see Taubman)") == before.count("(see Taubman)") == 1


def test_a_removed_note_is_given_as_it_was(sample):
    removed = section(sample["report"], "### Notes removed (1)")
    assert "#### `source-rush-61`\n" in removed
    assert "· ¶ 2 · note 11 · lemma “(Rush 61)” (`annotations/source-rush-61.md`)" in removed
    assert "(Rush, Political Succession)" in removed


def test_register_entries_changed_are_listed_with_before_and_after(sample):
    persons = section(sample["report"], "### Index of persons: 1 changed")
    assert ("- changed (the heading): **Georgy Malenkov (premier 5 March 1953 – 8 February 1955; "
            "defeated 29 June 1957)**") in persons
    assert "  - before: **Georgy Malenkov (premier 5 March 1953 – 8 February 1955; defeated June " \
           "1957)**" in persons
    chronology = section(sample["report"], "### Chronology: 1 changed")
    assert "- changed (the text): **5 March 1953** — Stalin dies (see Rubenstein)." in chronology
    assert "  - before: **5 March 1953** — Death of Stalin (see Rubenstein)." in chronology


def test_the_review_leaves_the_repository_as_it_was_and_no_folder_behind(sample):
    assert sample["after"] == sample["before"]
    assert sample["left"] == []


def test_a_change_of_notes_and_registers_only_says_so_in_one_line(sample):
    title, rest = sample["report"].split("\n", 1)
    assert title == "## What this change does to the edition"
    assert rest.lstrip("\n").split("\n")[0] == "This change touches only notes and registers."
    assert "not only notes" not in sample["report"]


def test_a_note_is_given_with_its_authors_its_date_and_its_links(sample):
    added = section(sample["report"], "### Notes added (1)")
    # A citation's link is the edition's own: not one of the note's links.
    assert "\nAuthors: A. Reviewer; date: 20 Nov. 2026. Links: none.\n" in added


# -- a change that is not only notes ------------------------------------------------------

LINKED_NOTE = NEW_NOTE.replace(
    "Which results were desired is not said",
    "Which results were desired is said in [a source](https://example.org/src?p=2) and "
    "in [the chronology](../chapters/chronology.md), not")
CANARY = "CANARY-review-9f2c1e"
ODD_NAME = "odd`name\n# Approved by the maintainers.txt"


def hostile_person(canary: Path) -> str:
    """A person whose role holds raw HTML and includes a file from outside the project
    (``../`` beyond the top of the file system stays at its top)."""
    outside = "../" * 30 + str(canary).lstrip("/")
    return (f"\n- id: mallory\n  name: Mallory\n  dates: died 1953\n  role: |-\n"
            f"    A person <script>alert(1)</script> {{cite:p}}`{{see}}rubenstein2016last`.\n\n"
            f"    ```{{literalinclude}} {outside}\n    ```\n")


@pytest.fixture(scope="module")
def not_only_notes(tmp_path_factory):
    """The edition committed on `main`; then, committed on a branch, conf.py changed,
    a binary file added and another renamed; then, in the working tree, a file deleted,
    a binary file and a file with a hostile name added (not committed), a note with
    links added and a person whose role holds raw HTML and a file's text."""
    top = tmp_path_factory.mktemp("not-only-notes")
    repo = committed_copy(top)
    canary = top / "canary.txt"
    canary.write_text(CANARY + "\n", encoding="utf-8")
    git(repo, "switch", "-q", "-c", "change")
    with (repo / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("\n# a change to the configuration\n")
    (repo / "docs" / "diagram.bin").write_bytes(b"\x00\x01binary\x00" * 10)
    git(repo, "mv", "docs/pdf-essay-page.png", "docs/pdf-page.png")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "not only notes")
    (repo / "benchmarks" / "plot.py").unlink()
    (repo / "scripts" / "tool.bin").write_bytes(b"ELF\x00\x00\x00")
    (repo / ODD_NAME).write_text("hostile\n", encoding="utf-8")
    (repo / "annotations" / "commentary-desired-results.md").write_text(LINKED_NOTE,
                                                                        encoding="utf-8")
    with (repo / "registers" / "persons.yaml").open("a", encoding="utf-8") as persons:
        persons.write(hostile_person(canary))
    before = git_state(repo)
    status, report = run_review(repo, "main")
    return {"status": status, "report": report, "before": before, "after": git_state(repo)}


def path_lines(report: str) -> dict[str, str]:
    """The lines of the list of paths that are not notes, by the path's code span."""
    listed = section(report, "### This change is not only notes")
    return {m.group(1): m.group(0)
            for m in re.finditer(r"^- (`+ ?.+? ?`+): .*$", listed, re.M)}


def test_what_is_not_a_note_is_listed_first_conf_py_before_the_notes(not_only_notes):
    report = not_only_notes["report"]
    headings = [line for line in report.splitlines() if line.startswith("#")]
    assert headings[:3] == ["## What this change does to the edition",
                            "### This change is not only notes", "### Notes and registers"]
    assert report.index("`conf.py`") < report.index("### Notes added (1)")
    assert "only notes and registers." not in report
    lines = path_lines(report)
    assert lines["`conf.py`"] == "- `conf.py`: modified"
    assert lines["`benchmarks/plot.py`"] == "- `benchmarks/plot.py`: deleted"
    assert lines["`docs/pdf-page.png`"].startswith(
        "- `docs/pdf-page.png`: renamed from `docs/pdf-essay-page.png` · **binary file**")
    # Binary, committed (git counts no lines) or not committed yet (a NUL byte in it).
    assert lines["`docs/diagram.bin`"] == "- `docs/diagram.bin`: added · **binary file**"
    assert lines["`scripts/tool.bin`"] == ("- `scripts/tool.bin`: added (not committed) · "
                                           "**binary file**")
    # The notes' files and the registers are not in the list: they are reviewed below.
    assert not any(path.startswith(("`annotations/", "`registers/")) for path in lines)
    assert len(lines) == 6, lines


def test_a_hostile_file_name_is_shown_as_code_on_one_line(not_only_notes):
    report = not_only_notes["report"]
    assert "- ``odd`name\\n# Approved by the maintainers.txt``: added (not committed)" \
        in report
    assert not any(line.startswith("# Approved") for line in report.splitlines())


def test_a_new_note_shows_where_its_links_go(not_only_notes):
    added = section(not_only_notes["report"], "### Notes added (1)")
    assert "#### `commentary-desired-results`" in added
    assert ("Links: `https://example.org/src?p=2`, `chapters/chronology.html`."
            in added), added


def test_a_register_entry_with_raw_html_or_an_included_file_is_never_shown(not_only_notes):
    report = not_only_notes["report"]
    assert CANARY not in report
    # Not even escaped; a problem's message, in its code block, may quote it.
    shown = re.sub(r"\n### Problems\n\n```text\n.*?\n```\n", "\n", report, flags=re.S)
    assert "alert(1)" not in shown and "script\\>" not in shown and "script>" not in shown


def test_the_review_of_code_leaves_the_repository_as_it_was(not_only_notes):
    assert not_only_notes["after"] == not_only_notes["before"]


def test_what_the_check_refuses_in_a_register_or_a_note_is_withheld_whatever_the_check():
    """The review's own guard, beside the check's: an entry or a note whose rendered
    doctree holds raw markup, a file's text or an image is never given as it renders."""
    from docutils import nodes

    from edition.review.published import WITHHELD, Published, _registers

    def person(ident: str, *content: nodes.Node) -> nodes.definition_list_item:
        term = nodes.term("", ident.title(), ids=[f"person-{ident}"])
        return nodes.definition_list_item("", term, nodes.definition("", *content))

    register = nodes.definition_list(
        "", person("plain", nodes.paragraph("", "A person.")),
        person("raw", nodes.paragraph("", "A person."),
               nodes.raw("", "<script>alert(1)</script>", format="html")),
        person("included", nodes.literal_block(CANARY, CANARY, source="/etc/canary")),
        person("image", nodes.paragraph("", "", nodes.image(uri="https://t.example/p.gif"))),
        classes=["edition-persons"])
    found = Published()
    _registers(register, found)
    assert found.persons["plain"].text == "A person."
    for ident in ("raw", "included", "image"):
        assert found.persons[ident].text == WITHHELD, ident


class Canary:
    """A pickle that, loaded, writes a file: what a committed cache can do."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self):
        return (Path.write_text, (self.path, "the pickle ran"))


def test_a_cache_committed_under_an_ignored_folder_is_flagged_and_never_loaded(tmp_path):
    repo = committed_copy(tmp_path)
    git(repo, "switch", "-q", "-c", "change")
    ran = tmp_path / "pickle-ran"
    for cache in ("_build/doctrees/environment.pickle", "_build/check/readings.pickle"):
        (repo / cache).parent.mkdir(parents=True, exist_ok=True)
        (repo / cache).write_bytes(pickle.dumps(Canary(ran)))
    git(repo, "add", "-f", "_build")
    git(repo, "commit", "-q", "-m", "a cache")
    status, report = run_review(repo, "main")
    assert not ran.exists()
    assert status == 1  # the build refuses a checkout that carries a build folder
    lines = path_lines(report)
    for cache in ("_build/doctrees/environment.pickle", "_build/check/readings.pickle"):
        assert lines[f"`{cache}`"] == (
            f"- `{cache}`: added · **binary file** · **under a folder git ignores (tracked "
            "nonetheless)** · **in a build or cache folder**")
    assert report.index("`_build/") < report.index("Compared with `main`")


def test_every_path_but_the_notes_and_registers_is_listed_with_what_git_hides(tmp_path):
    """The list of paths on a small repository (no build): what a change can hide from
    a quick look, flagged whatever its own .gitattributes and .gitignore say."""
    from edition.review.paths import changed_paths, not_only_notes
    from edition.review.published import Sources

    repo = tmp_path / "repo"
    (repo / "annotations").mkdir(parents=True)
    (repo / ".gitignore").write_text("/_build/\n", encoding="utf-8")
    (repo / "annotations" / "a.md").write_text("a\n", encoding="utf-8")
    (repo / "conf.py").write_text("", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    # The change calls every file text (git's numstat then counts a binary file's lines)
    # and no longer ignores node_modules.
    (repo / ".gitattributes").write_text("* diff\n", encoding="utf-8")
    (repo / "annotations" / "b.md").write_text("b\n", encoding="utf-8")
    (repo / "annotations" / "c.md").symlink_to("../conf.py")
    (repo / "annotations" / "data.bin").write_bytes(b"\0")
    (repo / "lib" / "node_modules").mkdir(parents=True)
    (repo / "lib" / "node_modules" / "x.js").write_text("x\n", encoding="utf-8")
    (repo / "_build").mkdir()
    (repo / "_build" / "env.pickle").write_text("(text-looking pickle\n", encoding="utf-8")
    (repo / "run.sh").write_text("#!/bin/sh\n", encoding="utf-8")
    (repo / "run.sh").chmod(0o755)
    git(repo, "add", "-A")
    git(repo, "add", "-f", "_build")
    git(repo, "commit", "-q", "-m", "change")
    (repo / "annotations" / "a.md").unlink()
    base = git(repo, "rev-parse", "main~1").strip()
    sources = [Sources("annotations", ("registers/persons.yaml",))]
    listed = {c.path: (c.kind, c.flags)
              for c in not_only_notes(changed_paths(repo, base), "", sources)}
    assert listed == {
        ".gitattributes": ("added", ()),
        "_build/env.pickle": ("added", ("under a folder git ignores (tracked nonetheless)",
                                        "in a build or cache folder")),
        "annotations/c.md": ("added", ("symbolic link",)),
        "annotations/data.bin": ("added", ("binary file",)),
        "lib/node_modules/x.js": ("added", ("in a build or cache folder",)),
        "run.sh": ("added", ("executable",)),
    }
    # A change cannot make its own files notes by moving the notes' folder in conf.py:
    # a path is a note's file only where BASE's settings and the tree's both say so.
    from edition.review.paths import ChangedPath

    moved = [Sources("annotations", ()), Sources("lib", ())]
    assert not_only_notes([ChangedPath("lib/x.md", "added"),
                           ChangedPath("annotations/d.md", "added")], "", moved) == [
        ChangedPath("lib/x.md", "added"), ChangedPath("annotations/d.md", "added")]
    assert not_only_notes([ChangedPath("sub/annotations/d.md", "added")], "sub/",
                          sources) == []


def test_a_tree_that_cannot_be_read_still_gets_the_list_and_the_reason(tmp_path, monkeypatch):
    from edition.review import command
    from edition.review.published import Published, Sources, Unreadable

    repo = committed_copy(tmp_path)
    (repo / "conf.py").write_text("this is not Python\n", encoding="utf-8")

    def read_tree(srcdir: Path) -> Published:  # BASE read without a build, for speed
        if srcdir.resolve() == repo.resolve():
            raise Unreadable("conf.py: There is a syntax error in your configuration file")
        return Published(sources=Sources("annotations", ("registers/persons.yaml",)))

    monkeypatch.setattr(command, "read_tree", read_tree)
    status, report = run_review(repo, "main")
    assert status == 1
    assert path_lines(report) == {"`conf.py`": "- `conf.py`: modified"}
    problems = section(report, "### Problems")
    assert ("The edition in the working tree cannot be read:\nconf.py: There is a syntax "
            "error") in problems
    assert "### Notes" not in report.split("### Notes and registers")[1]


def test_a_broken_note_is_reported_with_its_file_and_line_and_fails(tmp_path):
    repo = committed_copy(tmp_path)
    note = repo / "annotations" / "commentary-reign.md"
    note.write_text(edit(note, 'exact: "during his reign"', 'exact: "during his rein"'),
                    encoding="utf-8")
    with (repo / "edition" / "__init__.py").open("a", encoding="utf-8") as module:
        module.write("# a change to the extension\n")
    status, report = run_review(repo, "main")
    assert status == 1
    assert "**Problems found**" in report and "No problems found" not in report
    # Both trees are read with this one's extension: the review says so.
    assert "The extension (`edition/`) differs from the one at the base." in report
    problems = section(report, "### Problems")
    assert "annotations/commentary-reign.md:9: WARNING: " in problems, problems
    assert "[edition.anchor]" in problems
    assert str(repo) not in report  # paths relative to the edition
    # Its file is still there: not "removed", but not published while it is broken.
    removed = section(report, "### Notes removed (1)")
    assert ("#### `commentary-reign` — not published now: its file has a problem (see "
            "Problems)") in removed


def cli(*args: str, **env: str) -> subprocess.CompletedProcess:
    return edition(*args, env={**GIT_ENV, **env})


@pytest.mark.parametrize("base", ["no-such-branch", "-rf", "HEAD~5"])
def test_a_base_that_is_no_commit_gives_one_line_and_exit_2(tmp_path, base):
    repo = committed_copy(tmp_path)
    proc = cli("--root", str(repo), "review", "--", base)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"edition review: {base!r} is not a commit")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_a_base_without_the_edition_gives_one_line_and_exit_2(tmp_path):
    repo = committed_copy(tmp_path)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    # In a new process, as a contributor's shell runs it (the temporary folder is read
    # from TMPDIR once per process).
    proc = edition_process("--root", str(repo), "review", first, cwd=ROOT,
                           env={**GIT_ENV, "TMPDIR": str(temporary)})
    assert proc.returncode == 2
    assert proc.stderr == (f"edition review: commit {first[:12]} has no conf.py: it holds "
                           "no edition to compare with\n")
    assert list(temporary.iterdir()) == []


def test_outside_a_repository_the_review_says_so(tmp_path):
    proc = cli("--root", str(tmp_path), "review", "main",
               GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    assert proc.returncode == 2
    assert proc.stderr == f"edition review: {tmp_path} is not in a git repository\n"


def test_the_help_says_when_the_review_fails():
    proc = cli("review", "--help")
    flat = " ".join(proc.stdout.split())
    assert "1 when the working tree has problems" in flat
    assert "2 when BASE is not a commit" in flat


def test_text_from_the_edition_never_becomes_markup():
    from edition.review.report import escape, quoted

    assert escape("*a* _b_ `c` [d](e) [f]: g <b>h</b> ~i~ x|y &amp; [j]") == (
        "\\*a\\* \\_b\\_ \\`c\\` [d\\](e) [f\\]: g \\<b\\>h\\</b\\> \\~i\\~ x\\|y \\&amp; [j]")
    assert escape("# 1\n- 2\n3. 4\n> 5") == "\\# 1\n\\- 2\n3\\. 4\n\\> 5"
    assert quoted("one\n\ntwo") == "> one\n>\n> two"


def test_a_changed_text_is_shown_word_by_word_the_first_few_differences():
    from edition.review.report import MOST_CHANGES, word_list

    # Differences two words apart or closer go together, with two words either side.
    assert word_list("Zero one two three four.", "Zero one two, three five.") == (
        "In the text: “one two three four.” → “one two, three five.”.")
    before = " ".join(f"w{i} a b c d e x{i}" for i in range(MOST_CHANGES + 2))
    after = before.replace("x", "q")
    assert word_list(before, after).endswith("; and 2 more.")
