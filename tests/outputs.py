"""Build the real edition into a folder, the way `make` does, and read its outputs."""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from edition.trust.logs import no_command
from tests.sphinx_process import new_process, sphinx

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


def quoted(output: str) -> str:
    """A tool's output as a failing test prints it into the CI log: no line of it a
    workflow command (a note's words may be in it; edition/trust/logs.py)."""
    return "\n".join(no_command(line) for line in output.split("\n"))


def run(cmd: list[str], cwd: Path | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise BuildError(
            f"{' '.join(cmd)} exited {proc.returncode}\n--- stdout\n{quoted(proc.stdout[-4000:])}"
            f"\n--- stderr\n{quoted(proc.stderr[-4000:])}"
        )
    return proc


def sphinx_build(builder: str, outdir: Path, doctrees: Path, srcdir: Path = ROOT,
                 extra: tuple[str, ...] = (), env: dict | None = None,
                 new_interpreter: bool = False) -> str:
    """Run Sphinx with warnings as errors, as `python -m sphinx` in a process of its own
    (forked from one that has Sphinx loaded, or with ``new_interpreter`` a new Python
    under another hash seed: tests/sphinx_process.py); return what it printed to stderr
    (warnings)."""
    argv = [*SPHINX_OPTS, *extra, "-b", builder, "-d", str(doctrees), str(srcdir),
            str(outdir)]
    proc = (new_process if new_interpreter else sphinx)(argv, env=env)
    if proc.returncode != 0:
        raise BuildError(
            f"sphinx {' '.join(argv)} exited {proc.returncode}\n--- stdout\n"
            f"{quoted(proc.stdout[-4000:])}\n--- stderr\n{quoted(proc.stderr[-4000:])}")
    return proc.stderr


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
