"""The edition's configuration values (``edition_*`` in conf.py), declared once."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

#: name -> (default, rebuild, description)
CONFIG_VALUES = {
    "edition_witness": (
        None,
        "env",
        "Path of the witness, relative to the configuration directory; required once a "
        "chapter declares `witness-paragraph`.",
    ),
    "edition_annotations": (
        "annotations",
        "env",
        "Folder of the annotation files, relative to the configuration directory.",
    ),
    "edition_persons": (
        "registers/persons.yaml",
        "env",
        "The index of persons (YAML), relative to the configuration directory.",
    ),
    "edition_chronology": (
        "registers/chronology.yaml",
        "env",
        "The chronology (YAML), relative to the configuration directory.",
    ),
    "edition_epub_accessibility": (
        {},
        "epub",
        "schema.org accessibility metadata for the EPUB package document: lists for "
        "accessMode, accessModeSufficient, accessibilityFeature, accessibilityHazard; "
        "text for accessibilitySummary.",
    ),
}


def register(app: Sphinx) -> None:
    for name, (default, rebuild, description) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, description=description)
    app.connect("config-inited", validate)


def witness_path(app: Sphinx) -> Path | None:
    if not app.config.edition_witness:
        return None
    return Path(app.confdir) / app.config.edition_witness


def validate(app: Sphinx, config: Config) -> None:
    from edition.messages import Subtype, warn

    if not config.edition_witness:
        return
    path = Path(app.confdir) / config.edition_witness
    if not path.is_file():
        warn(f"edition_witness = {config.edition_witness!r}: no such file in "
             f"{app.confdir}", Subtype.config)
