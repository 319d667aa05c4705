"""The files that drive hosting, CI and contribution: valid, and saying what they must."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.outputs import ROOT
from tests.sphinx_process import sphinx

BIN = Path(sys.executable).parent


def run(*cmd: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)


# -- Read the Docs -------------------------------------------------------------------------


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against one of the schemas it vendors, run in this process (its
    command-line interface, through click's own test runner: the start of a new Python
    for each file cost more than the check)."""
    from check_jsonschema import main
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["--builtin-schema", f"vendor.{schema}", str(path)])
    return subprocess.CompletedProcess(["check-jsonschema", schema, str(path)],
                                       result.exit_code, result.stdout, result.stderr)


def check_rtd(path: Path) -> subprocess.CompletedProcess:
    return check_jsonschema("readthedocs", path)


def test_readthedocs_config_is_valid():
    proc = check_rtd(ROOT / ".readthedocs.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("old", "new"),
    [('python: "3.13"', 'python: "3.99"'), ("  - epub", "  - docx"),
     ("fail_on_warning: true", "fail_on_warning: often")],
    ids=["python", "format", "fail_on_warning"],
)
def test_readthedocs_schema_catches_a_bad_value(tmp_path, old, new):
    text = (ROOT / ".readthedocs.yaml").read_text()
    assert old in text
    bad = tmp_path / ".readthedocs.yaml"
    bad.write_text(text.replace(old, new))
    proc = check_rtd(bad)
    assert proc.returncode != 0
    assert "Schema validation errors were encountered" in proc.stdout + proc.stderr


def test_readthedocs_config_says_what_we_rely_on():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["build"]["tools"]["python"] == "3.13"
    assert config["sphinx"] == {"configuration": "conf.py", "fail_on_warning": True}
    assert sorted(config["formats"]) == ["epub", "pdf"]
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]


# -- GitHub Actions ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())


