"""round(x, n) of a float with a literal n in specialized code (prices rounded to cents, rates
to basis points): ties and near-ties, negative values and zeros, large magnitudes where the
generic round takes over, inf/nan, n = 0 and n = 22, and a round that was replaced or shadowed."""
import builtins

from spyc import checked


@checked
def cents(x: float) -> float:
    return round(x, 2)


@checked
def quote(mid: float, tick: float, buy: bool) -> float:
    price = round(mid + tick, 2) if buy else round(mid - tick, 2)
    return price * 100.0


@checked
def digits(x: float) -> tuple[float, float, float, float]:
    return round(x, 0), round(x, 1), round(x, 15), round(x, 22)


@checked
def total_rounded(n: int, step: float) -> float:
    s = 0.0
    for i in range(n):
        s += round(i * step, 3)
    return s


def test_cents():
    xs = [0.125, 0.135, 0.145, 2.675, 1.005, -0.125, -2.675, 0.0, -0.0, 0.004999999, 0.005,
          1e-300, 123456.785, 1e13 + 0.125, 4.5e13, 1e16, 1.7976931348623157e308, -1e300]
    return [cents(x) for x in xs]


def test_specials():
    return [repr(cents(x)) for x in (float("inf"), float("-inf"), float("nan"))]


def test_quote():
    return [quote(100.0 + i * 0.0037, 0.01, i % 2 == 0) for i in range(20)]


def test_digits():
    return [digits(x) for x in (0.5, 1.5, 2.5, -0.5, 0.1 + 0.2, 1e-20 / 3, 123.456e10, 5e-324)]


def test_total():
    return total_rounded(1000, 0.0105)


def test_ints_pass_contract():
    return cents(3), quote(100, 1, True)


def test_round_replaced():
    orig = builtins.round
    builtins.round = lambda x, n=None: ("round", x, n)
    try:
        return cents(1.234)
    finally:
        builtins.round = orig


def test_round_shadowed():
    g = globals()
    g["round"] = lambda x, n=None: -1.0
    try:
        return cents(1.234), quote(1.0, 0.5, False)
    finally:
        del g["round"]
