"""sum/min/max/any/all over generator expressions and lists inside specialized bodies (inline
loops on unboxed items, facts/genexp.ts), and lists built by comprehensions whose items are read
unboxed. Hostile cases: items of another type, int64 overflow, empty inputs, NaN/inf/-0.0,
floats whose sum 3.12+ compensates, a rebound builtin, a local that shares the loop variable's
name, a signal-free long range."""
import builtins
import math

from spyc import checked


@checked
def variance(xs: list[float]) -> float:
    mean = sum(xs) / len(xs)
    return sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)


@checked
def volatility(rows: list[list[float]], col: int) -> float:
    xs = [row[col] for row in rows]
    mean = sum(xs) / len(xs)
    return math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))


@checked
def total_qty(qtys: list[int]) -> int:
    return sum(q for q in qtys if q > 0)


@checked
def squares(n: int) -> int:
    return sum(i * i for i in range(n))


@checked
def stepped(a: int, b: int, step: int) -> int:
    return sum(i for i in range(a, b, step))


@checked
def spread(prices: list[float]) -> float:
    return max(p for p in prices) - min(p for p in prices)


@checked
def extremes(xs: list[float]) -> float:
    return max(xs) - min(xs)


@checked
def lowest_int(xs: list[int]) -> int:
    return min(x * 2 for x in xs)


@checked
def any_negative(xs: list[float]) -> bool:
    return any(x < 0.0 for x in xs)


@checked
def all_positive(xs: list[int]) -> bool:
    return all(x for x in xs)


@checked
def shadow(xs: list[float], x: float) -> float:
    # the genexp's x is its own; the function's x keeps its value
    s = sum(x * 2.0 for x in xs)
    return s + x


@checked
def scaled_mean(xs: list[float], k: float) -> float:
    ys = [x * k for x in xs]
    return sum(ys) / len(ys)


@checked
def count_big(n: int, limit: int) -> int:
    i = n % 7
    return sum(1 for i in range(-n, n) if i % 3 == 0 and i > limit) + i


@checked
def running(xs: list[float]) -> float:
    total = 0.0
    for k in range(3):
        total += sum(x * k for x in xs)
    return total


def test_variance():
    return variance([1.0, 2.0, 4.0, 8.0, 16.5])


def test_volatility():
    rows = [[float(i * j % 7) - 3.0, i * 0.5] for i in range(50) for j in range(2)]
    return volatility(rows, 0), volatility(rows, 1)


def test_volatility_int_item():
    # an int among the floats: the list is built generically, the unboxed read deopts
    rows = [[1.0], [2.0], [3], [4.5]]
    return volatility(rows, 0)


def test_volatility_bad_index():
    return volatility([[1.0], [2.0]], 3)


def test_compensated_sum():
    # 3.12+ compensates: 0.1 * 10 sums to exactly 1.0 there, to 0.9999999999999999 on 3.11
    return variance([0.1] * 10 + [1e16, 1.0, -1e16]), sum(x for x in [0.1] * 10), extremes([0.1] * 10)


def test_total_qty():
    return total_qty([3, -1, 4, 0, 5]), total_qty([]), total_qty([2**62, 2**62, 1])


def test_total_qty_bigint():
    return total_qty([2**63 - 1, 5, 2**70])


def test_squares():
    return squares(0), squares(10), squares(3_000_000_000 // 2**20), squares(-5)


def test_squares_overflow():
    return squares(3_100_000)


def test_stepped():
    return stepped(0, 10, 3), stepped(10, 0, -2), stepped(5, 5, 1), stepped(-(2**62), 2**62, 2**61)


def test_stepped_zero():
    return stepped(0, 10, 0)


def test_spread():
    return spread([101.5, 99.25, 100.0]), spread([1.0, float("nan"), 3.0]), spread([float("nan"), 1.0])


def test_spread_empty():
    return spread([])


def test_extremes():
    return extremes([-0.0, 0.0]), extremes([0.0, -0.0]), extremes([float("inf"), 1.0]), extremes([2.5])


def test_extremes_mixed():
    return extremes([1.0, 2, 3.5])


def test_lowest_int():
    return lowest_int([5, -3, 8]), lowest_int([2**62])


def test_lowest_int_empty():
    return lowest_int([])


def test_any_all():
    return (any_negative([1.0, -0.0, 2.0]), any_negative([1.0, -2.0]), any_negative([]),
            all_positive([1, 2, 3]), all_positive([1, 0, 3]), all_positive([]))


def test_shadow():
    return shadow([1.0, 2.0], 10.0), shadow([], -1.5)


def test_scaled_mean():
    return scaled_mean([1.0, 2.0, 3.0], 0.5), scaled_mean([1e308, 1e308], 10.0)


def test_scaled_mean_empty():
    return scaled_mean([], 2.0)


def test_count_big():
    return count_big(10, 2), count_big(100, -50), count_big(0, 0)


def test_running():
    return running([0.5, 1.5, -2.0])


def test_sum_rebound():
    # a module-level `sum` replaced mid-run: the inline loop must not be used any more
    real = builtins.sum
    before = variance([1.0, 2.0, 3.0])
    globals()["sum"] = lambda it: real(it) * 2
    try:
        return before, variance([1.0, 2.0, 3.0]), total_qty([1, 2])
    finally:
        del globals()["sum"]


def test_builtins_sum_replaced():
    real = builtins.max
    builtins.max = lambda *a: "max!"
    try:
        return spread([1.0, 2.0])
    except TypeError as e:
        return str(e)
    finally:
        builtins.max = real
