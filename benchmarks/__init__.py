"""Benchmarks and the synthetic graph they run on; not part of the package."""
