"""int/float mixing, true division, pow, round and friends."""
from spyc import checked


@checked
def truediv(a: int, b: int) -> float:
    return a / b


@checked
def mix(a: int, x: float) -> float:
    return a * x + a - x


@checked
def power(a: int, b: int):
    return a ** b


@checked
def fpower(a: float, b: float) -> float:
    return a ** b


@checked
def powmod(a: int, b: int, m: int) -> int:
    return pow(a, b, m)


@checked
def int_of(x: float) -> int:
    return int(x)


@checked
def rnd(x: float, n: int):
    return round(x, n)


def test_truediv_basic():
    return truediv(7, 2), truediv(-7, 2), truediv(1, 3), truediv(0, -5)


def test_truediv_bigints_correctly_rounded():
    return truediv(10**400, 10**399), truediv(2**53 + 1, 1), truediv(-(10**30), 3)


def test_truediv_too_large():
    return truediv(2**1100, 1)


def test_truediv_by_zero():
    return truediv(1, 0)


def test_mix():
    return mix(3, 0.5), mix(-2, 1.25), mix(0, -0.0)


def test_pow_int():
    return power(2, 10), power(-2, 3), power(0, 0), power(2, 100), power(-1, 10**9 + 1)


def test_pow_negative_exponent():
    r = power(2, -2)
    return r, type(r).__name__, power(-2, -3)


def test_pow_zero_negative():
    return power(0, -1)


def test_float_pow():
    return fpower(2.0, 0.5), fpower(0.0, 0.0), fpower(-8.0, 3.0), fpower(4, -1)


def test_float_pow_zero_negative():
    return fpower(0.0, -1.0)


def test_float_pow_complex_result():
    return repr(fpower(-8.0, 1.0 / 3.0))


def test_float_pow_overflow():
    return fpower(10.0, 400.0)


def test_powmod():
    return powmod(2, 10, 1000), powmod(3, -1, 7), powmod(-2, 3, 5), powmod(2, 3, -5)


def test_powmod_not_invertible():
    return powmod(2, -1, 4)


def test_int_of_float():
    return int_of(3.9), int_of(-3.9), int_of(1e20), int_of(-0.0)


def test_int_of_inf():
    return int_of(float("inf"))


def test_int_of_nan():
    return int_of(float("nan"))


def test_round():
    return rnd(2.675, 2), rnd(0.5, 0), rnd(1.5, 0), rnd(-2.5, 0), rnd(1234.5, -2)
