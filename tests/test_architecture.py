"""The house: imports run down the layers with no cycle (Import Linter, with the
contracts in .importlinter), and only the domain touches its own data."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import warnings
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


#: What a newcomer reads whole (a module) and sees on one screen (a function): guides, not
#: caps. Past them the suite prints a warning line for the reviewer, who asks whether a
#: concept has two rooms in one; code is never moved only to get back under them.
MODULE_LINES, FUNCTION_LINES = 300, 50
#: Past these, the module or function has outgrown any one concept: the test fails.
MODULE_LIMIT, FUNCTION_LIMIT = 450, 80


def sizes(package: Path) -> dict[str, int]:
    """Lines of every module (``path``) and function (``path:name``) of a package."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = str(path.relative_to(package.parent))
        found[name] = source.count("\n")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and node.end_lineno is not None:
                found[f"{name}:{node.name}"] = node.end_lineno - node.lineno + 1
    return found


def past(found: dict[str, int], module: int, function: int) -> dict[str, int]:
    return {name: lines for name, lines in found.items()
            if lines > (function if ":" in name else module)}


def test_modules_and_functions_stay_readable():
    found = sizes(ROOT / "edition")
    assert past(found, MODULE_LIMIT, FUNCTION_LIMIT) == {}
    long = past(found, MODULE_LINES, FUNCTION_LINES)
    if long:
        warnings.warn("longer than a reader takes in at once (for the reviewer: is a "
                      "concept sharing a room?): " + ", ".join(
                          f"{name} ({lines} lines)" for name, lines in long.items()),
                      stacklevel=1)


def test_the_size_guide_sees_what_is_long(tmp_path):
    (tmp_path / "edition").mkdir()
    body = "\n".join(f"    x = {i}" for i in range(60))
    (tmp_path / "edition/long.py").write_text(f"def long():\n{body}\n" + "\n" * 300)
    found = sizes(tmp_path / "edition")
    assert past(found, MODULE_LINES, FUNCTION_LINES) == {"edition/long.py": 361,
                                                          "edition/long.py:long": 61}
    assert past(found, MODULE_LIMIT, FUNCTION_LIMIT) == {}


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
