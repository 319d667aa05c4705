"""Which addresses contributed text may link to (no Sphinx).

A contributor's note, register entry or bibliography record may link to an ``https:``
address on another host, or to a page or anchor of the edition itself. Nothing else:
``javascript:``, ``data:``, ``vbscript:`` and ``file:`` run code or smuggle content; an
``http:`` address can be changed on its way to the reader; a path to a file of the
project (``../conf.py``) is a download, which publishes that file; an address without a
scheme that names a host (``//tracker.example``) loads from it. The edition's own pages,
written by its maintainers, may also link to ``mailto:``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: A link to a page of the edition, as MyST reads it: a relative path to a Markdown
#: source, with an anchor or not (``../chapters/introduction.md#sources``).
EDITION_PAGE = re.compile(r"^(\./|\.\./)*[A-Za-z0-9_][A-Za-z0-9_./-]*\.md(#[A-Za-z0-9_.:-]*)?$")
#: An anchor on the same page.
ANCHOR = re.compile(r"^#[A-Za-z0-9_.:-]+$")
#: What to write instead, at the end of every refusal.
INSTEAD = ("link to an https:// address, or to a page of the edition (e.g. "
           "[the introduction](../chapters/introduction.md))")


def scheme_of(target: str) -> str:
    """The address's scheme in lower case ("" for none), as a browser would read it:
    control characters and spaces around and inside it do not hide it."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", target)
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def https_problem(target: str) -> str | None:
    """None if `target` is an https address with a host; else what is wrong with it."""
    scheme = scheme_of(target)
    if scheme != "https":
        what = f"a {scheme}: address" if scheme else f"the address {target!r}"
        return f"{what} is not allowed; give an https:// address"
    if not urlsplit(target.strip()).netloc:
        return f"the address {target!r} names no host"
    return None


def contributed_link_problem(target: str) -> str | None:
    """None if contributed text may link to `target`; else the reason, with what to
    write instead."""
    target = target.strip()
    scheme = scheme_of(target)
    if scheme == "https":
        return None if urlsplit(target).netloc else (
            f"the address {target!r} names no host; {INSTEAD}")
    if scheme:
        return f"a link to a {scheme}: address is not allowed; {INSTEAD}"
    if target.startswith("//"):
        return f"the address {target!r} has no https: before it; {INSTEAD}"
    if ANCHOR.match(target) or EDITION_PAGE.match(target):
        return None
    return (f"the link target {target!r} is not a page of the edition (a link to a file "
            f"would publish that file); {INSTEAD}")


def maintained_link_problem(target: str) -> str | None:
    """None if the edition's own pages may link to `target` as an external address
    (https, or mailto:); else the reason."""
    scheme = scheme_of(target)
    if scheme == "mailto":
        return None
    if scheme in {"https", ""}:
        return None if scheme or not target.strip().startswith("//") else (
            f"the address {target!r} has no https: before it")
    return f"a link to a {scheme}: address is not allowed; link to an https:// address"
