"""A stranger's pull request is data, never code (SECURITY.md).

Each class of hostile contribution — a link that publishes a file, an image, a page
smuggled through a link, raw HTML and directives in the registers, a bibliography
field's address, a line forged into the CI log, a committed cache, a symbolic link — is
refused by `make check` with a located message; and, built in every format with the
builds kept going past their errors, the edition publishes nothing of a canary file
outside the project, no script and no address it does not allow."""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from edition.trust import caches
from edition.trust.links import contributed_link_problem, maintained_link_problem
from edition.trust.logs import no_command, one_line
from edition.trust.markup import markup_problems
from tests.commands import edition
from tests.outputs import copy_project, pdftotext, run
from tests.project import copy_root
from tests.sphinx_process import sphinx

CANARY = "CANARY-3e1b9c7d-never-published"
GIT_ENV = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


def markdown(text: str) -> list[tuple[int, str]]:
    from edition.annotations.bodycheck import default_markdown

    return markup_problems(default_markdown().parse(text), "a note")


# -- the policy, on its own ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "refusal"), [
    ("[the list](../../../../etc/passwd)", "would publish that file"),
    ("[conf](../conf.py)", "would publish that file"),
    ("[env](/proc/self/environ)", "would publish that file"),
    ("[page](docs/sources.html)", "would publish that file"),
    ("![](https://tracker.example/p.gif)", "an image is not allowed"),
    ("![](http://10.0.0.1/p.gif)", "an image is not allowed"),
    ("[x](http://example.org)", "a link to a http: address is not allowed"),
    ("[x](//tracker.example/p)", "has no https: before it"),
    ("[x](mailto:a@example.org)", "a link to a mailto: address is not allowed"),
    ("[x](java&#115;cript:alert(1))", "a link to a javascript: address is not allowed"),
    ("[x][r]\n\n[r]: data:text/html,hi", "a link to a data: address is not allowed"),
    ("<path:../conf.py>", "a link to a path: address is not allowed"),
    ("<b onmouseover=alert(1)>x</b>", "raw HTML is not allowed"),
    ("<script>alert(1)</script>", "raw HTML is not allowed"),
    ("{download}`f <../conf.py>`", "the role {download} is not allowed"),
    ("{eval-rst}`x`", "the role {eval-rst} is not allowed"),
    ("```{eval-rst}\n.. include:: /etc/passwd\n```", "the directive {eval-rst}"),
    (" ```{literalinclude} /etc/hostname\n ```", "the directive {literalinclude}"),
    (":::{raw} latex\n\\input{/etc/passwd}\n:::", "the directive {raw}"),
    ("(label)=\ntext", "a target"),
    ("text[^1]\n\n[^1]: a footnote", "a footnote"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", "a table"),
], ids=lambda v: v if len(v) < 24 else None)
def test_the_policy_refuses(text, refusal):
    problems = markdown(text)
    assert any(refusal in message for _, message in problems), problems


@pytest.mark.parametrize("text", [
    "A note that cites {cite:p}`rush1965succession{59}`, with *emphasis* and **bold**.",
    "See [the source](https://www.history.com/articles/nikita-khrushchev).",
    "See [the introduction](../chapters/introduction.md#sources) and [above](#notes).",
    "- a list\n- of items\n\n> a quotation",
    "A `code span`, and a\n\n```text\nplain code block\n```",
])
def test_the_policy_takes_prose(text):
    assert markdown(text) == []


def test_link_rules():
    assert contributed_link_problem("https://example.org/a") is None
    assert contributed_link_problem(" JaVa\tScRiPt:alert(1)") is not None
    assert contributed_link_problem("https:///nohost") is not None
    assert maintained_link_problem("mailto:editors@example.org") is None
    assert maintained_link_problem("javascript:alert(1)") is not None


def test_a_log_line_is_one_line_and_no_workflow_command():
    forged = "1953\n::notice file=README.md::Approved\r\n::stop-commands::x"
    assert "\n" not in one_line(forged) and "\r" not in one_line(forged)
    assert one_line(forged).startswith("1953\\n::notice")
    assert no_command("::error::x") == "› ::error::x"
    assert no_command("  ::error::x") == "›   ::error::x"
    assert no_command("WARNING: x ##[error]forged") == "WARNING: x ##\\[error]forged"


# -- the whole edition, in every format ----------------------------------------------------

