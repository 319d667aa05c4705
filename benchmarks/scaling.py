"""How the edition's build scales with its notes, against plain Sphinx on the same work.

Prints a table and writes a plot (``_build/benchmark/scaling.png``):

- the real edition: ``python -m edition check`` cold (nothing kept) and after one note
  is edited (what the last check kept is reused: ``edition/rereading.py``), a cold HTML
  build, and an HTML
  rebuild after one note is edited; beside it, the floor: plain Sphinx with the same
  third-party extensions and theme on one page (start-up and imports alone);
- synthetic editions of 100, 1,000 and 10,000 notes (``synthetic.py``: one witness
  paragraph per chapter, every sentence annotated, each note citing four works), with
  ``python -m edition check``, a cold HTML build and an HTML rebuild after one note is
  edited; each size twice: citing eight made-up books, and citing the real edition's
  own records (``references.bib``, in its MLA style);
- the baseline, in the same run: the same chapters and notes as MyST footnotes with
  sphinxcontrib-bibtex citations, plain Sphinx (``-b dummy``, as the check, and
  ``-b html``), both as shipped and with the pybtex plugin lookup cached (the
  edition's ``plugincache``, nothing else of it).

``--side-by-side`` runs only issue 33's workload (10,000 notes, the edition's own
records): the check and the HTML rebuild after one edited note, the edition's and plain
Sphinx's (cached lookups) one right after the other in each run, with their ratios.

Each figure is the median of ``--runs`` runs (one run for 10,000 notes unless asked)
and the peak resident memory of the build's process. Not a test: figures depend on
the machine and on what else it is doing. ``make benchmark`` runs it, with the plot
drawn by ``plot.py`` in the benchmark's own environment (``--plotter``): matplotlib is
kept out of the build's environment, where its presence alone slows every build.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import (  # noqa: E402
    SYNTHETIC_WORKS,
    Works,
    make_baseline,
    make_edition,
    real_works,
)

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
IGNORE = shutil.ignore_patterns(".git", ".venv*", ".cache", "_build", "__pycache__",
                                ".pytest_cache", "node_modules", "tests")
#: Runs a command and prints its wall time and its peak memory (KiB), as JSON.
MEASURE = ("import json, resource, subprocess, sys, time\n"
           "t = time.perf_counter()\n"
           "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
           "t = time.perf_counter() - t\n"
           "print(json.dumps({'seconds': t, 'kib': resource.getrusage("
           "resource.RUSAGE_CHILDREN).ru_maxrss, 'rc': p.returncode, "
           "'err': p.stderr[-2000:]}))\n")


@dataclass
class Figure:
    seconds: float
    mib: float

    def __str__(self) -> str:
        return f"{self.seconds:7.2f} s {self.mib:6.0f} MiB"


#: The measured commands run as on a contributor's machine: Python's bytecode cache on
#: (some shells and containers turn it off, and every run would compile afresh).
ENV = {name: value for name, value in os.environ.items()
       if name != "PYTHONDONTWRITEBYTECODE"}


def read_every_file(src: Path) -> None:
    """Bring the sources into the page cache, as a contributor's recently edited files
    are: this machine's kernel evicts files it has not read lately, and reading 10,000
    note files from disk cost several seconds more than from memory, which would count
    against the edition (a file per note) and not the baseline (a file per chapter)."""
    for path in src.rglob("*"):
        if path.is_file():
            path.read_bytes()


def measure(cmd: list[str], runs: int, src: Path, cwd: Path = ROOT,
            before=None) -> Figure:
    times, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        read_every_file(src)
        out = subprocess.run([PY, "-c", MEASURE, *cmd], capture_output=True, text=True,
                             cwd=cwd, check=True, env=ENV)
        result = json.loads(out.stdout)
        if result["rc"] != 0:
            raise SystemExit(f"{' '.join(cmd)} failed:\n{result['err']}")
        times.append(result["seconds"])
        peaks.append(result["kib"] / 1024)
    return Figure(statistics.median(times), max(peaks))


def sphinx(builder: str, src: Path, out: Path) -> list[str]:
    return [PY, "-m", "sphinx", "-q", "-E", "-b", builder, "-d", str(out / "doctrees"),
            str(src), str(out / builder)]


def edition_check(src: Path) -> list[str]:
    return [PY, "-m", "edition", "--root", str(src), "check"]


def cold_check(src: Path):
    """Before a run: forget what the last check kept (``_build/check``), so that the
    check reads everything, as plain Sphinx's dummy build with -E does beside it."""
    return lambda: shutil.rmtree(src / "_build" / "check", ignore_errors=True)


