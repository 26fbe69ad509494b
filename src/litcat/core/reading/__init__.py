"""Reading the YAML files a pull request brings, safely and with every place located:
:mod:`.files` (regular files only, under a size limit), :mod:`.guard` (hostile input caught
before a node tree is built), :mod:`.syntax` (syntax errors as people can act on them) and
:mod:`.reader` (the one YAML reader: nodes, plain data, and where each value sits)."""
