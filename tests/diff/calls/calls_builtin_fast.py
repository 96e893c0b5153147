"""Builtins that generic calls compute in C (spz_vcall): round(x, n) for an exact float and an
exact int 0 <= n <= 22 while |x| * 10**n < 2**52 -- ties and their neighbours, signed zeros,
values at the 2**52 edge, nan/inf, negative and huge n, bool n, float subclasses; min(a, b) and
max(a, b) of two exact floats or int64 ints -- equal values (which object is kept), nan, -0.0,
big ints, mixed types, subclasses, keywords; and all of them shadowed by a global or replaced in
builtins between calls."""
import builtins
import struct

from spyc import checked


@checked
def rounds(xs: list[float], n: int) -> list:
    out = []
    for x in xs:
        out.append(round(x, n))
    return out


@checked
def round_any(x: object, n: object) -> object:
    return round(x, n)


def neighbours(x):
    i = struct.unpack("<q", struct.pack("<d", x))[0]
    return [struct.unpack("<d", struct.pack("<q", i + d))[0] for d in (-2, -1, 0, 1, 2)]


def test_ties():
    out = []
    for n in range(0, 6):
        xs = []
        for k in (-1001, -3, -1, 0, 1, 2, 5, 7, 12, 125, 2675, 99999):
            xs += neighbours((k + 0.5) / 10 ** n)
        out.append(rounds(xs, n))
    return out


def test_values():
    xs = [0.0, -0.0, 1e-300, -1e-300, 0.004, -0.004, 0.005, -0.005, 2.675, 1.005, 0.125, 0.375,
          123456.789, -987654.3215, 4503599627370495.5, 4503599627370496.0, 2.0 ** 52 - 0.5,
          1e15 + 0.3, 1e16, 1e300, -1e300, 5e-324]
    return [rounds(xs, n) for n in (0, 1, 2, 3, 7, 15, 16, 22, 23, 40, 400)]


def test_specials():
    xs = [float("nan"), float("inf"), float("-inf")]
    return [repr(v) for n in (0, 2, 30) for v in rounds(xs, n)]


def test_odd_arguments():
    out = [round_any(2.675, True), round_any(2.5, False), round_any(1234.5678, -2), round_any(-0.0, -1)]
    out.append(round_any(1.5, 2 ** 70))
    out.append(round_any(1.5, -2 ** 70))

    class F(float):
        def __round__(self, n=None):
            return ("F", n)

    out.append(round_any(F(2.5), 1))
    out.append(round_any(7, 2))
    try:
        round_any(2.5, 1.0)
    except TypeError as e:
        out.append(str(e))
    return out


def test_replaced():
    out = [rounds([2.675, 0.125], 2)]
    orig = builtins.round
    builtins.round = lambda x, n=None: ("builtin replaced", x, n)
    try:
        out.append(rounds([2.675], 2))
    finally:
        builtins.round = orig
    g = globals()
    g["round"] = lambda x, n=None: ("global", n)
    try:
        out.append(rounds([2.675], 2))
    finally:
        del g["round"]
    out.append(rounds([2.675, 0.125], 2))
    return out


@checked
def extremes(a: object, b: object) -> tuple:
    return max(a, b), min(a, b)


class I(int):
    def __gt__(self, o):
        print("I.__gt__")
        return True

    __lt__ = __gt__


def test_min_max():
    pairs = [(1.0, 2.0), (2.0, 1.0), (0.0, -0.0), (-0.0, 0.0), (float("nan"), 1.0), (1.0, float("nan")),
             (3, 5), (5, 3), (-2**63, 2**63 - 1), (2**63, 1), (1, 2**70), (1, 1.5), (1.5, 1), (True, 0),
             (I(1), 2), (2, I(1)), ("a", "b"), (1e300, float("inf"))]
    out = [(repr(x), repr(y)) for x, y in (extremes(a, b) for a, b in pairs)]
    big1, big2 = 10**30, 10**30
    mx, mn = extremes(big1, big2)
    out.append((mx is big1, mn is big1))
    f1, f2 = float("1.5"), float("1.5")
    mx, mn = extremes(f1, f2)
    out.append((mx is f1, mn is f1))
    i1, i2 = int("123456"), int("123456")
    mx, mn = extremes(i1, i2)
    out.append((mx is i1, mn is i1))
    return out


def test_min_max_replaced():
    out = [extremes(1.0, 2.0)]
    orig = builtins.max
    builtins.max = lambda *a, **k: ("max replaced", a)
    try:
        out.append(extremes(1.0, 2.0))
    finally:
        builtins.max = orig
    globals()["min"] = lambda *a, **k: "global min"
    try:
        out.append(extremes(3, 4))
    finally:
        del globals()["min"]
    out.append(extremes(3, 4))
    return out
