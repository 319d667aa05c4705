extensions = ["myst_parser", "edition"]
bibtex_bibfiles = []
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
