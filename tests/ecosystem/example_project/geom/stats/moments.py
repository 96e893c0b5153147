from spyc import checked

from ..vec import tri  # a relative import out of the subpackage


@checked
def mean(xs: list[float]) -> float:
    s = 0.0
    for x in xs:
        s += x
    return s / len(xs)


@checked
def variance(xs: list[float]) -> float:
    m = mean(xs)
    s = 0.0
    for x in xs:
        s += (x - m) * (x - m)
    return s / len(xs)


@checked
def pairs(n: int) -> int:
    return tri(n)
