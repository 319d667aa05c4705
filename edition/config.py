"""The edition's settings (``edition_*`` in conf.py): declared once, typed, and validated
when the configuration is read.

Every path is relative to the source directory (where conf.py is, in this edition),
as ``bibtex_bibfiles`` is. The layout is the edition's to choose: another edition can
keep its notes in ``notes/``, its witness in ``sources/`` and its registers anywhere;
essay chapters are whichever documents declare ``witness-paragraph`` in their front
matter.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, cast

from sphinx.application import Sphinx
from sphinx.config import Config

from edition.messages import Subtype, warn

#: What every edition can mark, whatever its witness: the text stops mid-sentence.
BREAKS_OFF = {
    "witness": "",
    "space_before": True,
    "description": "Lacuna: the witness breaks off here, mid-sentence.",
    "tei_reason": "lost",
    "tei_agent": "witness-ends",
}
LACUNA_KEYS = {"witness": str, "description": str, "space_before": bool, "tei_reason": str,
               "tei_agent": str}
#: The TEI header's prose that belongs to one edition, and where its own pages say the
#: rest (a section title, the start of a paragraph, the labels of principles).
TEI_KEYS = {"subtitle": str, "witness_title": str, "witness_author": str,
            "witness_received": str, "rights_section": str, "witness_lacks": str,
            "principles": dict}
PRINCIPLE_KINDS = ("correction", "normalization", "lacunae")

ACCESSIBILITY_LISTS = ("accessMode", "accessModeSufficient", "accessibilityFeature",
                       "accessibilityHazard")


#: What Sphinx does again when a setting changes (``add_config_value``'s ``rebuild``).
Rebuild = Literal["env", "html", "epub"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    types: tuple[type, ...]
    rebuild: Rebuild
    description: str
    #: (source directory, value) -> a problem, or "" when the value is right.
    check: Callable[[Path, object], str] | None = None


def _file(srcdir: Path, value) -> str:
    if value and not (srcdir / value).is_file():
        return f"{value!r}: no such file in {srcdir}"
    return ""


def _relative(srcdir: Path, value) -> str:
    if value and (Path(value).is_absolute() or ".." in Path(value).parts):
        return f"{value!r} must be a path inside the project, relative to conf.py"
    return ""


def _sha256(srcdir: Path, value) -> str:
    if value and not re.fullmatch(r"[0-9a-f]{64}", value):
        return f"{value!r} is not a SHA-256 (64 lowercase hexadecimal digits)"
    return ""


def _iso_date(srcdir: Path, value) -> str:
    if value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return f"{value!r} must be the publication date as YYYY-MM-DD (empty: no date)"
    return ""


def _lacunae(srcdir: Path, value) -> str:
    for kind, spec in value.items():
        if not isinstance(kind, str) or not isinstance(spec, dict):
            return f"{kind!r}: each kind of lacuna maps its name to a dict of its settings"
        unknown = set(spec) - set(LACUNA_KEYS)
        if unknown:
            return f"{kind!r}: unknown key {sorted(unknown)[0]!r}; the keys are " \
                   f"{', '.join(LACUNA_KEYS)}"
        for key in ("witness", "description"):
            if key not in spec:
                return f"{kind!r} needs {key!r} (text)"
        for key, wanted in LACUNA_KEYS.items():
            if key in spec and not isinstance(spec[key], wanted):
                return f"{kind!r}: {key!r} must be {wanted.__name__}"
    return ""


def _tei(srcdir: Path, value) -> str:
    unknown = set(value) - set(TEI_KEYS)
    if unknown:
        return f"unknown key {sorted(unknown)[0]!r}; the keys are {', '.join(TEI_KEYS)}"
    for key, wanted in TEI_KEYS.items():
        if key in value and not isinstance(value[key], wanted):
            return f"{key!r} must be {wanted.__name__}"
    for kind, labels in value.get("principles", {}).items():
        if kind not in PRINCIPLE_KINDS or not (isinstance(labels, list) and all(
                isinstance(label, str) for label in labels)):
            return f"'principles' maps {', '.join(PRINCIPLE_KINDS)} to lists of labels"
    return ""


def _accessibility(srcdir: Path, value) -> str:
    unknown = set(value) - {*ACCESSIBILITY_LISTS, "accessibilitySummary"}
    if unknown:
        return f"unknown key {sorted(unknown)[0]!r}; the keys are " \
               f"{', '.join(ACCESSIBILITY_LISTS)} and accessibilitySummary"
    for key in ACCESSIBILITY_LISTS:
        if key in value and not (isinstance(value[key], list)
                                 and all(isinstance(v, str) for v in value[key])):
            return f"{key!r} must be a list of text values"
    if not isinstance(value.get("accessibilitySummary", ""), str):
        return "'accessibilitySummary' must be text"
    return ""


SETTINGS = (
    Setting("edition_witness", None, (str, type(None)), "env",
            "The witness file, exactly as received; required once a chapter declares "
            "`witness-paragraph`.", lambda d, v: (_relative(d, v) or _file(d, v)) if v else ""),
    Setting("edition_witness_sha256", None, (str, type(None)), "env",
            "The SHA-256 of the witness as received: the build fails if the file ever "
            "differs.", _sha256),
    Setting("edition_annotations", "annotations", (str,), "env",
            "The folder of annotation files (one note per file).", _relative),
    Setting("edition_persons", "registers/persons.yaml", (str,), "env",
            "The index of persons (YAML).", _relative),
    Setting("edition_chronology", "registers/chronology.yaml", (str,), "env",
            "The chronology (YAML).", _relative),
    Setting("edition_assets", [], (list,), "env",
            "Files of the project (paths relative to conf.py) that the edition's own pages "
            "may show as images or offer as downloads; no other file is ever published "
            "that way, and contributed text (notes, registers) may do neither.",
            lambda d, v: next((p for x in cast(list, v) if (p := _relative(d, x))), "")),
    Setting("edition_lacunae", {"breaks-off": BREAKS_OFF}, (dict,), "env",
            "The kinds of lacuna `{gap}` marks: name -> witness (what the witness has "
            "there), description (what readers are told), space_before, tei_reason and "
            "tei_agent (its TEI gap).", _lacunae),
    Setting("edition_tei", {}, (dict,), "env",
            "The TEI header's words that belong to this edition: subtitle, witness_title, "
            "witness_author, witness_received; and where its pages say the rest: "
            "rights_section (a section title), witness_lacks (how a paragraph starts), "
            "principles (correction, normalization, lacunae: the labels that open them).",
            _tei),
    Setting("edition_subtitle", "", (str,), "env",
            "What the edition is, in a line, as its title page gives it under the title: "
            "the EPUB's subtitle and cover (the PDF's title page has its own line, in "
            "conf.py's LaTeX preamble)."),
    Setting("edition_editors", [], (list,), "env",
            "The edition's editors, as their notes name them: credited once (the title "
            "page, the Contributors page), their notes are not signed one by one; a "
            "contributor's note keeps its author and date."),
    Setting("edition_organizations", [], (list,), "html",
            "Names of note authors that are organizations (the edition's editors, say), "
            "not persons: so the Web Annotations type them."),
    Setting("edition_published", "", (str,), "html",
            "The edition's publication date, YYYY-MM-DD, given by its citations and "
            "Highwire tags (empty: no date).", _iso_date),
    Setting("edition_download_pdf", "", (str,), "html",
            "The PDF to link from every page when it exists (a local build copies it "
            "into the site; on Read the Docs its own download address is used). A build "
            "output, so it may lie outside the project (e.g. BUILDDIR=/tmp/…)."),
    Setting("edition_download_epub", "", (str,), "html",
            "The EPUB to link from every page, likewise."),
    Setting("edition_epub_accessibility", {}, (dict,), "epub",
            "schema.org accessibility metadata for the EPUB package document: lists for "
            "accessMode, accessModeSufficient, accessibilityFeature, accessibilityHazard; "
            "text for accessibilitySummary.", _accessibility),
)


@dataclass(frozen=True)
class Lacuna:
    """A kind of lacuna (``edition_lacunae``)."""

    name: str
    #: What the witness has where the reading text shows the lacuna.
    witness_reading: str
    #: What a reader is told about the lacuna.
    description: str
    #: Whether the reading text needs a space before the sign (the witness has none).
    leading_space: bool = False
    tei_reason: str = "lost"
    tei_agent: str = "unknown"

    @classmethod
    def of(cls, name: str, spec: dict) -> Lacuna:
        return cls(name, spec["witness"], spec["description"],
                   spec.get("space_before", False), spec.get("tei_reason", "lost"),
                   spec.get("tei_agent", "unknown"))


@dataclass(frozen=True)
class EditionSettings:
    """The edition's files, resolved once when the configuration is read (absolute
    paths), and handed to whoever needs them (:func:`settings`)."""

    #: The witness file; None when conf.py names none or it does not exist (reported).
    witness: Path | None
    witness_sha256: str | None
    #: The folder of annotation files.
    annotations: Path
    persons: Path
    chronology: Path
    #: The kinds of lacuna, by name, in the order conf.py gives them.
    lacunae: dict[str, Lacuna]
    #: The TEI header's words of this edition (``edition_tei``).
    tei: dict
    #: The project's folder, and the files its pages may publish as images or downloads.
    srcdir: Path = Path(".")
    assets: frozenset[Path] = frozenset()
    #: What the edition is, in a line (``edition_subtitle``).
    subtitle: str = ""
    #: The editors, as their notes name them; authors that are organizations.
    editors: tuple[str, ...] = ()
    organizations: frozenset[str] = frozenset()
    #: The publication date, YYYY-MM-DD, or "" (no date).
    published: str = ""
    #: The PDF and EPUB to link from every page, as conf.py gives them ("" for none).
    download_pdf: str = ""
    download_epub: str = ""
    #: schema.org accessibility metadata of the EPUB.
    epub_accessibility: dict = field(default_factory=dict)

    @classmethod
    def of(cls, srcdir: Path, config: Config) -> EditionSettings:
        witness = srcdir / config.edition_witness if config.edition_witness else None
        return cls(witness=witness if witness and witness.is_file() else None,
                   witness_sha256=config.edition_witness_sha256,
                   annotations=srcdir / config.edition_annotations,
                   persons=srcdir / config.edition_persons,
                   chronology=srcdir / config.edition_chronology,
                   lacunae={name: Lacuna.of(name, spec)
                            for name, spec in config.edition_lacunae.items()},
                   tei=dict(config.edition_tei), srcdir=srcdir,
                   assets=frozenset((srcdir / a).resolve() for a in config.edition_assets),
                   subtitle=config.edition_subtitle,
                   editors=tuple(config.edition_editors),
                   organizations=frozenset(config.edition_organizations),
                   published=config.edition_published,
                   download_pdf=config.edition_download_pdf,
                   download_epub=config.edition_download_epub,
                   epub_accessibility=dict(config.edition_epub_accessibility))



#: Where the settings object is kept on Sphinx's Config: a private attribute, which
#: Sphinx leaves out of the pickled environment, so that it is made anew by every build.
_KEPT = "_edition_settings"


def settings(config: Config) -> EditionSettings:
    """The edition's settings, as resolved when this build read conf.py."""
    return getattr(config, _KEPT)