#: Sphinx with the third-party extensions and theme the edition uses, on one page: the
#: floor under any build of the real edition on this machine (start-up and imports).
FLOOR_CONF = """\
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinxext.opengraph",
              "notfound.extension"]
bibtex_bibfiles = ["references.bib"]
html_theme = "furo"
ogp_social_cards = {"enable": False}
"""


def floor(tmp: Path, runs: int) -> dict[str, Figure]:
    src = tmp / "floor"
    src.mkdir()
    (src / "conf.py").write_text(FLOOR_CONF, encoding="utf-8")
    (src / "index.md").write_text("# A page\n\nA paragraph.\n", encoding="utf-8")
    (src / "references.bib").write_text("", encoding="utf-8")
    out = tmp / "floor-out"
    return {"plain Sphinx, one page, dummy": measure(sphinx("dummy", src, out), runs, src),
            "plain Sphinx, one page, html": measure(sphinx("html", src, out), runs, src)}


def real_edition(tmp: Path, runs: int) -> dict[str, Figure]:
    src = tmp / "real"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    out = tmp / "real-out"
    note = src / "annotations" / "source-gill-paraphrase.md"
    original = note.read_text(encoding="utf-8")
    counter = iter(range(1_000_000))

    def edit_note() -> None:
        note.write_text(original.replace("The essay does not mark",
                                         f"The essay ({next(counter)}) does not mark"),
                        encoding="utf-8")

    figures = {"check": measure(edition_check(src), runs, src, before=cold_check(src)),
               # The check a contributor runs again: what the last one kept is read
               # again only where it changed or had a problem (edition/rereading.py).
               "check, one note edited": measure(edition_check(src), runs, src,
                                                 before=edit_note),
               "html": measure(sphinx("html", src, out), runs, src)}

    incremental = [PY, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / "doctrees"),
                   str(src), str(out / "html")]
    figures["html, one note edited"] = measure(incremental, runs, src, before=edit_note)
    return figures | floor(tmp, runs)


def one_note_edited(src: Path, out: Path, note: Path, old: str, runs: int) -> Figure:
    """An HTML rebuild after one note is edited, on the cold build just measured into
    `out` (`sphinx("html", src, out)`: the same command without -E)."""
    build = [PY, "-m", "sphinx", "-q", "-b", "html", "-d", str(out / "doctrees"), str(src),
             str(out / "html")]
    original = note.read_text(encoding="utf-8")
    counter = iter(range(1_000_000))

    def edit() -> None:
        note.write_text(original.replace(old, f"{old} (edit {next(counter)})", 1),
                        encoding="utf-8")

    return measure(build, runs, src, before=edit)


