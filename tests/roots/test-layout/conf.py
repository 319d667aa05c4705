# A second edition, laid out differently from the real one: the text in essay/, the
# notes in notes/, the witness in sources/, the register in data/, one .bib file.
project = "Layout fixture"
extensions = ["myst_parser", "sphinxcontrib.bibtex", "edition"]
bibtex_bibfiles = ["works.bib"]
bibtex_default_style = "mla"
bibtex_reference_style = "mla"
edition_witness = "sources/received.txt"
edition_witness_sha256 = "e6b0a8d9997b8b0d12c543a84d8cb18a2306a5cc014018f47a4fcc1ec7cb026d"
edition_annotations = "notes"
edition_persons = "data/people.yaml"
edition_chronology = "data/dates.yaml"
nitpicky = True
# Its own lacunae and TEI header words: nothing of the real edition's.
edition_lacunae = {
    "torn": {"witness": "[torn]", "description": "The page is torn here.",
             "tei_reason": "damage", "tei_agent": "tear"},
}
edition_tei = {
    "subtitle": "A fixture of another layout",
    "witness_title": "A report received on paper",
    "witness_author": "Ann Smith",
    "witness_received": "Received by post.",
}
