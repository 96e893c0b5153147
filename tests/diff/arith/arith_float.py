"""Floats: inf, nan, -0.0, division, floor division, modulo, rounding."""
import math
from spyc import checked


@checked
def fdiv(a: float, b: float) -> float:
    return a / b


@checked
def ffloordiv(a: float, b: float) -> float:
    return a // b


@checked
def fmod(a: float, b: float) -> float:
    return a % b


@checked
def neg(x: float) -> float:
    return -x


@checked
def add(a: float, b: float) -> float:
    return a + b


@checked
def mul(a: float, b: float) -> float:
    return a * b


def test_neg_zero():
    z = neg(0.0)
    return repr(z), math.copysign(1.0, z), z == 0.0, repr(add(-0.0, -0.0)), repr(add(-0.0, 0.0))


def test_inf_arith():
    inf = float("inf")
    return add(inf, 1.0), add(inf, -inf), mul(inf, 0.0), fdiv(1.0, inf), fdiv(-1.0, inf)


def test_nan_compare():
    n = add(float("nan"), 1.0)
    return n == n, n != n, n < 1.0, n > 1.0, math.isnan(n), repr(n)


def test_float_floordiv_signs():
    out = []
    for a in (7.5, -7.5, 0.0, -0.0):
        for b in (2.0, -2.0, 0.5):
            out.append(ffloordiv(a, b))
    return out


def test_float_mod_signs():
    out = []
    for a in (7.5, -7.5, 0.0, -0.0, 1e-300):
        for b in (2.0, -2.0, float("inf"), float("-inf")):
            out.append(fmod(a, b))
    return [repr(x) for x in out]


def test_float_div_zero():
    return fdiv(1.0, 0.0)


def test_float_floordiv_zero():
    return ffloordiv(1.0, 0.0)


def test_float_mod_zero():
    return fmod(1.0, -0.0)


def test_float_overflow_mul():
    return mul(1e308, 10.0), mul(-1e308, 10.0)


def test_float_precision():
    return add(0.1, 0.2), repr(add(0.1, 0.2)), add(1e16, 1.0), fdiv(1.0, 3.0)


def test_inf_floordiv_and_mod():
    inf = float("inf")
    return [repr(v) for v in (ffloordiv(inf, 2.0), fmod(5.0, inf), fmod(-5.0, inf), ffloordiv(5.0, inf), ffloordiv(-5.0, inf))]


def test_int_promoted_to_float_param():
    r = fdiv(7, 2)
    return r, type(r).__name__, add(2, 3), type(add(2, 3)).__name__
