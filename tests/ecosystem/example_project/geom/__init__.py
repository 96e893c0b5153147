"""Example package: geom.vec and geom.stats.moments are compiled by spyc."""
from .vec import Vec, dot, norm2
from .stats.moments import mean, variance

__all__ = ["Vec", "dot", "norm2", "mean", "variance"]
