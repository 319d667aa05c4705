"""The house: imports run down the layers with no cycle (Import Linter, with the
contracts in .importlinter), and only the domain touches its own data."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.outputs import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """Import Linter on the `edition` package of `project`, with its .importlinter."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config",
         str(project / ".importlinter")],
        cwd=project, capture_output=True, text=True, env={"PYTHONPATH": str(project)})


def test_the_layers_hold_and_nothing_imports_in_a_cycle():
    proc = lint_imports(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    contracts = (ROOT / ".importlinter").read_text(encoding="utf-8").count(
        "[importlinter:contract:")
    assert contracts >= 6
    assert f"Contracts: {contracts} kept, 0 broken." in proc.stdout


@pytest.mark.parametrize(
    ("module", "late_import", "broken"),
    [("edition/domain.py", "from edition.text import records",
      "edition.domain is not allowed to import edition.text"),
     ("edition/text/witness.py", "from edition.annotations import nodes",
      "edition.text is not allowed to import edition.annotations"),
     ("edition/annotations/model.py", "from edition.annotations import loading",
      "edition.annotations.model is not allowed to import edition.annotations.loading")],
    ids=["domain-to-text", "text-to-annotations", "model-to-loading"])
def test_an_import_back_up_inside_a_function_breaks_the_layers(tmp_path, module,
                                                               late_import, broken):
    shutil.copytree(ROOT / "edition", tmp_path / "edition",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / ".importlinter", tmp_path)
    with (tmp_path / module).open("a", encoding="utf-8") as f:
        f.write(f"\n\ndef _late():\n    {late_import}  # noqa: F401\n")
    proc = lint_imports(tmp_path)
    assert proc.returncode == 1
    assert broken in proc.stdout, proc.stdout


def _data_subscripts(path: Path) -> list[int]:
    """Lines where `path` reads or writes `<something>.data[...]`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
            and node.value.attr == "data"]


def test_only_the_domain_touches_its_data():
    touching = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "edition").rglob("*.py"))
                if p.name != "domain.py" and (lines := _data_subscripts(p))}
    assert touching == {}
    # The check sees such an access where there is one.
    assert _data_subscripts(ROOT / "edition/domain.py")


#: The house's limits: a module a newcomer reads whole, a function seen on one screen.
MODULE_LINES, FUNCTION_LINES = 300, 50


def test_modules_and_functions_stay_small():
    too_long = []
    for path in sorted((ROOT / "edition").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        if source.count("\n") > MODULE_LINES:
            too_long.append((name, source.count("\n")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    too_long.append((f"{name}:{node.name}", length))
    assert too_long == []


MYPY = Path(sys.executable).parent / "mypy"


def test_the_type_checker_finds_the_one_wrong_type_and_nothing_else(tmp_path):
    """mypy, as `make lint` runs it (pyproject.toml's settings), on a copy of the package
    with one wrong type added: it reports that one and nothing else, so the package
    itself is clean and the checker does check."""
    shutil.copytree(ROOT / "edition", tmp_path / "edition",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    with (tmp_path / "edition/formats.py").open("a", encoding="utf-8") as f:
        f.write("\n\ndef _late() -> int:\n    return 'a word'\n")
    proc = subprocess.run([str(MYPY), "--cache-dir", str(tmp_path / ".mypy_cache")],
                          cwd=tmp_path, capture_output=True, text=True)
    errors = [line for line in proc.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 1 and errors[0].startswith("edition/formats.py:"), proc.stdout
    assert "Incompatible return value type" in errors[0]