def test_workflow_runs_on_pull_requests_with_least_privilege(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads `on` as true
    assert "pull_request" in triggers and "pull_request_target" not in triggers
    # None for the workflow; each job asks for reading the repository, and no more.
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_workflow_tests_on_python_313_with_tex_and_keeps_pdf_and_epub(workflow):
    steps = workflow["jobs"]["test"]["steps"]
    python = [s for s in steps if s.get("uses", "").startswith("actions/setup-python")]
    assert python and python[0]["with"]["python-version"] == "3.13"
    runs = " ".join(s.get("run", "") for s in steps)
    assert "system-packages.sh test" in runs and "make test" in runs
    upload = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact")]
    paths = upload[0]["with"]["path"]
    assert "khrushchev-essay.pdf" in paths and "khrushchev-essay.epub" in paths


def test_workflow_checks_external_links_weekly(workflow):
    triggers = workflow.get("on", workflow.get(True))
    assert re.fullmatch(r"\S+ \S+ \* \* \d", triggers["schedule"][0]["cron"])
    linkcheck = workflow["jobs"]["linkcheck"]
    assert "schedule" in linkcheck["if"]
    assert any("make linkcheck" in s.get("run", "") for s in linkcheck["steps"])


# -- contribution ----------------------------------------------------------------------------


def test_issue_and_pull_request_templates():
    assert "make check" in (ROOT / ".github/PULL_REQUEST_TEMPLATE.md").read_text()
    for name in ("annotation-proposal.yml", "error-report.yml"):
        form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE" / name).read_text())
        assert form["name"] and form["description"]
        assert any(field.get("validations", {}).get("required") for field in form["body"])


def test_pre_commit_runs_the_edition_check_ruff_and_the_rtd_schema():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    # Every hook local (nothing fetched), running a tool of the project's .venv that
    # the pinned requirements install.
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    hooks = {h["id"]: h for repo in config["repos"] for h in repo["hooks"]}
    assert set(hooks) == {"edition-check", "ruff", "check-readthedocs"}
    assert hooks["edition-check"]["entry"].endswith("-m edition check")
    pinned = ((ROOT / "requirements.txt").read_text()
              + (ROOT / "requirements-test.txt").read_text())
    for hook in hooks.values():
        assert hook["language"] == "system"
        tool = hook["entry"].split()[0]
        assert tool.startswith(".venv/bin/"), tool
        if Path(tool).name != "python":  # python -m edition: the project's own command
            assert re.search(rf"^{re.escape(Path(tool).name)}==", pinned, re.MULTILINE), tool


def test_pre_commit_runs_offline_and_passes(tmp_path):
    """What a contributor's commit runs: every hook, on every file, with no network."""
    if not (ROOT / ".git").exists():
        pytest.skip("pre-commit needs the git repository; this copy has none")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    proc = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files"], cwd=ROOT,
                          capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.count("Passed") == 3, proc.stdout


def test_contributing_worked_example_is_the_real_annotation():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    example = re.search(r"```markdown\n(.*?)```", text, re.DOTALL).group(1)
    assert example == (ROOT / "annotations/source-gill-paraphrase.md").read_text()


def test_code_passes_ruff():
    proc = run(str(BIN / "ruff"), "check", ".")
    assert proc.returncode == 0, proc.stdout


def test_scripts_pass_eslint():
    """The website's scripts, the browser tests and the screenshots script pass ESLint's
    recommended rules (eslint.config.mjs), as `make lint` runs it."""
    eslint = ROOT / "node_modules" / ".bin" / "eslint"
    assert eslint.exists(), f"{eslint} is missing: run `make test`, which installs it"
    proc = run(str(eslint), "--max-warnings", "0", ".")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "eslint" in (ROOT / "Makefile").read_text().split("\nlint:", 1)[1].split("\n\n")[0]


def test_requirements_are_pinned_with_hashes():
    """Every requirement pinned to one version and to the hashes of its files; make, CI
    and Read the Docs install them in pip's hash-checking mode."""
    for name in ("requirements.txt", "requirements-test.txt", "requirements-benchmark.txt",
                 "requirements-cff.txt"):
        text = (ROOT / name).read_text()
        # One requirement per logical line ("pkg==1.0 \\ --hash=sha256:… \\ …").
        logical = re.sub(r" *\\\n\s*", " ", text)
        reqs = [line.split("#", 1)[0].strip() if not line.lstrip().startswith("--hash")
                else line.strip() for line in logical.splitlines()]
        reqs = [r for r in reqs if r and not r.startswith("-")]
        assert len(reqs) > (5 if "benchmark" in name or "cff" in name else 20), name
        for req in reqs:
            assert re.fullmatch(r"[A-Za-z0-9_.-]+==\S+( --hash=sha256:[0-9a-f]{64})+", req), req
    makefile = (ROOT / "Makefile").read_text()
    # The build's, the tests', the benchmark plot's and cffconvert's environments.
    assert makefile.count("pip install --quiet --require-hashes -r requirements") == 4
    # Read the Docs installs requirements.txt with pip, which checks hashes by itself
    # once a requirement has one.
    rtd = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert rtd["python"]["install"] == [{"requirements": "requirements.txt"}]


def test_sphinx_does_not_walk_the_environments_and_caches():
    """Sphinx walks every folder that exclude_patterns does not exclude (include_patterns
    only filter the files found): a benchmark environment of 5,000 files in the project
    made each check half a second slower."""
    from sphinx.util.matching import Matcher

    namespace: dict = {"__file__": str(ROOT / "conf.py")}
    exec((ROOT / "conf.py").read_text(encoding="utf-8"), namespace)
    excluded = Matcher(namespace["exclude_patterns"])
    for folder in (".git", ".venv", ".venv-benchmark", ".cache", ".pytest_cache",
                   "node_modules", "_build", "tests"):
        assert excluded(folder), folder
    for page in ("index.md", "chapters/01-stalins-legacy.md"):
        assert not excluded(page), page


def test_the_build_environment_has_no_matplotlib():
    """Where matplotlib is installed, sphinxext-opengraph imports it on every build
    (0.7 s here, social cards or not): the benchmark's plot has an environment of its
    own (requirements-benchmark.txt, .venv-benchmark)."""
    for name in ("requirements.txt", "requirements-test.txt"):
        assert "\nmatplotlib==" not in (ROOT / name).read_text(), name
    assert "\nmatplotlib==" in (ROOT / "requirements-benchmark.txt").read_text()


# -- the Read the Docs build, as Read the Docs runs it -----------------------------------------

SLUG = "khrushchev-essay"
CANONICAL = f"https://{SLUG}.readthedocs.io/en/latest/"


@pytest.fixture(scope="module")
def rtd_build(once):
    """Run the command sequence Read the Docs runs, in a copy of the project (once)."""
    return once("rtd", _rtd_build)


def _rtd_build(tmp):
    from tests.outputs import copy_project

    src = copy_project(tmp)
    out = src / "_readthedocs"
    env = {
        **__import__("os").environ,
        "READTHEDOCS": "True", "READTHEDOCS_PROJECT": SLUG, "READTHEDOCS_VERSION": "latest",
        "READTHEDOCS_LANGUAGE": "en", "READTHEDOCS_OUTPUT": str(out),
        "READTHEDOCS_CANONICAL_URL": CANONICAL,
    }
    results = {}
    for fmt, builder in (("html", "html"), ("pdf", "latex"), ("epub", "epub")):
        results[fmt] = sphinx(
            ["-T", "-W", "--keep-going", "-b", builder, "-d", "_build/doctrees", "-D",
             "language=en", ".", str(out / fmt)], cwd=src, env=env)
    results["latexmk"] = subprocess.run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-f", "-dvi-", "-ps-", f"-jobname={SLUG}",
         "-interaction=nonstopmode"],
        cwd=out / "pdf", env=env, capture_output=True, text=True)
    return out, results


