"""Writing records: the one canonical writer and ``litcat fmt``."""