HOSTILE_NOTE = """\
---
id: {id}
type: commentary
authors:
  - name: A. Stranger
date: 2026-11-20
target:
  chapter: chapters/03-speeches
  exact: "the desired results"
---
{body} {{cite:p}}`taubman2003khrushchev{{45}}`.
"""

HOSTILE_PERSONS = """
- id: mallory
  name: Mallory Evil
  mentions: [Mallory Evil]
  dates: "1900"
  role: "<script>alert(1)</script> <img src=x onerror=alert(2)> {cite:p}`taubman2003khrushchev`"
- id: mallory-two
  name: Mallory Two
  mentions: [Mallory Two]
  dates: "1901"
  role: |
    ```{literalinclude} ../../canary/secret.txt
    ```
    {cite:p}`taubman2003khrushchev`
- id: mallory-three
  name: Mallory Three
  mentions: [Mallory Three]
  dates: "1902"
  role: |
    ```{raw} latex
    \\input{../../canary/secret.txt}
    ```
    {eval-rst}`x` {cite:p}`taubman2003khrushchev`
"""

HOSTILE_CHRONOLOGY = """
- date: "1953\\n::notice file=README.md::Approved"
  event: "A forged date {cite:p}`taubman2003khrushchev`."
"""

HOSTILE_PAGE = """

See [the list](../../canary/secret.txt), [the configuration](../conf.py) and
{download}`the secret <../../canary/secret.txt>`.

 ```{literalinclude} ../../canary/secret.txt
 ```
"""

SMUGGLED_PAGE = """

```{eval-rst}
.. include:: ../../canary/secret.txt
```
"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A copy of the edition with every class of hostile contribution, a git history
    whose first commit is the edition as it is, and the canary outside it."""
    tmp = tmp_path_factory.mktemp("hostile")
    (tmp / "canary").mkdir()
    (tmp / "canary" / "secret.txt").write_text(CANARY + "\n", encoding="utf-8")
    root = copy_project(tmp)
    git = lambda *a: subprocess.run(["git", "-C", str(root), *a], check=True,  # noqa: E731
                                    capture_output=True, env={**os.environ, **GIT_ENV})
    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-qm", "the edition")
    notes = {
        "commentary-hostile-file": "See [the list](../../canary/secret.txt)",
        "commentary-hostile-conf": "See [the configuration](../conf.py)",
        "commentary-hostile-image": "See ![a pixel](https://tracker.example/p.gif)",
        "commentary-hostile-script": "See [x](java&#115;cript:alert(1))",
        "commentary-hostile-data": "See [x][r]\n\n[r]: data:text/html,<script>alert(1)</script>\n",
    }
    for ident, body in notes.items():
        (root / "annotations" / f"{ident}.md").write_text(
            HOSTILE_NOTE.format(id=ident, body=body), encoding="utf-8")
    for path, extra in (("registers/persons.yaml", HOSTILE_PERSONS),
                        ("registers/chronology.yaml", HOSTILE_CHRONOLOGY),
                        ("chapters/principles.md", HOSTILE_PAGE),
                        ("chapters/contributors.md", SMUGGLED_PAGE)):
        with open(root / path, "a", encoding="utf-8") as handle:
            handle.write(extra)
    # Changes that publish something besides an entry's or a note's text: the printed
    # index's form of a name, and an author's ORCID iD (the TEI, the Web Annotations).
    persons = root / "registers" / "persons.yaml"
    persons.write_text(persons.read_text(encoding="utf-8").replace(
        "index: Stalin, Joseph", "index: Hitler, Adolf", 1), encoding="utf-8")
    reign = root / "annotations" / "commentary-reign.md"
    reign.write_text(reign.read_text(encoding="utf-8").replace(
        "  - name: The edition’s editors\n",
        "  - name: The edition’s editors\n    orcid: 0000-0002-1825-0097\n", 1),
        encoding="utf-8")
    bib = root / "references.bib"
    text = bib.read_text(encoding="utf-8")
    text = re.sub(r"(@\w+\{taubman2003khrushchev,\n)",
                  r"\1  annotation = {Archived copy: \\url{javascript:alert(1)}},\n", text)
    bib.write_text(text, encoding="utf-8")
    return root


