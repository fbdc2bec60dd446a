"""Benchmark scripts and the readers of the published instances in ../shared/benchmarks."""
