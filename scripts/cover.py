"""Make the EPUB's cover: a PNG of the title, subtitle and editors from conf.py, in
EB Garamond (the website's WOFF2 files), drawn by headless Chromium; and the words it
shows beside it (edition/output/cover.json), which a test compares with conf.py.

    .venv/bin/python scripts/cover.py          (make cover; commit what it writes)

Run it when the title, subtitle or editors change. Chromium is the tests' own (Debian's,
or the one the CHROMIUM environment variable names)."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.output.cover import COVER, HEIGHT, WIDTH, WORDS, cover_html  # noqa: E402


class Config:
    """conf.py's values, as the build reads them."""

    def __init__(self, values: dict) -> None:
        self.__dict__.update(values)


def main() -> int:
    config = Config(runpy.run_path(str(ROOT / "conf.py")))
    from edition.output.cover import cover_words

    words = cover_words(config)
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "cover.html"
        page.write_text(cover_html(words), encoding="utf-8")
        subprocess.run([os.environ.get("CHROMIUM", "chromium"), "--headless",
                        "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--force-device-scale-factor=1", f"--window-size={WIDTH},{HEIGHT}",
                        "--virtual-time-budget=3000", f"--screenshot={COVER}",
                        page.as_uri()], check=True, capture_output=True)
    WORDS.write_text(json.dumps(words, ensure_ascii=False, indent=2) + "\n",
                     encoding="utf-8")
    print(f"{COVER.relative_to(ROOT)}: {WIDTH} x {HEIGHT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
