"""Hostile input and faults: a corpus generated at test time, run through the real CLI."""
