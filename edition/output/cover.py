"""The EPUB's cover, drawn at build time from the edition's title: an SVG image (a core
media type of EPUB 3, so no image library is needed and the bytes are the same on every
build), declared in the package document with ``properties="cover-image"``."""

from __future__ import annotations

import html
import textwrap

WIDTH, HEIGHT = 1600, 2400
INK, PAPER, ACCENT = "#1d1d1f", "#f6f1e7", "#7a1f1f"


def _lines(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, break_on_hyphens=False) or [text]


def cover_svg(title: str, byline: str, note: str = "A digital edition") -> str:
    """The cover as an SVG document: the title (split at its colon into title and
    subtitle), a note on what the book is, and who made it."""
    main, _, subtitle = title.partition(":")
    e = html.escape
    y = 640
    rows = []
    for line in _lines(main.strip(), 16):
        rows.append(f'<text x="{WIDTH // 2}" y="{y}" font-size="150" '
                    f'font-weight="bold">{e(line)}</text>')
        y += 180
    y += 40
    for line in _lines(subtitle.strip(), 26):
        rows.append(f'<text x="{WIDTH // 2}" y="{y}" font-size="100" '
                    f'font-style="italic">{e(line)}</text>')
        y += 130
    rows.append(f'<text x="{WIDTH // 2}" y="{HEIGHT - 520}" font-size="72" '
                f'fill="{ACCENT}">{e(note)}</text>')
    for i, line in enumerate(_lines(byline, 36)):
        rows.append(f'<text x="{WIDTH // 2}" y="{HEIGHT - 380 + i * 90}" '
                    f'font-size="64">{e(line)}</text>')
    body = "\n  ".join(rows)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{WIDTH}" '
        f'height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="cover-title">\n'
        f'  <title id="cover-title">{e(title)}</title>\n'
        f'  <rect width="{WIDTH}" height="{HEIGHT}" fill="{PAPER}"/>\n'
        f'  <rect x="80" y="80" width="{WIDTH - 160}" height="{HEIGHT - 160}" fill="none" '
        f'stroke="{ACCENT}" stroke-width="12"/>\n'
        f'  <line x1="400" y1="{y + 40}" x2="{WIDTH - 400}" y2="{y + 40}" '
        f'stroke="{ACCENT}" stroke-width="6"/>\n'
        f'  <g font-family="Georgia, \'Times New Roman\', serif" fill="{INK}" '
        'text-anchor="middle">\n'
        f"  {body}\n"
        "  </g>\n"
        "</svg>\n"
    )
