"""A release's files, from a build of the edition (`make release-files` builds it first).

Collects into BUILDDIR/release/ the PDF, the EPUB, the TEI document and the Web
Annotations, each named with the edition's version (conf.py's `release`), and NOTES.md,
the version's section of CHANGELOG.md, for the release's description. With --tag (the
release workflow passes the pushed tag) it fails unless the tag is "v" + that version:
a release is made from the commit whose files say its number.

    python scripts/release-files.py --builddir _build [--tag v0.3]
"""

from __future__ import annotations

import argparse
import re
import runpy
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "khrushchev-essay"
#: What a release carries: (the file in the build, its suffix in the release).
FILES = (("latex/{name}.pdf", ".pdf"), ("epub/{name}.epub", ".epub"),
         ("html/{name}.xml", ".tei.xml"), ("html/annotations.jsonld", ".annotations.jsonld"))


def version(root: Path = ROOT) -> str:
    """The edition's version, as conf.py (declarative) gives it."""
    return str(runpy.run_path(str(root / "conf.py"))["release"])


def changelog_section(text: str, number: str) -> str:
    """The section of CHANGELOG.md for this version: its heading to the next one's."""
    match = re.search(rf"^## {re.escape(number)}\b.*?(?=^## |\Z)", text, re.M | re.S)
    if not match:
        raise SystemExit(f"CHANGELOG.md has no section '## {number}': add one before "
                         "releasing")
    return match.group(0).strip() + "\n"


def collect(builddir: Path, tag: str | None = None, root: Path = ROOT) -> list[Path]:
    number = version(root)
    if tag is not None and tag != f"v{number}":
        raise SystemExit(f"the tag {tag} does not name the version in conf.py ({number}): "
                         f"tag the release v{number}, or set the version first")
    out = builddir / "release"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    written = []
    for source, suffix in FILES:
        path = builddir / source.format(name=NAME)
        if not path.is_file():
            raise SystemExit(f"{path} is missing: build the edition first (make all)")
        target = out / f"{NAME}-{number}{suffix}"
        shutil.copyfile(path, target)
        written.append(target)
    notes = out / "NOTES.md"
    notes.write_text(changelog_section((root / "CHANGELOG.md").read_text(encoding="utf-8"),
                                       number), encoding="utf-8")
    return [*written, notes]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builddir", type=Path, default=ROOT / "_build")
    parser.add_argument("--tag", help="the release's tag, e.g. v0.3 (checked against conf.py)")
    args = parser.parse_args(argv)
    for path in collect(args.builddir, args.tag):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
