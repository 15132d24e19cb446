"""Why a page misses its target and what should change: written after reading the profiles of a run.

bench/run.py prints the finding of every page that misses a target into the results.
"""

FINDINGS: dict[str, str] = {}