def test_make_check_refuses_each_with_a_located_message(hostile):
    proc = edition("check", root=hostile, env={"GITHUB_ACTIONS": "true"})
    out = proc.stderr
    assert proc.returncode == 1 and "Traceback" not in out, out
    expected = [
        ("annotations/commentary-hostile-file.md:11:", "would publish that file"),
        ("annotations/commentary-hostile-conf.md:11:", "would publish that file"),
        ("annotations/commentary-hostile-image.md:11:", "an image is not allowed"),
        ("annotations/commentary-hostile-script.md:11:", "javascript: address"),
        ("annotations/commentary-hostile-data.md:13:", "data: address"),
        ("registers/persons.yaml:", "raw HTML is not allowed in a register entry"),
        ("registers/persons.yaml:", "the directive {literalinclude} is not allowed"),
        ("registers/persons.yaml:", "the directive {raw} is not allowed"),
        ("registers/chronology.yaml:", "`date` holds a line break"),
        ("references.bib:", "`annotation` links to 'javascript:alert(1)'"),
        ("chapters/principles.md:", "would be published as a download"),
        ("chapters/principles.md:", "leads outside the project"),
        ("chapters/contributors.md", "a file outside the project"),
    ]
    lines = out.splitlines()
    for where, what in expected:
        assert any(where in line and what in line for line in lines), (where, what, out)
    # No line of the log is a workflow command but the edition's own error marks.
    printed = (proc.stdout + proc.stderr).splitlines()
    commands = [line for line in printed if line.lstrip().startswith("::")]
    assert commands and all(line.startswith("::error file=") for line in commands), commands
    assert not any(line.lstrip().startswith(("::notice", "::stop-commands"))
                   for line in printed)


FORMATS = ("html", "epub", "latex", "tei")


@pytest.fixture(scope="module")
def built(hostile, tmp_path_factory):
    """Each format, built with the errors reported and the build kept going."""
    out = tmp_path_factory.mktemp("hostile-builds")
    results = {}
    for builder in FORMATS:
        proc = sphinx(["-W", "--keep-going", "-n", "-q", "-b", builder, "-d",
                       str(out / "doctrees" / builder), str(hostile), str(out / builder)],
                      cwd=hostile)
        results[builder] = proc
    return out, results


def test_every_build_fails_loudly(built):
    _, results = built
    for builder, proc in results.items():
        assert proc.returncode != 0, builder
        assert "[edition." in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


def _outputs(folder: Path):
    for path in folder.rglob("*"):
        if path.is_file():
            yield path, path.read_bytes()


def test_no_output_holds_the_canary(built, hostile):
    out, _ = built
    files = list(_outputs(out))
    assert len(files) > 50
    leaked = [str(p) for p, data in files if CANARY.encode() in data]
    assert leaked == []
    assert not list(out.rglob("_downloads")) or not any(
        p.is_file() for p in out.rglob("_downloads/**/*"))
    assert not [p for p in out.rglob("*") if p.name in {"conf.py", "secret.txt"}]
    if shutil.which("latexmk"):
        pdf = _pdf(out / "latex")
        assert CANARY not in pdftotext(pdf)


def _pdf(latex: Path) -> Path:
    run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
         "-halt-on-error", "khrushchev-essay.tex"], cwd=latex)
    return latex / "khrushchev-essay.pdf"


UNSAFE_ADDRESS = re.compile(r"^\s*(javascript|data|vbscript|file):", re.IGNORECASE)


def test_no_page_holds_script_or_an_unsafe_address(built):
    out, _ = built
    pages = [p for p in out.rglob("*") if p.suffix in {".html", ".xhtml"}]
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_bytes(), "html.parser")
        for tag in soup.find_all(True):
            assert not any(a.lower().startswith("on") for a in tag.attrs), (page, tag)
            for attr in ("href", "src", "action", "formaction", "xlink:href"):
                value = tag.get(attr)
                if isinstance(value, str):
                    assert not UNSAFE_ADDRESS.match(value), (page, tag)
                    if tag.name == "img":
                        assert "://" not in value, (page, tag)
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), page
    for export in [*out.rglob("*.jsonld"), *out.rglob("*.xml")]:
        text = export.read_text(encoding="utf-8")
        assert not re.search(r"\"(id|source|target)\": \"(javascript|data):", text)
        assert "<script" not in text


