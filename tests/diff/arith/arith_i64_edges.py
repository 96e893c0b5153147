"""Machine-word edge cases: every operation whose C counterpart overflows, traps or is undefined
at the i64 boundaries must give Python's unbounded result."""
from spyc import checked, i64

MIN = -(2**63)
MAX = 2**63 - 1


@checked
def neg(x: i64) -> int:
    return -x


@checked
def absval(x: i64) -> int:
    return abs(x)


@checked
def mod(a: i64, b: i64) -> int:
    return a % b


@checked
def dm(a: i64, b: i64) -> tuple:
    return divmod(a, b)


@checked
def shl(a: i64, n: i64) -> int:
    return a << n


@checked
def shr(a: i64, n: i64) -> int:
    return a >> n


@checked
def pw(a: i64, n: i64) -> object:
    return a ** n


@checked
def inc_loop(start: i64, n: i64) -> int:
    x = start
    for _ in range(n):
        x += 1
    return x


@checked
def dec_loop(start: i64, n: i64) -> int:
    x = start
    i = 0
    while i < n:
        x -= 1
        i += 1
    return x


@checked
def mul_chain(x: i64) -> int:
    return x * x * x * x


@checked
def mixed_with_float(x: i64, f: float) -> float:
    return x + f


@checked
def compare_float(x: i64, f: float) -> tuple:
    return x == f, x < f, x > f, x <= f


@checked
def to_float_exact(x: i64) -> float:
    return x / 1


def test_negate_min():
    return neg(MIN), neg(MAX), neg(0)


def test_abs_min():
    return absval(MIN), absval(-1), absval(MAX)


def test_mod_min_by_minus_one():
    return mod(MIN, -1), mod(MAX, -1), mod(MIN, MAX), mod(MAX, MIN)


def test_divmod_min_by_minus_one():
    return dm(MIN, -1), dm(MIN, 1), dm(MIN, 7), dm(MAX, -7)


def test_shift_by_word_size():
    return shl(1, 63), shl(1, 64), shl(-1, 64), shl(MAX, 1), shl(MIN, 100), shl(5, 0)


def test_shift_right_big_counts():
    return shr(MIN, 63), shr(MIN, 64), shr(MAX, 64), shr(-1, 1000), shr(1, 63), shr(MIN, 1)


def test_shift_negative():
    return shl(1, -64)


def test_pow_overflow():
    return pw(2, 63), pw(-2, 63), pw(3, 40), pw(MIN, 2), pw(-1, MAX), pw(2, -1)


def test_pow_zero_negative():
    return pw(0, -5)


def test_increment_past_max():
    return inc_loop(MAX - 2, 5), dec_loop(MIN + 2, 5)


def test_mul_chain():
    return mul_chain(65536), mul_chain(65537), mul_chain(-(2**16)), mul_chain(MIN)


def test_mixed_float():
    return mixed_with_float(MAX, 0.0), mixed_with_float(MIN, -1.0), mixed_with_float(2**53 + 1, 0.0)


def test_compare_float_at_boundaries():
    two63 = 9.223372036854776e18
    return (compare_float(MAX, two63), compare_float(MIN, -two63), compare_float(2**53 + 1, 9007199254740992.0),
            compare_float(0, float("nan")), compare_float(MAX, float("inf")), compare_float(MIN, float("-inf")))


def test_to_float_rounding():
    return to_float_exact(MAX), to_float_exact(2**53 + 1), to_float_exact(-(2**53) - 3)
