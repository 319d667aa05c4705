"""Contributing from the page (issue 20): "Suggest a note on these words" on the essay's
chapters and "Edit this note" on every note, where conf.py names the repository (furo's
source_repository, source_branch, source_directory). The round trip: words selected in
Chromium, by mouse and by keyboard; the file the control carries written into a fresh
copy of the edition; `python -m edition check` passes and the note is in the chapter."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from tests.commands import edition
from tests.outputs import ROOT, Build, copy_project, no_downloads, sphinx_build
from tests.validators import CHROMIUM, NODE_MODULES, _need

REPOSITORY = "https://github.com/example-org/khrushchev-edition/"
WITH_REPOSITORY = ("-D", f"html_theme_options.source_repository={REPOSITORY}",
                   "-D", "html_theme_options.source_branch=main",
                   "-D", "html_theme_options.source_directory=")
CHAPTER = "chapters/02-cautious-destalinization"
#: What is selected (the page's text, note numbers included, as a reader's selection
#: takes it), how, and the quote the file must carry.
CASES = [
    {"name": "unique words, by keyboard", "text": "to overturn many of the things",
     "occurrence": 0, "exact": "to overturn many of the things", "prefix": "", "suffix": ""},
    {"name": "a word the chapter repeats", "text": "Stalin was", "occurrence": 0,
     "length": 6, "exact": "Stalin", "prefix": "that ", "suffix": ""},
    {"name": "across a note number, out of a lemma, by mouse", "drag": True,
     "text": "in 19583, ultimately", "occurrence": 0,
     "exact": "in 1958, ultimately", "prefix": "", "suffix": ""},
    {"name": "part of a citation", "text": "Rush 6", "occurrence": 0,
     "exact": "(Rush 61)", "prefix": "", "suffix": ""},
    {"name": "part of a person's name", "text": "Khrush", "occurrence": 0,
     "exact": "Nikita Khrushchev", "prefix": "of ", "suffix": ""},
    {"name": "from the title into the essay, by mouse", "in": "article", "drag": True,
     "text": "Khrushchev]", "until": "This was a process", "occurrence": 0,
     "exact": "This was a process", "prefix": "", "suffix": ""},
]
REFUSED = {"name": "one letter", "text": " a ", "occurrence": 0, "length": 2}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


@pytest.fixture(scope="module")
def site(once) -> Build:
    """The edition built as for a repository on GitHub."""
    def build(tmp: Path) -> Build:
        out = tmp / "html"
        return Build(out, sphinx_build("html", out, tmp / "doctrees",
                                       extra=(*no_downloads(tmp), *WITH_REPOSITORY)))
    return once("suggest-site", build)


@pytest.fixture(scope="module")
def offered(site, once, tmp_path_factory) -> dict:
    _need(NODE_MODULES / "puppeteer-core")

    def run(tmp: Path) -> dict:
        cases = tmp / "cases.json"
        cases.write_text(json.dumps([*CASES, REFUSED]), encoding="utf-8")
        proc = subprocess.run(["node", str(ROOT / "tests/browser/suggest.mjs"),
                               str(site.outdir / f"{CHAPTER}.html"), str(cases)],
                              cwd=ROOT, capture_output=True, text=True, timeout=300,
                              env={**__import__("os").environ, "CHROMIUM": CHROMIUM})
        assert proc.returncode == 0, proc.stderr[-3000:]
        return json.loads(proc.stdout)
    return once("suggest-offered", run)


def carried(address: str) -> tuple[str, str]:
    """The file name and content a GitHub new-file address carries."""
    query = parse_qs(urlsplit(address).query)
    return query["filename"][0], query["value"][0]


def front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_the_control_carries_a_note_file_that_anchors_once(offered, case):
    assert offered["offHost"] == [] and not offered.get("errors")
    seen = offered["cases"][case["name"]]
    assert seen["shown"] and seen["afterParagraph"], seen
    assert seen["text"] == "Suggest a note on these words"
    assert seen["address"].startswith(f"{REPOSITORY}new/main/annotations?filename=")
    name, content = carried(seen["address"])
    fields = front_matter(content)
    assert name == f"{fields['id']}.md" and fields["id"].startswith("commentary-")
    target = fields["target"]
    assert target["chapter"] == CHAPTER
    assert (target["exact"], target.get("prefix", ""), target.get("suffix", "")) == \
        (case["exact"], case["prefix"], case["suffix"])
    # Filled from the edition's template: its guidance on the fields stays; its opening
    # comments, about copying the template to a file of the note's name, do not.
    assert "# commentary | source | textual" in content
    assert content.startswith("---\nid: ") and "Copy this file" not in content
    assert "\n\n" not in content.split("---\n")[1]  # no line left blank by a field left out


def test_a_suggested_file_left_unfilled_is_refused(offered, tmp_path):
    """The page fills the target; the name and the note are the contributor's to write,
    and a file that still has the template's are refused with their lines (found by a
    newcomer's walkthrough: they were published)."""
    from edition.annotations.files import read_file

    name, content = carried(offered["cases"][CASES[0]["name"]]["address"])
    (tmp_path / name).write_text(content, encoding="utf-8")
    found = {(p.line, p.message.split(":")[0]) for p in read_file(tmp_path / name).problems}
    lines = content.splitlines()
    assert found == {(next(i for i, line in enumerate(lines, 1)
                           if line.startswith("  - name: Your Name")), "author 1"),
                     (next(i for i, line in enumerate(lines, 1)
                           if line.startswith("The note: one or a few sentences")),
                      "the note is still the template's text")}