def test_the_review_never_renders_what_the_check_refuses(hostile):
    proc = edition("review", "main", root=hostile)
    assert proc.returncode == 1, proc.stderr
    assert CANARY not in proc.stdout
    assert "<script" not in proc.stdout and "onerror" not in proc.stdout.replace(
        "onerror=", "")  # not as markup, not even quoted in a rendered entry
    assert "Mallory Evil" not in proc.stdout.split("### Problems")[0]
    # What else a change publishes is shown: the printed index's form, an ORCID iD.
    assert "Printed index: Hitler, Adolf" in proc.stdout
    assert "ORCID 0000-0002-1825-0097" in proc.stdout


# -- caches a checkout cannot carry ----------------------------------------------------------


class _Runs:
    """A pickle that, when loaded, leaves a file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _git_layout(tmp_path: Path) -> Path:
    root = copy_root("layout", tmp_path)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    return root


def test_a_committed_build_folder_stops_check_and_read_the_docs(tmp_path):
    root = _git_layout(tmp_path)
    marker = tmp_path / "the-pickle-ran"
    doctrees = root / "_build" / "doctrees"
    doctrees.mkdir(parents=True)
    (doctrees / "environment.pickle").write_bytes(pickle.dumps(_Runs(marker)))
    (root / "_build" / "check").mkdir()
    (root / "_build" / "check" / "environment.pickle").write_bytes(pickle.dumps(_Runs(marker)))
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "add", "-f", "_build"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-qm", "x"], check=True, env=env)
    proc = edition("check", root=root)
    assert proc.returncode == 2, proc.stderr
    assert "git tracks files under the build folder" in proc.stderr
    assert "git rm -r --cached _build" in proc.stderr and "Traceback" not in proc.stderr
    # Read the Docs' own command line.
    proc = sphinx(["-T", "-b", "html", "-d", "_build/doctrees", ".", "_build/html"], cwd=root)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "git tracks files under the build folder" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not marker.exists()


def test_a_kept_reading_not_sealed_here_is_never_unpickled(tmp_path):
    root = copy_root("layout", tmp_path)
    assert edition("check", root=root).returncode == 0
    marker = tmp_path / "the-pickle-ran"
    kept = root / "_build" / "check"
    forged = sorted((kept / "edition-annotation-files").glob("*.pickle"))
    assert forged
    for path in forged:
        path.write_bytes(pickle.dumps(_Runs(marker)))
    (root / "notes" / "old-order.md").touch()  # the annotation files are read again
    proc = edition("check", root=root)
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists()
    # Sealed with this machine's key, the same bytes are read (what makes keeping worth it).
    payload = pickle.dumps(("x", {}))
    assert caches.unseal(caches.seal(payload)) == payload
    assert caches.unseal(b"\0" * 32 + payload) is None


# -- the registers as strict as notes ---------------------------------------------------------


@pytest.mark.parametrize(("extra", "message"), [
    ("- id: x\n  name: X\n  dates: d\n  role: r {cite:p}`smith2000report`\n  bio: more\n",
     "unknown field 'bio'"),
    ("- &a\n  id: x\n  name: X\n  dates: d\n  role: r {cite:p}`smith2000report`\n- *a\n",
     "YAML aliases (*name) are not allowed"),
    ("- id: x\n  name: X\n\tdates: d\n", "a tab"),
    ("- id: x\n  name: \"X\\u200b\"\n  dates: d\n  role: r {cite:p}`smith2000report`\n",
     "invisible character (U+200B)"),
    ("- id: x\n  name: X\n  dates: d\n"
     "  role: \"[a](file:///etc/passwd) {cite:p}`smith2000report`\"\n",
     "a link to a file: address is not allowed in a register entry"),
], ids=["unknown-field", "alias", "tab", "zero-width", "file-link"])
def test_a_register_entry_is_as_strict_as_a_note(tmp_path, extra, message):
    root = copy_root("layout", tmp_path)
    with open(root / "data" / "people.yaml", "a", encoding="utf-8") as handle:
        handle.write(extra)
    proc = edition("check", root=root)
    assert proc.returncode == 1
    assert "data/people.yaml:" in proc.stderr and message in proc.stderr, proc.stderr


def test_a_symlinked_register_is_refused(tmp_path):
    root = copy_root("layout", tmp_path)
    outside = tmp_path / "elsewhere.yaml"
    shutil.move(root / "data" / "people.yaml", outside)
    (root / "data" / "people.yaml").symlink_to(outside)
    proc = edition("check", root=root)
    assert proc.returncode == 1
    assert "people.yaml is a symbolic link" in proc.stderr, proc.stderr


def test_a_declared_asset_may_be_offered_and_nothing_else(tmp_path):
    root = copy_root("layout", tmp_path)
    page = root / "people.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{download}`the works <works.bib>`\n",
                    encoding="utf-8")
    refused = edition("check", root=root)
    assert "'works.bib' would be published as a download" in refused.stderr
    conf = root / "conf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + 'edition_assets = ["works.bib"]\n',
                    encoding="utf-8")
    assert edition("check", root=root).returncode == 0


def test_compiled_python_committed_stops_the_check(tmp_path):
    """A .pyc can stand in for its source: refused even where .gitignore would let it in."""
    root = _git_layout(tmp_path)
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "conf.cpython-313.pyc").write_bytes(b"\0" * 16)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    proc = edition("check", root=root)
    assert proc.returncode == 2, proc.stderr
    assert "__pycache__/conf.cpython-313.pyc" in proc.stderr


def test_the_tree_guard_runs_before_any_python_and_forges_no_log_line(tmp_path):
    """scripts/refuse-tracked-ignored.sh: make's first step, CI's and Read the Docs'."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "refuse-tracked-ignored.sh"
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(script, repo / "scripts")
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    clean = subprocess.run([str(repo / "scripts" / script.name)], capture_output=True,
                           text=True)
    assert clean.returncode == 0, clean.stderr
    forged = repo / "_build" / "x\n::notice file=README.md::Approved"
    forged.parent.mkdir()
    forged.write_text("x", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "add", "-f", "_build"], check=True, env=env)
    refused = subprocess.run([str(repo / "scripts" / script.name)], capture_output=True,
                             text=True)
    assert refused.returncode == 1
    assert "git tracks build folders, caches or compiled Python" in refused.stdout
    assert not any(line.strip().startswith("::")
                   for line in (refused.stdout + refused.stderr).splitlines())


