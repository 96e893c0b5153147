"""Tuple-display assignments of locals (`a, b = e1, e2`) in specialized bodies: every item is
computed before any target is stored, so swaps and `x, y = y, x % y` read the old values, and a
guard failing in a later item (int64 overflow, a list item of another type, a zero divisor)
leaves every target as it was when the generic code takes over. Also: repeated targets (the last
store wins), a bool among ints, a non-number item making the local an object, and the values
seen by an exception handler after a failing item."""
from spyc import checked


@checked
def gcd(a: int, b: int) -> int:
    x, y = a, b
    while y:
        x, y = y, x % y
    return x


@checked
def gcd_sum(n: int) -> int:
    total = 0
    for a in range(1, n):
        for b in range(1, n):
            total += gcd(a, b)
    return total


@checked
def fib_pair(n: int) -> int:
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


@checked
def argmax(xs: list[float]) -> int:
    best_i, best = 0, xs[0]
    for i, x in enumerate(xs):
        if x > best:
            best_i, best = i, x
    return best_i


@checked
def minmax(xs: list[int]) -> tuple[int, int]:
    lo, hi = xs[0], xs[0]
    for x in xs:
        if x < lo:
            lo, hi = x, hi
        elif x > hi:
            lo, hi = lo, x
    return lo, hi


@checked
def swap_many(a: float, b: float, c: float, k: int) -> float:
    for _ in range(k):
        a, b, c = c, a, b
    return a * 100.0 + b * 10.0 + c


@checked
def repeated(a: int, b: int) -> int:
    x, x = a, b
    return x


@checked
def step_div(a: int, b: int, c: int) -> int:
    # the second item's guard (zero divisor) must fail before a is stored
    try:
        a, b = b, a // c
    except ZeroDivisionError:
        return a * 1000 + b
    return a * 1000 + b


@checked
def mixed(a: int, b: float) -> float:
    x, y = a, b
    y, x = x + y, y * 2
    return x - y


@checked
def overflowing(a: int, b: int) -> int:
    s, p = a + b, a * b
    return s - p


@checked
def with_flag(xs: list[int], limit: int) -> tuple[int, bool]:
    total, hit = 0, False
    for x in xs:
        total, hit = total + x, hit or total + x > limit
    return total, hit


@checked
def named_none(n: int) -> int:
    best, seen = None, 0
    for i in range(n):
        if best is None or i % 3 == 0:
            best, seen = i, seen + 1
    return seen if best is None else best * 10 + seen


def test_gcd():
    return [gcd(12, 18), gcd(17, 5), gcd(0, 9), gcd(9, 0), gcd(-12, 18), gcd(2**62, 2**40)]


def test_gcd_big():
    return gcd(2**70, 2**65), gcd(10**20, 6)


def test_gcd_sum():
    return gcd_sum(30)


def test_fib_pair():
    # passes int64 on the way: the tuple assignment overflows and continues exactly
    return [fib_pair(10), fib_pair(90), fib_pair(100), fib_pair(200)]


def test_argmax():
    return [argmax([1.0, 3.0, 2.0]), argmax([5.0]), argmax([float("nan"), 1.0, 2.0]), argmax([-0.0, 0.0])]


def test_argmax_bad_item():
    return argmax([1.0, 2.5, 7, 3.0]), argmax([1.0, True, 0.5])


def test_argmax_wrong_type():
    return argmax([1.0, "x"])


def test_minmax():
    return [minmax([3, 1, 4, 1, 5, 9, 2, 6]), minmax([7]), minmax([2**62, -2**62, 2**63 - 1])]


def test_minmax_big():
    return minmax([1, 2**64, -2**70, 5])


def test_swap_many():
    return [swap_many(1.0, 2.0, 3.0, k) for k in range(5)]


def test_repeated():
    return repeated(1, 2), repeated(2**70, 3)


def test_step_div():
    return step_div(7, 3, 2), step_div(7, 3, 0), step_div(-7, 3, 2)


def test_mixed():
    return mixed(3, 0.5), mixed(-2, 1e308), mixed(2**70, 1.0)


def test_overflowing():
    return overflowing(3, 4), overflowing(2**62, 4), overflowing(-(2**63), -1)


def test_with_flag():
    return with_flag([1, 2, 3], 4), with_flag([], 0), with_flag([2**62, 2**62], 0), with_flag([1, True, 2], 3)


def test_named_none():
    return named_none(0), named_none(1), named_none(10)