def test_a_selection_the_anchoring_cannot_take_says_why(offered):
    seen = offered["cases"][REFUSED["name"]]
    assert seen["shown"] and seen["address"] is None
    assert seen["text"] == "Select the words of the essay the note is about."


def test_the_suggested_files_pass_the_check_and_are_in_the_chapter(offered, tmp_path):
    src = copy_project(tmp_path)
    added = {}
    for case in CASES:
        name, content = carried(offered["cases"][case["name"]]["address"])
        # As a contributor does in GitHub's editor: a name and the note; the target and
        # the rest as the page filled them.
        content = content.replace("Your Name", "A. Reader")
        content = content[:content.index("The note: one or a few sentences")] + \
            "A note on these words {cite:p}`gill2004destalinization`.\n"
        (src / "annotations" / name).write_text(content, encoding="utf-8")
        added[name.removesuffix(".md")] = case["exact"]
    check = edition("check", root=src)
    assert check.returncode == 0 and "No problems found." in check.stdout, \
        check.stdout + check.stderr
    out = tmp_path / "html"
    sphinx_build("html", out, tmp_path / "doctrees", src, no_downloads(tmp_path))
    page = soup(out / f"{CHAPTER}.html")
    for ident, exact in added.items():
        # All of its lemma: in parts where it overlaps another note's.
        parts = [page.select_one(f"#lemma-{ident}"),
                 *page.select(f'.edition-lemma-part[data-note="{ident}"]')]
        text = "".join(t for part in parts for t in part.find_all(string=True)
                       if not t.find_parent(class_="edition-editorial"))
        assert " ".join(text.split()) == exact, ident
        assert page.select_one(f"#note-{ident}") is not None
    # Nothing lost: every note of the edition is still there, beside the new ones.
    notes = {n["id"] for p in out.glob("chapters/0*.html")
             for n in soup(p).select(".edition-notes > .edition-note")}
    files = {f"note-{p.stem}" for p in src.glob("annotations/[!_]*.md")}
    own = len(list((ROOT / "annotations").glob("[!_]*.md")))
    assert notes == files and len(files) == own + len(CASES)


def test_every_note_has_edit_this_note_at_its_file(site):
    for chapter in ("chapters/01-stalins-legacy", CHAPTER, "chapters/03-speeches"):
        for note in soup(site.outdir / f"{chapter}.html").select(".edition-note"):
            link = note.select_one("a.edition-note-edit")
            ident = note["id"].removeprefix("note-")
            assert link["href"] == f"{REPOSITORY}edit/main/annotations/{ident}.md"
            assert (ROOT / "annotations" / f"{ident}.md").is_file()
            assert link.text == "Edit this note"


def test_only_the_essay_chapters_offer_to_suggest(site):
    assert soup(site.outdir / f"{CHAPTER}.html").select_one("#edition-suggest")
    for page in ("index", "chapters/introduction", "chapters/commentary"):
        assert soup(site.outdir / f"{page}.html").select_one("#edition-suggest") is None


def test_without_a_repository_there_is_neither(html_build):
    """No suggestion's data nor "Edit this note" (every page loads the scripts, among
    them edition-suggest.js, which does nothing without the data)."""
    for path in html_build.outdir.rglob("*.html"):
        found = soup(path).select("#edition-suggest, .edition-suggest, .edition-note-edit")
        assert not found, path.name


@pytest.mark.parametrize("options, found", [
    ({}, None),
    ({"source_repository": REPOSITORY}, None),  # no branch: no address made up
    ({"source_repository": "https://gitlab.com/o/n/", "source_branch": "main"}, None),
    ({"source_repository": "https://github.com/o/n", "source_branch": "dev",
      "source_directory": "docs/"}, ("https://github.com/o/n/", "dev", "docs/")),
])
def test_the_repository_comes_from_furos_options(options, found):
    from types import SimpleNamespace

    from edition import repository

    got = repository.of(SimpleNamespace(html_theme_options=options))
    assert (got and (got.address, got.branch, got.directory)) == found
    if got:
        assert got.edit("annotations/x.md") == "https://github.com/o/n/edit/dev/docs/annotations/x.md"