# -- what an independent attack found (second pass) -----------------------------------------


def test_a_linked_template_is_refused_and_never_offered(tmp_path):
    """annotations/_template.md is offered to every reader who suggests a note: as a link
    to a file of the machine it published that file (the build's environment too)."""
    from edition.annotations.rawfile import template_text

    root = copy_root("layout", tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text(CANARY, encoding="utf-8")
    (root / "notes" / "_template.md").symlink_to(secret)
    assert template_text(root / "notes" / "_template.md") == ""
    proc = edition("check", root=root)
    assert proc.returncode == 1
    assert "_template.md is a symbolic link" in proc.stderr, proc.stderr
    assert CANARY not in proc.stdout + proc.stderr


def test_a_linked_annotations_folder_is_refused_whole(tmp_path):
    root = copy_root("layout", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (root / "notes").rename(elsewhere)
    (elsewhere / "stray.txt").write_text("x", encoding="utf-8")
    (root / "notes").symlink_to(elsewhere)
    proc = edition("check", root=root)
    assert proc.returncode == 1
    assert "the folder notes/ is a symbolic link" in proc.stderr, proc.stderr
    assert "stray.txt" not in proc.stderr  # nothing behind it is listed


def test_tex_output_is_quoted_for_the_ci_log(tmp_path):
    """TeX prints a note's words when it sets them badly: make's PDF step quotes them."""
    script = Path(__file__).resolve().parent.parent / "scripts" / "quote-log.sh"
    printed = subprocess.run(
        [str(script), "sh", "-c", "printf 'a\\n  ::error::Approved\\nx ##[error]y\\n'; exit 3"],
        capture_output=True, text=True)
    assert printed.returncode == 3
    assert not any(line.strip().startswith("::") or "##[" in line
                   for line in printed.stdout.splitlines()), printed.stdout
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "scripts/quote-log.sh latexmk" in makefile


@pytest.mark.parametrize(("record", "message"), [
    ("title = {{\\emph{Foo}} Bar},", "`title` cannot be read (unbalanced braces)"),
    ('title = "Ends with a backslash\\",', "`title` cannot be read (it ends with a backslash)"),
    ("title = {A \x1b[31m title},", "it holds a control character"),
], ids=["braces", "backslash", "control"])
def test_a_record_the_edition_cannot_read_is_a_located_problem(tmp_path, record, message):
    root = copy_root("layout", tmp_path)
    with open(root / "works.bib", "a", encoding="utf-8") as handle:
        handle.write("\n@book{zed2001foo,\n  author = {Zed, Zack},\n  " + record +
                     "\n  publisher = {Pub},\n  year = {2001},\n}\n")
    proc = edition("check", root=root)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "internal error" not in proc.stderr
    assert "works.bib:" in proc.stderr and message in proc.stderr, proc.stderr


def test_dates_and_short_titles_that_broke_the_formatting():
    from edition.bibliography.citestyle import shorten_title
    from edition.bibliography.entrystyle import mla_date

    assert mla_date("2024-13-01") == "2024-13-01"
    assert mla_date("2024-05-01") == "1 May 2024"
    short = shorten_title("{{Dilemmas of Power}}")
    assert short.count("{") == short.count("}")


@pytest.mark.parametrize(("body", "line", "message"), [
    ("A bell \x07 here {cite:p}`smith2000report`.", 11, "a control character (U+0007)"),
    ("| a | b |\n|---|---|\n| 1 | 2 |", 11, "a table is not allowed"),
], ids=["control", "table"])
def test_more_refusals_say_what_and_where_once(tmp_path, body, line, message):
    root = copy_root("layout", tmp_path)
    note = root / "notes" / "old-order.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.split("---\n")[0] + "---\n" + text.split("---\n")[1] + "---\n" +
                    body + "\n", encoding="utf-8")
    proc = edition("check", root=root)
    assert proc.returncode == 1
    located = [ln for ln in proc.stderr.splitlines() if "old-order.md:" in ln]
    assert len(located) == 1 and f"old-order.md:{line}:" in located[0], proc.stderr
    assert message in located[0]


def test_a_line_break_in_a_note_is_published(tmp_path):
    """Two spaces at a line's end are a line break, which MyST makes as raw output: the
    guard takes that, and only that, from contributed text."""
    root = copy_root("layout", tmp_path)
    note = root / "notes" / "old-order.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "A note on the old order,", "A note on the old order,  \nwhich"), encoding="utf-8")
    assert edition("check", root=root).returncode == 0


def test_an_author_name_on_two_lines_is_refused(tmp_path):
    root = copy_root("layout", tmp_path)
    note = root / "notes" / "old-order.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "  - name: A. Editor", '  - name: "Eve\\r\\r## Approved"'), encoding="utf-8")
    proc = edition("check", root=root)
    assert proc.returncode == 1 and "a line break or another control" in proc.stderr


def test_the_review_cannot_be_forged_or_overfilled():
    from edition.review.report import MOST_QUOTED, escape, problems_block, quoted

    assert "\r" not in escape("Eve\r\r## What this change does") and \
        "\n##" not in escape("Eve\r\r## What")
    assert len(quoted("x" * 100_000)) < MOST_QUOTED + 200
    block = problems_block("\n".join(["y" * 5000] * 1000))
    assert len("\n".join(block)) < 200 * 700


def test_a_character_the_typeface_lacks_is_refused_where_it_is_written(tmp_path):
    """XeLaTeX stops the PDF on a missing glyph, naming no file: the check names it."""
    root = copy_root("layout", tmp_path)
    note = root / "notes" / "old-order.md"
    note.write_text(note.read_text(encoding="utf-8").replace(
        "A note on the old order,", "A note on the old order (毛泽东),"), encoding="utf-8")
    with open(root / "works.bib", "a", encoding="utf-8") as handle:
        handle.write("\n@book{zed2001foo,\n  author = {Zed, Zack},\n  title = {A 🙂 title},"
                     "\n  publisher = {Pub},\n  year = {2001},\n}\n")
    for _ in range(2):  # and again: the refused record is not forgotten by a kept reading
        proc = edition("check", root=root)
        assert proc.returncode == 1
        assert "old-order.md:11: WARNING: the character '毛' (U+6BDB) is not in the " \
               "edition's typeface" in proc.stderr, proc.stderr
        assert "works.bib:" in proc.stderr and "(U+1F642)" in proc.stderr, proc.stderr


def test_the_typeface_s_characters_are_the_fonts_own():
    """edition/trust/glyphs.txt is what scripts/glyphs.py makes from the packaged fonts."""
    import runpy

    script = runpy.run_path(str(Path(__file__).resolve().parent.parent /
                                "scripts" / "glyphs.py"))
    if not all(face.is_file() for face in script["FACES"]):
        pytest.skip("the packaged EB Garamond is not installed here")
    assert script["OUT"].read_text(encoding="utf-8") == \
        script["text"](script["ranges"](script["FACES"]))
