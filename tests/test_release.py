"""Releases a scholar can cite: one version, said the same everywhere the edition states
it; a release workflow that builds and attaches the edition's files; workflows that pass
zizmor, every action pinned to the commit of its release."""

from __future__ import annotations

import json
import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from edition.bibliography.entrystyle import mla_date
from tests.outputs import ROOT, epub_xhtml, pdftotext

BIN = Path(sys.executable).parent
CFF_VENV = ROOT / ".venv-cff"
CONF = runpy.run_path(str(ROOT / "conf.py"))
VERSION = CONF["release"]
CITATION = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
ZENODO = json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))

release_files = runpy.run_path(
    str(ROOT / "scripts" / "release-files.py"))


def first_version_heading(path: Path) -> str:
    """The version of a changes list's newest section ("## 0.3 — …" or "## 0.3 (…)")."""
    match = re.search(r"^## (\d+(?:\.\d+)+)\b", path.read_text(encoding="utf-8"), re.M)
    assert match, f"{path} has no version section"
    return match.group(1)


# -- one version, the same everywhere ------------------------------------------------------


def test_the_version_is_the_same_wherever_the_edition_states_it():
    assert re.fullmatch(r"\d+\.\d+(\.\d+)?", VERSION)
    assert CONF["version"] == VERSION
    assert str(CITATION["version"]) == VERSION
    assert ZENODO["version"] == VERSION
    assert first_version_heading(ROOT / "CHANGELOG.md") == VERSION
    assert first_version_heading(ROOT / "chapters" / "changes.md") == VERSION
    # The home page and the imprint state it from conf.py ({edition-citation},
    # {imprint}), never written out in the page's source.
    index = (ROOT / "index.md").read_text(encoding="utf-8")
    assert re.findall(r"version (\d+(?:\.\d+)+)", index, re.IGNORECASE) == []
    assert "{edition-citation}" in index and "{imprint}" in index


def test_the_release_date_is_the_same_wherever_it_is_stated():
    date = CONF["edition_published"]
    assert str(CITATION["date-released"]) == date == ZENODO["publication_date"]
    assert re.search(rf"^## {re.escape(VERSION)} — {date}$",
                     (ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), re.M)


def test_zenodo_and_citation_cff_describe_the_same_work():
    def words(text: str) -> str:
        return " ".join(text.split())

    assert ZENODO["title"] == CITATION["title"]
    assert words(ZENODO["description"]) == words(CITATION["abstract"])
    assert [c["name"] for c in ZENODO["creators"]] == [a["name"] for a in CITATION["authors"]]
    assert ZENODO["keywords"] == CITATION["keywords"]


def test_the_home_page_and_the_epub_imprint_cite_this_version(html_build, epub_build):
    cited = f"version {VERSION}, {mla_date(CONF['edition_published'])}."
    home = BeautifulSoup((html_build.outdir / "index.html").read_bytes(), "lxml")
    assert cited in " ".join(home.select_one(".edition-citation").get_text().split())
    imprint = BeautifulSoup(epub_xhtml(epub_build.artifact)["index.xhtml"], "lxml")
    assert cited in " ".join(imprint.select_one(".edition-imprint").get_text().split())


def test_the_pdf_title_page_and_the_tei_give_the_version(pdf_build, html_build):
    text = " ".join(pdftotext(pdf_build.artifact).split())
    assert f"version {VERSION}" in text.lower()
    tei = (html_build.outdir / "khrushchev-essay.xml").read_text(encoding="utf-8")
    assert f'<edition n="{VERSION}">Version {VERSION}</edition>' in tei


def cffconvert(path: Path) -> subprocess.CompletedProcess:
    if not (CFF_VENV / "bin" / "cffconvert").exists():
        pytest.skip("cffconvert is not installed: `make test` installs it in .venv-cff")
    return subprocess.run([str(CFF_VENV / "bin" / "cffconvert"), "--validate", "-i",
                           str(path)], capture_output=True, text=True)


