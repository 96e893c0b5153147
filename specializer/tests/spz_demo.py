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


def plain(x):
    return x + 1


def tagger(fn):
    fn.tag = "T"
    return fn


def calls_compiled(y):
    return guarded(1.0, y)


@checked
@tagger
def tagged():
    return 1


class Shape:
    @staticmethod
    @checked
    def origin():
        return (0, 0)

    @checked
    @classmethod
    def make(cls, x: int):
        return Point(x, 0)


def call_star(f, a):
    return f(*a)


def call_one_star(f, a):
    return f(1, *a)


def call_kw(f, k):
    return f(**k)


def call_d_kw(f, k):
    return f(d=1, **k)


def call_kw2(f, k1, k2):
    return f(**k1, **k2)


def unpack2(s):
    a, b = s
    return (a, b)


def unpack3(s):
    a, b, c = s
    return (a, b, c)


def unpack_ex(s):
    a, *b, c, d = s
    return (a, b, c, d)


def unpack_ex0(s):
    *a, b = s
    return (a, b)


def fmt(v, spec):
    return f"<{v!r:{spec}}|{v}>"
