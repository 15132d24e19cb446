"""The scale data set, built part by part: base.py (generators, clock, writer, shares), places.py, needs.py,
programmes.py, initiatives.py, advisory.py, and builder.py, which runs them in order."""

from .builder import VERSION, Builder, support_distribution

__all__ = ["VERSION", "Builder", "support_distribution"]
