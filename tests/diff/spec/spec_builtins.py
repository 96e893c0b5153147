"""int(), round(), divmod() and math.* in specialized code: exact results, and every error or
overflow case (inf, nan, domain errors, results beyond int64) left to generic code."""
import math
from spyc import checked

SPECIALS = [0.0, -0.0, 0.5, 1.5, 2.5, -2.5, -0.5, 3.7, -3.7, 1e18, 9.2e18, -9.3e18, 1e300,
            float("inf"), float("-inf"), float("nan"), 5e-324, 2.0**63, -2.0**63]


@checked
def to_int(x: float) -> int:
    return int(x)


@checked
def rnd(x: float) -> int:
    return round(x)


@checked
def int_of_int(n: int, b: bool) -> int:
    return int(n) + round(n) + int(b)


@checked
def floors(x: float) -> int:
    return math.floor(x) - math.ceil(x)


@checked
def floor_int(n: int) -> int:
    return math.floor(n) + math.ceil(n)


@checked
def roots(x: float) -> float:
    return math.sqrt(x) + math.fabs(x)


@checked
def trig(x: float) -> float:
    return math.sin(x) * math.cos(x)


@checked
def explog(x: float) -> float:
    return math.exp(x) + math.log(x)


@checked
def sqrt_int(n: int) -> float:
    return math.sqrt(n)


@checked
def dm(a: int, b: int) -> int:
    q, r = divmod(a, b)
    return q * 1000 + r


@checked
def dmf(a: float, b: float) -> float:
    q, r = divmod(a, b)
    return q * 1000.0 + r


@checked
def digit_sum(n: int) -> int:
    s = 0
    while n > 0:
        n, d = divmod(n, 10)
        s += d
    return s


def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def test_int_round():
    return [(outcome(to_int, x), outcome(rnd, x)) for x in SPECIALS]


def test_int_of_int():
    return int_of_int(5, True), int_of_int(-2**62, False), outcome(int_of_int, 2**63 - 1, True)


def test_math_floor_ceil():
    return [outcome(floors, x) for x in SPECIALS], floor_int(7), floor_int(-2**62)


def test_math_float_functions():
    return [(outcome(roots, x), outcome(trig, x), outcome(explog, x)) for x in SPECIALS + [-1.0, 710.0, -800.0]]


def test_sqrt_int():
    return [outcome(sqrt_int, n) for n in (0, 1, 2, 10**18, 2**63 - 1, -4)]


def test_divmod():
    cases = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (7, 0), (-2**63, -1), (2**63 - 1, 1)]
    return [outcome(dm, a, b) for a, b in cases]


def test_divmod_float():
    cases = [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (0.0, -1.0), (-0.0, 1.0), (1.0, 0.0),
             (float("inf"), 1.0), (1.0, float("inf")), (-1.0, float("inf")), (1e308, 1e-308)]
    return [outcome(dmf, a, b) for a, b in cases]


def test_digit_sum():
    return digit_sum(0), digit_sum(987654321), digit_sum(2**62)


def test_shadowed_math():
    global math
    real = math
    try:
        class Fake:
            @staticmethod
            def sqrt(x):
                return -1.0
            fabs = staticmethod(abs)
        math = Fake()
        return roots(4.0)
    finally:
        math = real