def setup(app: Sphinx) -> None:
    for s in SETTINGS:
        app.add_config_value(s.name, s.default, s.rebuild, types=s.types,
                             description=s.description)


def problems(srcdir: Path, config: Config) -> list[str]:
    """Every problem with the edition_* settings, as messages naming the setting."""
    found = []
    wrong = set()
    for s in SETTINGS:
        value = getattr(config, s.name)
        if not isinstance(value, s.types):
            wanted = " or ".join("None" if t is type(None) else t.__name__ for t in s.types)
            found.append(f"{s.name} = {value!r}: must be {wanted}")
            wrong.add(s.name)
            continue
        problem = s.check(srcdir, value) if s.check else ""
        if problem:
            found.append(f"{s.name} = {problem}")
            wrong.add(s.name)
    witness, expected = config.edition_witness, config.edition_witness_sha256
    if expected and not wrong & {"edition_witness", "edition_witness_sha256"} and \
            witness and (srcdir / witness).is_file():
        actual = hashlib.sha256((srcdir / witness).read_bytes()).hexdigest()
        if actual != expected:
            found.append(f"the witness {witness} has changed: its SHA-256 is {actual}, "
                         f"edition_witness_sha256 says {expected}. The witness is evidence "
                         "and never changes: restore it from the copy received")
    return found


def validate(app: Sphinx, config: Config) -> None:
    """config-inited: report every wrong setting, located in conf.py; keep the
    annotation files out of the documents (they are Markdown, but not pages)."""
    conf = Path(app.confdir) / "conf.py"
    for message in problems(Path(app.srcdir), config):
        warn(message, Subtype.config, location=f"{conf}:1")
    # The build has failed (warnings are errors); it goes on with the defaults of the
    # settings that are wrong, so that every other problem is reported too.
    for s in SETTINGS:
        value = getattr(config, s.name)
        if not isinstance(value, s.types) or (s.check and s.check(Path(app.srcdir), value)):
            config[s.name] = s.default
    setattr(config, _KEPT, EditionSettings.of(Path(app.srcdir), config))
    if isinstance(config.edition_annotations, str):
        # The folder itself too: Sphinx walks into every folder no pattern excludes, and
        # matched each of 10,000 notes against the patterns to leave it out.
        folder = config.edition_annotations.strip("/")
        for pattern in (f"{folder}/**", folder):
            if pattern not in config.exclude_patterns:
                config.exclude_patterns.append(pattern)
