"""Scale data for benchmarks: `python manage.py seed_scale --preset city|state` (see docs/benchmarks.md).

presets.py says how much of everything, texts.py has the German words, writer.py loads rows in bulk
(COPY on PostgreSQL, executemany elsewhere) and build.py decides what the rows are, deterministically
for a seed.
"""
