"""Comprehensions and reductions over zip(...)/enumerate(...) of lists and over slices of list
parameters in specialized bodies (facts/genexp.ts zip clauses, facts/slices.ts comprehension
iterables). Hostile cases: lists of unequal length, an item of another type in either list, a
zero divisor, a big int, NaN, one- and zero-item inputs, a rebound `zip`, a slice bound that is a
parameter, a call before the comprehension that mutates the list (no hoisting past it)."""
from spyc import checked


@checked
def returns(prices: list[float]) -> list[float]:
    return [(b - a) / a for a, b in zip(prices, prices[1:])]


@checked
def log_spread(prices: list[float]) -> float:
    return sum(b - a for a, b in zip(prices[:-1], prices[1:])) / len(prices)


@checked
def dot(xs: list[float], ys: list[float]) -> float:
    return sum(x * y for x, y in zip(xs, ys))


@checked
def int_dot(xs: list[int], ys: list[int]) -> int:
    return sum(x * y for x, y in zip(xs, ys))


@checked
def weighted_max(xs: list[float], ws: list[float]) -> float:
    return max(x * w for x, w in zip(xs, ws) if w > 0.0)


@checked
def diffs(xs: list[int], lag: int) -> list[int]:
    d = [b - a for a, b in zip(xs, xs[lag:])]
    return d


@checked
def indexed(xs: list[float]) -> list[float]:
    return [i * x for i, x in enumerate(xs)]


@checked
def first_big(xs: list[int], limit: int) -> bool:
    return any(i > 2 and x > limit for i, x in enumerate(xs))


@checked
def three(xs: list[float], ys: list[float], zs: list[float]) -> list[float]:
    return [x + y * z for x, y, z in zip(xs, ys, zs)]


@checked
def scaled_tail(xs: list[float], k: float) -> float:
    return k * sum(x for x in xs[1:])


@checked
def tail_sum(xs: list[float]) -> float:
    t = sum(x * 2.0 for x in xs[2:])
    return t


def grow(xs):
    xs.append(1000.0)
    return 0.0


@checked
def after_call(xs: list[float]) -> float:
    return grow(xs) + sum(x for x in xs[1:])


def test_returns():
    return returns([100.0, 101.0, 99.5, 99.5]), returns([5.0]), returns([]), returns([1.0, float("nan"), 2.0])


def test_returns_zero():
    return returns([1.0, 0.0, 2.0])


def test_returns_int_item():
    return returns([1.0, 2, 4.0])


def test_log_spread():
    return log_spread([1.0, 2.0, 4.0, 3.0]), log_spread([2.0])


def test_dot():
    return dot([1.0, 2.0, 3.0], [4.0, 5.0]), dot([], [1.0]), dot([0.1] * 10, [1.0] * 11), dot([1.5], [2])


def test_int_dot():
    return int_dot([1, 2, 3], [4, 5, 6]), int_dot([2**40], [2**40]), int_dot([2**70], [1]), int_dot([], [])


def test_weighted_max():
    return weighted_max([1.0, 5.0, 3.0], [1.0, 0.0, 2.0]), weighted_max([1.0, float("nan")], [1.0, 1.0])


def test_weighted_max_empty():
    return weighted_max([1.0], [-1.0])


def test_diffs():
    return diffs([1, 4, 9, 16], 1), diffs([1, 4, 9, 16], 2), diffs([1, 4], 5), diffs([1, 2, 3], -1), diffs([2**63 - 1, -5], 1)


def test_indexed():
    return indexed([1.5, -0.0, 2.0]), indexed([]), indexed([1.0, 2])


def test_first_big():
    return first_big([10, 10, 10, 10], 5), first_big([10, 10, 10], 5), first_big([1, 2, 3, 4, 5], 4)


def test_three():
    return three([1.0, 2.0], [3.0, 4.0, 5.0], [0.5, -0.5]), three([], [], [])


def test_tail():
    return scaled_tail([1.0, 2.0, 3.0], 2.0), scaled_tail([1.0], 3.0), tail_sum([1.0, 2.0, 3.0, 4.0]), tail_sum([])


def test_after_call():
    xs = [1.0, 2.0]
    return after_call(xs), xs


def test_zip_rebound():
    g = globals()
    try:
        g["zip"] = lambda a, b: [(1.0, 2.0)]
        return returns([1.0, 2.0, 3.0]), dot([5.0], [5.0])
    finally:
        del g["zip"]