def test_citation_cff_is_valid_for_cffconvert():
    proc = cffconvert(ROOT / "CITATION.cff")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "valid" in proc.stdout


def test_cffconvert_refuses_a_broken_citation_cff(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8")
                      .replace('date-released: "', 'date-released: "sometime '),
                      encoding="utf-8")
    assert cffconvert(broken).returncode != 0


# -- the release's files ----------------------------------------------------------------------


def fake_build(builddir: Path) -> None:
    for source, _ in release_files["FILES"]:
        path = builddir / source.format(name="khrushchev-essay")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")


def test_a_release_carries_the_files_named_with_the_version(tmp_path):
    fake_build(tmp_path)
    written = release_files["collect"](tmp_path, f"v{VERSION}")
    assert sorted(p.name for p in written) == sorted([
        f"khrushchev-essay-{VERSION}.pdf", f"khrushchev-essay-{VERSION}.epub",
        f"khrushchev-essay-{VERSION}.tei.xml",
        f"khrushchev-essay-{VERSION}.annotations.jsonld", "NOTES.md"])
    notes = (tmp_path / "release" / "NOTES.md").read_text(encoding="utf-8")
    assert notes.startswith(f"## {VERSION} — ") and "\n## " not in notes


def test_a_tag_that_is_not_the_version_stops_the_release(tmp_path):
    fake_build(tmp_path)
    with pytest.raises(SystemExit, match=f"does not name the version in conf.py .{VERSION}"):
        release_files["collect"](tmp_path, "v9.9")


def test_a_missing_build_output_stops_the_release(tmp_path):
    fake_build(tmp_path)
    (tmp_path / "epub" / "khrushchev-essay.epub").unlink()
    with pytest.raises(SystemExit, match="khrushchev-essay.epub is missing"):
        release_files["collect"](tmp_path)


def release_workflow() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text())


def uses(step: dict, action: str) -> bool:
    return step.get("uses", "").startswith(f"{action}@")


def test_the_release_workflow_builds_checks_the_tag_and_publishes():
    workflow = release_workflow()
    assert workflow[True]["push"]["tags"] == ["v*"]  # YAML reads the key `on` as True
    assert workflow["permissions"] == {}
    build, publish = workflow["jobs"]["build"], workflow["jobs"]["publish"]
    # The build, which runs the repository's code, may only read the repository.
    assert build["permissions"] == {"contents": "read"}
    checkout = [step for step in build["steps"] if uses(step, "actions/checkout")]
    assert len(checkout) == 1 and checkout[0]["with"]["persist-credentials"] is False
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert 'make release-files PYTHON=python3.13 TAG="$TAG"' in runs
    upload = [step for step in build["steps"] if uses(step, "actions/upload-artifact")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "_build/release/"
    assert upload[0]["with"]["if-no-files-found"] == "error"
    # The publishing job takes those files, and only those, once the build has passed.
    assert publish["needs"] == "build"
    assert publish["permissions"] == {"contents": "write"}
    download = [step for step in publish["steps"] if uses(step, "actions/download-artifact")]
    assert len(download) == 1
    assert download[0]["with"]["name"] == upload[0]["with"]["name"]
    folder = download[0]["with"]["path"]
    runs = " ".join(step.get("run", "") for step in publish["steps"])
    assert 'gh release create "$TAG" --repo "$GITHUB_REPOSITORY" --verify-tag' in runs
    assert f"--notes-file {folder}/NOTES.md" in runs
    for suffix in ("pdf", "epub", "xml", "jsonld"):
        assert f"{folder}/*.{suffix}" in runs


#: What runs the repository's own code in a step's shell: its build, its Python, its
#: scripts, its environment, any file of the checkout.
REPOSITORY_CODE = re.compile(r"\bmake\b|python|scripts/|\.venv|(^|\s)\./|\bnpm\b|\bnode\b")


def test_no_job_that_may_write_runs_the_repositorys_code():
    """A job holding a token that can write has no checkout, no local action and no
    shell step that runs the build, Python, the scripts or the environment: what a
    commit's code does, it does with read access only."""
    writers = 0
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in workflow["jobs"].items():
            permissions = job.get("permissions", workflow.get("permissions"))
            if permissions is None or permissions == "write-all" or (
                    isinstance(permissions, dict) and "write" in permissions.values()):
                writers += 1
                for step in job.get("steps", []):
                    action = step.get("uses", "")
                    assert not action.startswith(("actions/checkout@", "./")), (path, name)
                    assert action == "" or action.startswith("actions/download-artifact@"), \
                        (path, name, action)
                    assert not REPOSITORY_CODE.search(step.get("run", "")), (path, name, step)
    assert writers == 1  # the release's publishing job


def test_the_artifact_actions_are_the_same_releases_everywhere():
    pinned = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            found = re.search(r"uses: (actions/[\w-]+-artifact)@([0-9a-f]{40})", line)
            if found:
                pinned.setdefault(found.group(1), set()).add(found.group(2))
    assert set(pinned) == {"actions/upload-artifact", "actions/download-artifact"}
    assert all(len(commits) == 1 for commits in pinned.values()), pinned


# -- the workflows: a supply chain -----------------------------------------------------------


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "zizmor"), "--offline", "--no-progress", str(folder)],
                          capture_output=True, text=True)


