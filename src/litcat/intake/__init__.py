"""The contributor side: new records from the arXiv, doi.org and BibTeX, imports, link checks."""
