extensions = ["myst_parser", "edition"]
bibtex_bibfiles = []