def synthetic(tmp: Path, notes: int, runs: int, works: Works, name: str,
              shipped: bool = True) -> dict[str, Figure]:
    chapters = max(1, notes // 100)
    edition = make_edition(tmp / f"ed{name}{notes}", notes, chapters, works)
    plain = make_baseline(tmp / f"bl{name}{notes}", notes, chapters, works=works)
    cached = make_baseline(tmp / f"blc{name}{notes}", notes, chapters, cached=True,
                           works=works)
    out = tmp / f"out{name}{notes}"
    figures = {
        "edition check": measure(edition_check(edition), runs, edition,
                                 before=cold_check(edition)),
        "edition html": measure(sphinx("html", edition, out / "e"), runs, edition),
        "plain check (cached lookups)": measure(sphinx("dummy", cached, out / "c"), runs,
                                                cached),
        "plain html (cached lookups)": measure(sphinx("html", cached, out / "ch"), runs,
                                               cached),
    }
    if shipped:
        figures["plain check (as shipped)"] = measure(sphinx("dummy", plain, out / "p"), runs,
                                                      plain)
    # The loop a contributor lives in: edit one note, look at the page.
    # (On the cold HTML builds measured above: a build of their own before each would
    # cost as much again, for nothing measured.)
    figures["edition html, one note edited"] = one_note_edited(
        edition, out / "e", edition / "annotations" / "n1-0.md", "A note on event", runs)
    figures["plain html, one note edited"] = one_note_edited(
        cached, out / "ch", cached / "chapters" / "0001.md", "[^n0]: A note on event", runs)
    return figures


#: The workload of issue 33: 100 chapters of 100 notes, four citations each of the
#: edition's own records in its MLA style.
SIDE_BY_SIDE_NOTES = 10_000


def side_by_side(tmp: Path, runs: int, notes: int = SIDE_BY_SIDE_NOTES) -> list[dict]:
    """The edition's check and its HTML rebuild after one edited note, each beside plain
    Sphinx's (MyST footnotes + sphinxcontrib-bibtex, its plugin lookups cached) doing
    the same work, one right after the other in every run, so that both meet the same
    load. The rebuilds follow one cold HTML build of each (not timed). Each run's figures
    and ratios are printed as they come."""
    works = real_works()
    edition = make_edition(tmp / "side-edition", notes, max(1, notes // 100), works)
    plain = make_baseline(tmp / "side-plain", notes, max(1, notes // 100), cached=True,
                          works=works)
    out_e, out_p = tmp / "side-out-e", tmp / "side-out-p"
    measure(sphinx("html", edition, out_e), 1, edition)
    measure(sphinx("html", plain, out_p), 1, plain)
    results = []
    print(f"\n{notes:,} notes in {max(1, notes // 100)} chapters, citing the edition's own "
          "records; edition and plain Sphinx side by side in each run\n")
    print("| run | check: edition | check: plain | ÷ | one note edited, HTML: edition | "
          "one note edited, HTML: plain | ÷ | load (1 min) |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for run in range(1, runs + 1):
        figures = {
            "edition check": measure(edition_check(edition), 1, edition,
                                     before=cold_check(edition)),
            "plain check (cached lookups)": measure(sphinx("dummy", plain, out_p / "c"), 1,
                                                    plain),
            "edition html, one note edited": one_note_edited(
                edition, out_e, edition / "annotations" / "n1-0.md", "A note on event", 1),
            "plain html, one note edited": one_note_edited(
                plain, out_p, plain / "chapters" / "0001.md", "[^n0]: A note on event", 1),
        }
        results.append(figures)
        check = (figures["edition check"].seconds,
                 figures["plain check (cached lookups)"].seconds)
        edited = (figures["edition html, one note edited"].seconds,
                  figures["plain html, one note edited"].seconds)
        print(f"| {run} | {check[0]:.1f} s | {check[1]:.1f} s | {check[0] / check[1]:.2f} | "
              f"{edited[0]:.1f} s | {edited[1]:.1f} s | {edited[0] / edited[1]:.2f} | "
              f"{os.getloadavg()[0]:.1f} |", flush=True)
    return results


def print_table(title: str, results: dict[int, dict[str, Figure]]) -> None:
    print(f"\n{title}\n")
    print("| notes | edition check | plain check, cached | check ÷ cached | plain check, as "
          "shipped | check ÷ shipped | edition HTML | plain HTML, cached | one note edited: "
          "edition | one note edited: plain | edited ÷ plain |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for notes, r in results.items():
        check = r["edition check"].seconds
        cached = r["plain check (cached lookups)"].seconds
        shipped = r.get("plain check (as shipped)")
        shipped_cells = (f"{shipped.seconds:.1f} s | {check / shipped.seconds:.2f}" if shipped
                         else "— | —")
        edited, plain_edited = (r["edition html, one note edited"].seconds,
                                r["plain html, one note edited"].seconds)
        print(f"| {notes:,} | {check:.1f} s | {cached:.1f} s | {check / cached:.2f} | "
              f"{shipped_cells} | {r['edition html'].seconds:.1f} s | "
              f"{r['plain html (cached lookups)'].seconds:.1f} s | {edited:.1f} s | "
              f"{plain_edited:.1f} s | {edited / plain_edited:.2f} |")
    sizes = sorted(results)
    if len(sizes) >= 2:
        small, large = sizes[-2], sizes[-1]
        growth = results[large]["edition check"].seconds / results[small]["edition check"].seconds
        print(f"\nGrowth of the check from {small:,} to {large:,} notes: ×{growth:.1f} "
              f"(linear would be ×{large / small:.0f})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--large-runs", type=int, default=1,
                        help="runs for sizes of 10,000 notes and more")
    parser.add_argument("--workload", choices=["made-up", "the"],
                        help="only the synthetic editions citing made-up works ('made-up') "
                             "or the edition's own records ('the'); default: both")
    parser.add_argument("--skip-shipped", action="store_true",
                        help="leave out plain Sphinx as shipped (ten minutes at 10,000 notes)")
    parser.add_argument("--skip-real", action="store_true",
                        help="leave out the real edition and the one-page floor")
    parser.add_argument("--plot", type=Path, default=ROOT / "_build/benchmark/scaling.png")
    parser.add_argument("--plotter", type=Path,
                        help="a Python with matplotlib, to draw the plot (make benchmark: "
                             ".venv-benchmark); without it, only the figures' JSON is written")
    parser.add_argument("--side-by-side", action="store_true",
                        help="only issue 33's workload (10,000 notes in 100 chapters citing "
                             "the edition's own records): the check and the HTML rebuild "
                             "after one edited note, edition and plain Sphinx one after the "
                             "other in each of --runs runs, with their ratios")
    parser.add_argument("--notes", type=int, default=SIDE_BY_SIDE_NOTES,
                        help="with --side-by-side: how many notes (100 a chapter)")
    args = parser.parse_args()
    if args.side_by_side:
        print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; load "
              f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        with tempfile.TemporaryDirectory() as tmp:
            runs = side_by_side(Path(tmp), args.runs, args.notes)
        figures = args.plot.with_suffix(".json")
        figures.parent.mkdir(parents=True, exist_ok=True)
        figures.write_text(json.dumps({"side by side": [
            {name: vars(f) for name, f in run.items()} for run in runs]}, indent=1),
            encoding="utf-8")
        print(f"Figures: {figures}")
        return 0
    workloads = {"made-up works": SYNTHETIC_WORKS, "the edition's own records": real_works()}
    if args.workload:
        workloads = {k: v for k, v in workloads.items() if k.startswith(args.workload)}
    for workload, works in workloads.items():
        if min(args.sizes) < works.fewest_notes:
            parser.error(f"--sizes: a synthetic edition citing {workload} needs at least "
                         f"{works.fewest_notes} notes, so that each of its "
                         f"{len(works.keys)} records is cited")
    env_note = ("OPENBLAS_CORETYPE set; " if os.environ.get("OPENBLAS_CORETYPE") else "")
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores; {env_note}"
          f"median of {args.runs} runs (sizes ≥ 10,000: {args.large_runs})\n")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real = {} if args.skip_real else real_edition(tmp, args.runs)
        if real:
            print("The real edition")
        for name, figure in real.items():
            print(f"  {name:30} {figure}")
        results: dict[str, dict[int, dict[str, Figure]]] = {}
        for index, (workload, works) in enumerate(workloads.items()):
            results[workload] = {}
            for notes in args.sizes:
                runs = args.large_runs if notes >= 10000 else args.runs
                results[workload][notes] = synthetic(tmp, notes, runs, works, f"w{index}-",
                                                     shipped=not args.skip_shipped)
                print(f"\n{notes:,} notes, citing {workload}")
                for name, figure in results[workload][notes].items():
                    print(f"  {name:30} {figure}")
    for workload, by_size in results.items():
        print_table(f"Synthetic editions citing {workload}", by_size)
    figures = args.plot.with_suffix(".json")
    figures.parent.mkdir(parents=True, exist_ok=True)
    figures.write_text(json.dumps({
        "real": {name: vars(f) for name, f in real.items()},
        "synthetic": {workload: {str(n): {name: vars(f) for name, f in r.items()}
                                 for n, r in by_size.items()}
                      for workload, by_size in results.items()}}, indent=1),
        encoding="utf-8")
    print(f"Figures: {figures}")
    if args.plotter:
        subprocess.run([str(args.plotter), str(ROOT / "benchmarks/plot.py"), str(figures),
                        str(args.plot)], check=True)
        print(f"Plot: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
