"""min/max of three or more typed values (CPython's loop: the running result is replaced only
by an item comparing less/greater, so the first of equal items and NaN placement decide), and
list locals bound by a non-empty display (`out = [first]`, then appends): items computed before
the local is bound, a deopt or error inside the display leaving the old binding."""
from spyc import checked, frozen


@frozen
class Bar:
    high: float
    low: float
    close: float


@checked
def max3(a: float, b: float, c: float) -> float:
    return max(a, b, c)


@checked
def min4(a: float, b: float, c: float, d: float) -> float:
    return min(a, b, c, d)


@checked
def imax3(a: int, b: int, c: int) -> int:
    return max(a, b, c)


@checked
def imin5(a: int, b: int, c: int, d: int, e: int) -> int:
    return min(a, b, c, d, e)


@checked
def true_range(bars: list[Bar]) -> list[float]:
    trs = [bars[0].high - bars[0].low]
    for prev, cur in zip(bars, bars[1:]):
        trs.append(max(cur.high - cur.low, abs(cur.high - prev.close), abs(cur.low - prev.close)))
    return trs


@checked
def running(xs: list[int], k: int) -> list[int]:
    out = [xs[0], xs[0] * k, -1]
    for x in xs:
        out.append(x * k + out[-1] if False else x * k)
    out = [len(out), k]
    return out


@checked
def rebind_overflow(xs: list[int], k: int) -> list[int]:
    acc = [7]
    n = len(acc)
    acc = [n, xs[0] * k, n]  # an int64 overflow in an item deopts before acc is rebound
    acc.append(n + 1)
    return acc


@checked
def display_of_mixed(n: int, x: float) -> list[float]:
    out = [n, x, n > 2]
    out.append(x * n)
    return out


NAN = float("nan")
INF = float("inf")


def test_max3():
    vals = [0.0, -0.0, 1.5, -1.5, NAN, INF, -INF]
    return [repr(max3(a, b, c)) for a in vals for b in vals for c in vals]


def test_min4():
    vals = [0.0, -0.0, NAN, 2.0, -INF]
    return [repr(min4(a, b, c, d)) for a in vals for b in vals for c in vals for d in vals]


def test_imax3():
    big = 2**63 - 1
    vals = [0, -1, big, -big - 1, 5]
    return [imax3(a, b, c) for a in vals for b in vals for c in vals]


def test_imin5_with_int_beyond_int64():
    return imin5(3, 2**70, -2**70, 1, 0), imin5(1, 2, 3, 4, 5), imin5(5, 4, 3, 2, 1)


def test_true_range():
    bars = [Bar(10.0 + i % 7, 9.0 - i % 5, 9.5 + (i % 3) / 2) for i in range(50)]
    return true_range(bars)


def test_true_range_nan_and_int_fields():
    bars = [Bar(1.0, 0.5, 0.75), Bar(NAN, 0.25, 0.5), Bar(3.0, 1.0, 2.0)]
    return [repr(x) for x in true_range(bars)]


def test_running():
    return running([1, 2, 3], 4), running([2**62, 2**62], 4)


def test_rebind_overflow():
    return rebind_overflow([5], 3), rebind_overflow([2**62], 4), rebind_overflow([-2**63], -1)


def test_display_of_mixed():
    return display_of_mixed(3, 0.5), display_of_mixed(2**63 - 1, 1e308)
