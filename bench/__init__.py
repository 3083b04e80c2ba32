"""Benchmarks: `python -m bench.<name>` (they print, they do not assert)."""
