"""The edition's repository, for readers who contribute from the page (issue 20):
"Edit this note" on every note, and "Suggest a note on these words" on the essay's
chapters, open GitHub's editor there.

Its address comes from the settings the Sphinx ecosystem already uses for "edit this
page": furo's ``source_repository``, ``source_branch`` and ``source_directory`` theme
options (``html_theme_options`` in conf.py). Where the first two are not set, or the
repository is not on GitHub (whose new-file and edit addresses these are), neither
control appears.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from sphinx.config import Config


@dataclass(frozen=True)
class Repository:
    #: https://github.com/owner/name/ (with its final slash)
    address: str
    branch: str
    #: The Sphinx project's folder in the repository: "" or "docs/".
    directory: str

    def edit(self, path: str) -> str:
        """GitHub's editor for a file of the project (a path from the project's folder)."""
        return f"{self.address}edit/{quote(self.branch)}/{quote(self.directory + path)}"

    def new_file(self, folder: str) -> str:
        """GitHub's editor for a new file in a folder of the project (without the query
        that names and fills the file)."""
        return f"{self.address}new/{quote(self.branch)}/{quote(self.directory + folder)}"


def of(config: Config) -> Repository | None:
    options = getattr(config, "html_theme_options", None) or {}
    address, branch = options.get("source_repository"), options.get("source_branch")
    if not address or not branch:
        return None
    parts = urlsplit(address)
    if parts.scheme != "https" or parts.netloc != "github.com" or \
            len([p for p in parts.path.split("/") if p]) != 2:
        return None
    directory = str(options.get("source_directory") or "").strip("/")
    return Repository(address.rstrip("/") + "/", str(branch),
                      directory + "/" if directory else "")
