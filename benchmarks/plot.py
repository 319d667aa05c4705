"""Plot the scaling figures that ``scaling.py`` wrote as JSON: time against notes, the
edition and plain Sphinx, log–log.

Runs in the benchmark's own environment (``.venv-benchmark``, matplotlib), not the
build's: ``python benchmarks/plot.py FIGURES.json PLOT.png``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

STYLES = {"edition check": "o-", "edition html": "s-",
          "plain check (cached lookups)": "o--", "plain html (cached lookups)": "s--",
          "plain check (as shipped)": "^:", "edition html, one note edited": "d-",
          "plain html, one note edited": "d--"}


def plot(workloads: dict[str, dict[int, dict[str, float]]], path: Path) -> None:
    fig, axes = plt.subplots(1, len(workloads), figsize=(7 * len(workloads), 4.5), dpi=120,
                             squeeze=False)
    for ax, (workload, results) in zip(axes[0], workloads.items(), strict=True):
        sizes = sorted(results)
        for name, style in STYLES.items():
            if all(name in results[n] for n in sizes):
                ax.plot(sizes, [results[n][name] for n in sizes], style, label=name)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("notes (each citing four works)")
        ax.set_ylabel("seconds (median)")
        ax.set_title(f"The edition and plain Sphinx, citing {workload}", fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=7)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)


def main(argv: list[str]) -> int:
    figures, out = Path(argv[0]), Path(argv[1])
    data = json.loads(figures.read_text(encoding="utf-8"))
    plot({workload: {int(notes): {name: f["seconds"] for name, f in by_name.items()}
                     for notes, by_name in by_size.items()}
          for workload, by_size in data["synthetic"].items()}, out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
