"""The benchmark runs and reports what it promises (its figures are not tested: they
depend on the machine). A small run, to keep the suite short: one synthetic size
citing the edition's own records, one run each, without the real edition, plain Sphinx
as shipped, or the plot (`make benchmark` runs all of them)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.outputs import ROOT


def test_the_scaling_benchmark_prints_its_table_and_writes_its_figures(tmp_path):
    from benchmarks.synthetic import real_works

    # The smallest size that cites every record (records less three), as the rule says.
    size = str(len(real_works().keys) - 3)
    plot = tmp_path / "scaling.png"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/scaling.py"), "--sizes", size,
         "--runs", "1", "--workload", "the", "--skip-real", "--skip-shipped",
         "--plot", str(plot)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    for row in ("Synthetic editions citing the edition's own records", f"| {size} |",
                "one note edited: edition"):
        assert row in out, out
    assert "Growth of the check" not in out  # no growth claimed from one size
    figures = json.loads(plot.with_suffix(".json").read_text(encoding="utf-8"))
    assert set(figures["synthetic"]) == {"the edition's own records"}
    assert set(figures["synthetic"]["the edition's own records"]) == {size}
    for by_name in figures["synthetic"]["the edition's own records"].values():
        assert set(by_name) == {"edition check", "edition html",
                                "plain check (cached lookups)", "plain html (cached lookups)",
                                "edition html, one note edited",
                                "plain html, one note edited"}
        assert all(f["seconds"] > 0 and f["mib"] > 0 for f in by_name.values())
    assert not plot.exists()  # no --plotter: the figures only


def test_a_size_too_small_to_cite_every_record_is_refused_at_once():
    """The edition warns of a record nothing cites: a synthetic edition with fewer notes
    than its records need would fail its check after minutes of work."""
    from benchmarks.synthetic import real_works

    records = len(real_works().keys)
    assert records >= 10
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks/scaling.py"), "--sizes", "100",
         str(records - 4), "--workload", "the"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert (f"needs at least {records - 3} notes, so that each of its {records} records "
            "is cited") in proc.stderr
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_the_side_by_side_run_prints_each_runs_ratios(monkeypatch, tmp_path, capsys):
    """`--side-by-side` (issue 33's workload): in each run the edition's check and its
    rebuild after one edited note, each beside plain Sphinx's, and their ratios. The
    builds are stood in for here (the first test runs the real ones)."""
    from benchmarks import scaling

    made = []
    monkeypatch.setattr(scaling, "make_edition", lambda dest, notes, chapters, works:
                        made.append(("edition", notes, chapters)) or dest)
    monkeypatch.setattr(scaling, "make_baseline", lambda dest, notes, chapters, cached,
                        works: made.append(("plain", notes, chapters, cached)) or dest)
    times = {"edition": 50.0, "plain": 40.0}

    def measure(cmd, runs, src, cwd=None, before=None):
        return scaling.Figure(times["edition" if "edition" in src.name else "plain"], 100)

    monkeypatch.setattr(scaling, "measure", measure)
    monkeypatch.setattr(scaling, "one_note_edited", lambda src, out, note, old, runs:
                        scaling.Figure(6.0 if "edition" in src.name else 3.0, 100))
    runs = scaling.side_by_side(tmp_path, 2)
    assert made == [("edition", 10_000, 100), ("plain", 10_000, 100, True)]
    assert len(runs) == 2
    out = capsys.readouterr().out
    assert "10,000 notes in 100 chapters" in out
    rows = [line for line in out.splitlines() if line.startswith("| 1 |")
            or line.startswith("| 2 |")]
    assert [row.split(" | ")[1:7] for row in rows] == [
        ["50.0 s", "40.0 s", "1.25", "6.0 s", "3.0 s", "2.00"]] * 2
