"""Benchmarks of prdkit against check-jsonschema and pandoc (see README.md)."""
