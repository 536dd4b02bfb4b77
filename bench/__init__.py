"""Benchmarks of the matching engine: latency, rebuild time, index delay and ranking quality."""
