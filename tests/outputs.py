"""Build the real edition into a folder, the way `make` does, and read its outputs."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "khrushchev-essay"
#: The edition's witness file (conf.py's edition_witness), and what it was received as.
WITNESS_PATH = ROOT / "witness" / "witness.txt"
SPHINX_OPTS = ["-W", "--keep-going", "-n", "-T", "-q"]
#: How the session's builds of the edition run: as `make` runs them, with a
#: SOURCE_DATE_EPOCH (make's, from the last commit; or a fixed one), so that building the
#: same sources again gives the same bytes (test_reproducible.py).
BUILD_ENV = {**os.environ,
             "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH") or "1764201600"}


class BuildError(AssertionError):
    pass


def project_setting(name: str):
    """A setting as the edition's conf.py gives it (conf.py is declarative: running it
    defines its settings and does nothing else)."""
    import runpy

    return runpy.run_path(str(ROOT / "conf.py"))[name]


#: The host's marker, as the edition declares its lacunae in conf.py.
HOST_MARKER = project_setting("edition_lacunae")["host-marker"]["witness"]


def run(cmd: list[str], cwd: Path | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise BuildError(
            f"{' '.join(cmd)} exited {proc.returncode}\n--- stdout\n{proc.stdout[-4000:]}"
            f"\n--- stderr\n{proc.stderr[-4000:]}"
        )
    return proc


def sphinx_build(builder: str, outdir: Path, doctrees: Path, srcdir: Path = ROOT,
                 extra: tuple[str, ...] = (), env: dict | None = None) -> str:
    """Run Sphinx with warnings as errors; return what it printed to stderr (warnings)."""
    proc = run(
        [sys.executable, "-m", "sphinx", *SPHINX_OPTS, *extra, "-b", builder,
         "-d", str(doctrees), str(srcdir), str(outdir)], env=env,
    )
    return proc.stderr


#: Run by `sphinx_builds` in a Python process of its own: each build of a JSON list
#: ([[args...], ...]), one after another, with what each printed to standard error
#: kept apart; their exit statuses and warnings, as JSON, on standard output.
_BUILDS_IN_ONE_PROCESS = """
import contextlib, io, json, sys
from sphinx.cmd.build import build_main
results = []
for argv in json.loads(sys.argv[1]):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = build_main(argv)
    results.append([code, err.getvalue()])
sys.stdout.write(json.dumps(results))
"""


def sphinx_builds(builders: list[str], outroot: Path, srcdir: Path = ROOT,
                  extra: dict[str, tuple[str, ...]] | None = None,
                  env: dict | None = None) -> dict[str, tuple[int, str]]:
    """Several builders of the same sources, as `sphinx_build` runs each (warnings as
    errors; each its own folders, `outroot/<builder>` and `outroot/doctrees-<builder>`),
    one after another in one Python process: a new interpreter loading Sphinx and the
    extensions costs more than most of these builds (0.8 s of 1.3 s). Returns each
    builder's (exit status, what it printed to standard error); Sphinx's own
    `docutils_namespace` keeps one build's registrations out of the next. ``extra``:
    options for some of the builders."""
    jobs = [[*SPHINX_OPTS, *(extra or {}).get(builder, ()), "-b", builder,
             "-d", str(outroot / f"doctrees-{builder}"), str(srcdir), str(outroot / builder)]
            for builder in builders]
    proc = run([sys.executable, "-c", _BUILDS_IN_ONE_PROCESS, json.dumps(jobs)], env=env)
    return {builder: (code, err)
            for builder, (code, err) in zip(builders, json.loads(proc.stdout), strict=True)}


def no_downloads(where: Path) -> tuple[str, ...]:
    """Options for an HTML build that offers no PDF or EPUB, whatever the developer's
    own _build/ holds (conf.py names those files)."""
    return ("-D", f"edition_download_pdf={where}/none.pdf",
            "-D", f"edition_download_epub={where}/none.epub")


def latex_to_pdf(latexdir: Path, env: dict | None = None) -> Path:
    run(
        ["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-", "-interaction=nonstopmode",
         "-halt-on-error", f"{NAME}.tex"],
        cwd=latexdir, env=env,
    )
    return latexdir / f"{NAME}.pdf"


@dataclass
class Build:
    """One format of the edition, built once per test session."""

    outdir: Path
    warnings: str
    artifact: Path | None = None


def epub_xhtml(epub: Path) -> dict[str, bytes]:
    """The XHTML documents of an EPUB, by their path inside the container."""
    with zipfile.ZipFile(epub) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n.endswith(".xhtml")}


def pdftotext(pdf: Path) -> str:
    # -raw: content-stream order, and line-end hyphens kept (poppler otherwise drops
    # the hyphen of "de-Stalinization" when it falls at the end of a line).
    return run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]).stdout


def pdf_tool(tool: str, pdf: Path) -> str:
    return run([tool, str(pdf)]).stdout


WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """Words as the comparison sees them: runs of letters and digits."""
    return WORD.findall(text)


def copy_project(dest: Path) -> Path:
    """A copy of the edition's sources (not its builds or environment) in `dest`."""
    import shutil

    target = dest / "edition-copy"
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(
        ".git", ".venv*", ".cache", "node_modules", "_build", "__pycache__", ".pytest_cache",
        "tests"))
    return target


#: A warning in a LaTeX log, by who gives it: "LaTeX", "Package fancyhdr", "Class book".
LATEX_WARNING = re.compile(r"^(LaTeX|Package \S+|Class \S+|LaTeX Font) Warning: (.*)$",
                           re.MULTILINE)
OVERFULL = re.compile(r"^Overfull \\[hv]box \((\d+(?:\.\d+)?)pt too", re.MULTILINE)


def latex_log_findings(log: str) -> dict[str, int]:
    """What a LaTeX log reports, counted by kind: each warning's source and first words
    ("LaTeX: Reference", "Package fancyhdr: \\headheight is too small"), and overfull
    boxes wider than 1 pt."""
    counts: dict[str, int] = {}
    for source, message in LATEX_WARNING.findall(log):
        kind = f"{source}: {' '.join(message.split()[:4])}"
        counts[kind] = counts.get(kind, 0) + 1
    wide = [float(pt) for pt in OVERFULL.findall(log) if float(pt) > 1.0]
    if wide:
        counts["Overfull box wider than 1 pt"] = len(wide)
    return counts
