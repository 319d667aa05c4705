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
