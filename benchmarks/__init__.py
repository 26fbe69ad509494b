"""Benchmarks of litcat at scale: a generator of synthetic catalogs and a runner (`make bench`).

Not part of `make test`: tests assert behaviour, timings live here (see RESULTS.md).
"""