def test_rtd_sequence_succeeds(rtd_build):
    _, results = rtd_build
    for step, proc in results.items():
        assert proc.returncode == 0, f"{step}: {proc.stdout[-2000:]}{proc.stderr[-2000:]}"


def test_rtd_pdf_has_no_latex_errors(rtd_build):
    """Read the Docs reports success whenever a PDF appears; we read the log."""
    out, results = rtd_build
    log = (out / "pdf" / f"{SLUG}.log").read_text(errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert errors == []
    # The printed index (xindy) works without Sphinx's Makefile, which RTD does not use.
    latexmk = results["latexmk"].stdout + results["latexmk"].stderr
    assert "gave an error" not in latexmk
    assert (out / "pdf" / f"{SLUG}.ind").stat().st_size > 0
    assert [p.name for p in (out / "pdf").glob("*.pdf")] == [f"{SLUG}.pdf"]


def test_rtd_epub_is_one_file(rtd_build):
    out, _ = rtd_build
    assert [p.name for p in (out / "epub").glob("*.epub")] == [f"{SLUG}.epub"]


def test_rtd_html_links_its_canonical_url(rtd_build):
    out, _ = rtd_build
    page = (out / "html" / "index.html").read_text()
    assert f'<link rel="canonical" href="{CANONICAL}index.html"' in page


def test_rtd_build_carries_the_version(rtd_build):
    """As a local build does: on every page, in Cite this (with the address) and in
    the Highwire tags; in the PDF's front matter."""
    import runpy

    release = runpy.run_path(str(ROOT / "conf.py"))["release"]
    out, _ = rtd_build
    page = (out / "html" / "chapters" / "introduction.html").read_text(encoding="utf-8")
    assert f"Version {release} of the edition" in page
    assert f'<meta name="prism.edition" content="version {release}" />' in page
    assert f"version {release}, " in page and f"{CANONICAL}chapters/introduction.html" in page
    tex = (out / "pdf" / f"{SLUG}.tex").read_text(encoding="utf-8")
    assert rf"\providecommand{{\editionrelease}}{{{release}}}" in tex




@pytest.mark.parametrize(
    ("schema", "path"),
    [("citation-file-format", "CITATION.cff"),
     ("github-workflows", ".github/workflows/ci.yml"),
     ("github-issue-forms", ".github/ISSUE_TEMPLATE/annotation-proposal.yml"),
     ("github-issue-forms", ".github/ISSUE_TEMPLATE/error-report.yml")],
)
def test_file_matches_its_published_schema(schema, path):
    proc = check_jsonschema(schema, ROOT / path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_citation_cff_invents_no_person():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert cff["authors"] == [{"name": "The edition's contributors"}]
    assert cff["version"] == __import__("conf").release


def test_the_internals_map_matches_the_code():
    """The developer's guide's one-line-per-module map (docs/developer/architecture.md)
    names every module of the extension, and nothing that is not there."""
    guide = (ROOT / "docs/developer/architecture.md").read_text(encoding="utf-8")
    section = guide.split("\n## The extension, file by file\n")[1].split("\n## ")[0]
    named = set(re.findall(r"`(edition/[\w/.-]+)`", section))
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "edition").rglob("*")
               if p.suffix in {".py", ".json"} and p.name != "__init__.py"
               or p.is_dir() and p.name in {"static", "latex", "theme", "templates"}}
    modules = {m + "/" if (ROOT / m).is_dir() else m for m in modules}
    modules.add("edition/__init__.py")
    modules -= {m for m in modules if "__pycache__" in m}
    assert named == modules, (sorted(named - modules), sorted(modules - named))


