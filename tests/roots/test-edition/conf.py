# A minimal edition: one essay chapter with citations, a witness, a bibliography.
project = "Fixture edition"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
include_patterns = ["*.md", "chapters/**"]
bibtex_bibfiles = ["refs.bib"]
bibtex_default_style = "mla"
bibtex_reference_style = "mla"
bibtex_cite_id = "cite-{key}"
edition_witness = "witness.txt"
nitpicky = True
# As the edition: a ":::{directive}" fence is a directive, and is refused in a note.
myst_enable_extensions = ["colon_fence"]
# The host's marker, as the real edition declares it (its conf.py).
edition_lacunae = {
    "host-marker": {"witness": "\u2026show more content\u2026", "tei_reason": "hidden",
                    "tei_agent": "host-site",
                    "description": "Lacuna of unknown extent: the host site hides the rest "
                                   "of the essay behind its marker "
                                   "\u201c\u2026show more content\u2026\u201d."},
    "breaks-off": {"witness": "", "space_before": True, "tei_agent": "witness-ends",
                   "description": "Lacuna: the witness breaks off here, mid-sentence."},
}
