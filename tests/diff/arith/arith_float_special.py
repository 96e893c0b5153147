"""Float special cases where C's libm and CPython differ: pow, fmod, round, conversions."""
import math
from spyc import checked


@checked
def fpow(a: float, b: float) -> float:
    return a ** b


@checked
def builtin_pow(a: float, b: float) -> object:
    return pow(a, b)


@checked
def fround(x: float) -> int:
    return round(x)


@checked
def fround_nd(x: float, n: int) -> float:
    return round(x, n)


@checked
def floor_ceil(x: float) -> tuple:
    return math.floor(x), math.ceil(x), math.trunc(x)


@checked
def fdivmod(a: float, b: float) -> tuple:
    return divmod(a, b)


@checked
def is_int(x: float) -> bool:
    return x.is_integer()


@checked
def hash_of(x: float) -> int:
    return hash(x)


def catch(fn, *a):
    try:
        return repr(fn(*a))
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


def test_pow_specials():
    inf, nan = float("inf"), float("nan")
    cases = [(nan, 0.0), (1.0, nan), (inf, 0.0), (-inf, 0.5), (-inf, 3.0), (-inf, -3.0), (0.0, inf), (-0.0, 3.0),
             (-0.0, -3.0), (-1.0, inf), (2.0, -inf), (0.5, -inf), (-2.0, 0.5), (1e300, 2.0), (-0.0, -1.0), (0.0, -0.5)]
    return [catch(fpow, a, b) for a, b in cases]


def test_builtin_pow_negative_base():
    return catch(builtin_pow, -8.0, 1.0 / 3), catch(builtin_pow, -8.0, 2.0), catch(builtin_pow, 0.0, -2.0)


def test_round_half_even():
    return [fround(x) for x in (0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1e20)]


def test_round_inf_nan():
    return catch(fround, float("inf")), catch(fround, float("nan"))


def test_round_ndigits():
    return [fround_nd(x, n) for x, n in ((2.675, 2), (-0.0, 0), (1.25, 1), (1e300, -300), (123.456, -1), (0.5, 400))]


def test_floor_ceil():
    return floor_ceil(-0.5), floor_ceil(2.5), floor_ceil(1e20), floor_ceil(-1e-300)


def test_floor_inf():
    return floor_ceil(float("-inf"))


def test_float_divmod():
    return fdivmod(7.0, -2.0), fdivmod(-7.0, 2.0), fdivmod(-0.0, 1.0), fdivmod(1e300, 1e-300)


def test_float_divmod_zero():
    return fdivmod(1.0, 0.0)


def test_is_integer_and_hash():
    return is_int(2.0), is_int(2.5), is_int(float("inf")), hash_of(2.0), hash_of(-1.0), hash_of(float("inf")), hash_of(1e300)
