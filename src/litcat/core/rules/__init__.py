"""The rules a record and a catalog must pass beyond the models' own, one module per subject:
:mod:`.record` (one record against the taxonomy: tags, attributes, what every record is
expected to have), :mod:`.catalog` (the taxonomy file, and what spans records: duplicate ids,
DOIs, arXiv ids), :mod:`.text` (invisible characters and look-alike link hosts),
:mod:`.sources` (which sources are primary) and :mod:`.located` (pydantic's errors as located
problems). The value types and their rules are :mod:`litcat.core.fields`."""
