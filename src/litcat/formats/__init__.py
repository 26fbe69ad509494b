"""The catalog in other formats: BibTeX, CSL-JSON, CSV, JSON, the record schema, explorer data."""
