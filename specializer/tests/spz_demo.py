import sys
from spyc import checked

print("module body runs", __name__)

SCALE = 10


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    @checked
    def norm1(self, k: int) -> int:
        return abs(self.x) + abs(self.y) + k


def interpreted(x):
    return 1 / x


@checked
def add(a: int, b: int = 2) -> int:
    "Add two ints."
    return a + b


def boom(x, *rest, key=None, **kw):
    raise ValueError(x)


@checked
def guarded(x: float, y: float) -> float:
    return x / y


def scaled(v):
    return v * SCALE