def test_the_workflows_pass_zizmor():
    proc = zizmor(ROOT / ".github" / "workflows")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout + proc.stderr


def test_zizmor_finds_an_unpinned_action_and_kept_credentials(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "ci.yml").write_text(
        "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n"
        "    permissions:\n      contents: read\n    steps:\n"
        "      - uses: actions/checkout@v4\n", encoding="utf-8")
    proc = zizmor(folder)
    assert proc.returncode != 0
    assert "unpinned-uses" in proc.stdout and "artipacked" in proc.stdout


def test_every_action_is_pinned_to_a_commit_with_its_tag_beside_it():
    uses = [line.strip() for path in WORKFLOWS
            for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert len(uses) >= 8
    for line in uses:
        assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40}  # v\d+\.\d+\.\d+$", line), line


def test_the_pdf_verso_speaks_to_a_reader(pdf_build):
    """The title page's verso, an imprint as a press prints it: the version and its
    date, the editors, the rights, how to cite (once, in MLA); at most 20 lines; no
    build commands, build folders, BibTeX or placeholders."""
    verso = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-layout",
                            str(pdf_build.artifact), "-"],
                           capture_output=True, text=True, check=True).stdout
    flat = " ".join(verso.split())
    for words in ("How to cite", f"version {VERSION}", "Rights", "Edited by"):
        assert words.lower() in flat.lower(), words
    assert len([line for line in verso.splitlines() if line.strip()]) <= 20, verso
    for machine in ("make ", "_build", "@misc", "BibTeX", "not yet known", "Sphinx"):
        assert machine.lower() not in flat.lower(), (machine, flat)
    assert flat.count("Edited by the edition\u2019s contributors, version") == 1, flat
    # The citation in MLA 9's form, as "Cite this" gives it: the full date.
    date = mla_date(CONF["edition_published"])
    assert f"Edited by the edition\u2019s contributors, version {VERSION}, {date}." in flat


def test_every_page_says_which_version_it_is(html_build):
    from bs4 import BeautifulSoup

    pages = [p for p in sorted(html_build.outdir.rglob("*.html"))
             if p.name not in {"search.html", "genindex.html", "404.html"}]
    assert len(pages) >= 15
    for path in pages:
        shown = BeautifulSoup(path.read_bytes(), "lxml").select_one(".edition-version")
        assert shown is not None, path.name
        assert shown.get_text().startswith(f"Version {VERSION} of the edition, "), path.name
