"""The record and taxonomy core: ids, problems, models, the YAML reader, loading and checks.

Nothing here imports from the layers above it (writing, formats, intake, rendering, plugin, CLI).
"""
