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
