"""Print median cold and incremental build times of the edition, per format, and the
time of the contributors' check (`python -m edition check`, target: under 1 s).

Not a test: figures depend on the machine. Run with `make benchmark` (or
`python benchmarks/build_times.py --runs 5`). The project is copied to a temporary
folder first, so the working tree is never touched.

cold         a fresh output folder and environment
incremental  one chapter's modification time bumped, then rebuilt in place
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "khrushchev-essay"
SPHINX = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-T", "-q"]
IGNORE = shutil.ignore_patterns(".git", ".venv*", ".cache", "node_modules", "_build",
                                "__pycache__", ".pytest_cache")


def build(fmt: str, src: Path, out: Path) -> None:
    builder = {"html": "html", "epub": "epub", "pdf": "latex"}[fmt]
    subprocess.run([*SPHINX, "-b", builder, "-d", str(out / "doctrees"), str(src),
                    str(out / fmt)], check=True, capture_output=True)
    if fmt == "pdf":
        subprocess.run(["latexmk", "-r", "latexmkrc", "-pdf", "-dvi-", "-ps-",
                        "-interaction=nonstopmode", "-halt-on-error", f"{NAME}.tex"],
                       cwd=out / fmt, check=True, capture_output=True)


def timed(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=["html", "epub", "pdf"])
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(ROOT, src, ignore=IGNORE)
        chapter = sorted((src / "chapters").glob("*.md"))[0]
        print(f"{'format':8} {'cold (s)':>10} {'incremental (s)':>16}   runs={args.runs}")
        for fmt in args.formats:
            cold, incremental = [], []
            for run in range(args.runs):
                out = Path(tmp) / f"out-{fmt}-{run}"
                cold.append(timed(build, fmt, src, out))
                os.utime(chapter)
                incremental.append(timed(build, fmt, src, out))
            print(f"{fmt:8} {statistics.median(cold):10.2f} "
                  f"{statistics.median(incremental):16.2f}")
        check = [sys.executable, "-m", "edition", "--root", str(src), "check"]
        checks = [timed(lambda: subprocess.run(check, check=True, capture_output=True))
                  for _ in range(args.runs)]
        print(f"check    {statistics.median(checks):10.2f}")


if __name__ == "__main__":
    main()
