"""No contributed text writes a line of its own into a log.

A GitHub runner reads every output line that starts with ``::`` as a workflow command
(``::notice file=…::Approved`` marks a pull request; ``::stop-commands::token`` hides the
real error marks that follow). Contributed text reaches the log inside messages: a file
name, a date, a quote. Every message Sphinx prints — the edition's, MyST's, docutils',
sphinxcontrib-bibtex's — goes through :class:`OneLine` last: line breaks and other
control characters are shown as escapes (``\\n``), so a message stays one line and
starts with what the edition wrote (a location, or ``WARNING:``); a message that would
still start with ``::`` is marked before it, and the runner's older form, ``##[``, which
it reads anywhere in a line, is written ``##\\[``. The edition's own workflow commands
(``cli.py``) are written by the edition, with GitHub's escaping.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx

#: Line breaks and other controls (tab aside), and Unicode's own line and paragraph
#: separators, which some terminals and log viewers also break at.
_BREAKING = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u0085]")


def one_line(text: str) -> str:
    """`text` with every line break and control character shown as an escape."""
    return _BREAKING.sub(lambda m: _escape(m.group()), text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\x1b": "\\e"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


#: The runner's older form of a command, ``##[error]…``, which it reads anywhere in a
#: line: written ``##\[``, which it does not read.
LEGACY_COMMAND = "##["


def no_command(line: str) -> str:
    r"""A line that a runner will not read as a workflow command: ``::`` at its start
    (after spaces, which the runner skips) is put after a visible mark, and ``##[``
    anywhere is written ``##\[``."""
    line = line.replace(LEGACY_COMMAND, "##\\[")
    return "› " + line if line.lstrip().startswith("::") else line


class OneLine(logging.Filter):
    """Keeps every record to one line that does not start with ``::``."""

    def filter(self, record: logging.LogRecord) -> bool:
        # The message alone: Sphinx's records put their location before it when asked.
        message = logging.LogRecord.getMessage(record)
        record.msg, record.args = no_command(one_line(message)), ()
        location = getattr(record, "location", None)
        if isinstance(location, str):
            record.location = no_command(one_line(location))
        return True


def setup(app: Sphinx) -> None:
    """Add the filter, last, to every handler Sphinx set up (they exist before any
    extension's ``setup()``): after Sphinx's own filters have turned a location into
    text."""
    for handler in logging.getLogger("sphinx").handlers:
        if not any(isinstance(f, OneLine) for f in handler.filters):
            handler.addFilter(OneLine())