def test_every_warning_subtype_is_documented():
    """docs/developer/warnings.md gives a row to each subtype of the edition's
    warnings, and to nothing else."""
    from edition.messages import Subtype

    guide = (ROOT / "docs/developer/warnings.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"(?m)^\| `edition\.(\w+)` \|", guide))
    assert rows == {subtype.value for subtype in Subtype}


# -- make: each format keeps its own environment ------------------------------------------------


def test_a_note_edited_reaches_every_format_built_after_it(tmp_path):
    """`make html` then `make epub` after a note is edited: the EPUB has the edit too.
    With one environment shared by the formats (Sphinx's own Makefile shares one), the
    HTML build took the edit and the EPUB build then found nothing to write (found by a
    newcomer following CONTRIBUTING). The Makefile's own commands (make -n), on the
    small fixture edition."""
    from tests.project import copy_root

    src = copy_root("edition", tmp_path)
    dry = subprocess.run(["make", "-n", "html", "epub",
                          f"VENV={Path(sys.executable).parent.parent}"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    commands = [line for line in dry.splitlines() if " -m sphinx " in line]
    assert len(commands) == 2 and "doctrees/html" in commands[0] \
        and "doctrees/epub" in commands[1]

    def build() -> None:
        for command in commands:  # `python -m sphinx ARGS`: ARGS, run as Sphinx runs them
            argv = shlex.split(command)
            assert argv[0] == f"{Path(sys.executable).parent}/python" and \
                argv[1:3] == ["-m", "sphinx"], command  # nothing else this would drop
            args = argv[3:]
            # (what EPUB 3 needs, which the fixture's conf.py lacks)
            built = sphinx([*args, "-D", "version=1", "-D", "copyright=Fixture"], cwd=src)
            assert built.returncode == 0, built.stderr

    build()
    note = src / "annotations/note-steps.md"
    note.write_text(note.read_text(encoding="utf-8") + "An edit, made later.\n",
                    encoding="utf-8")
    build()
    assert "An edit, made later." in (src / "_build/html/chapters/01-essay.html").read_text()
    assert "An edit, made later." in (src / "_build/epub/chapters/01-essay.xhtml").read_text()
