# Bumped whenever the data a seed gives changes: make bench rebuilds a data set of another version.
VERSION = 5  # 5: Need.support_count written with the needs (ranks drawn from their own generator)
