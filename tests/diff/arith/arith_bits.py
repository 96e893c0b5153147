"""Shifts, bitwise operators, unary operators, comparisons and boolean operators."""
from spyc import checked, i64


@checked
def shl(a: int, n: int) -> int:
    return a << n


@checked
def shr(a: int, n: int) -> int:
    return a >> n


@checked
def bits(a: int, b: int) -> tuple:
    return a & b, a | b, a ^ b, ~a


@checked
def unary(a: int, x: float) -> tuple:
    return -a, +a, ~a, -x, +x, not a, not x


@checked
def between(lo: int, x: int, hi: int) -> bool:
    return lo < x <= hi


@checked
def chain_eq(a: int, b: int, c: int) -> bool:
    return a == b == c


@checked
def cmp_mixed(a: int, x: float) -> tuple:
    return a == x, a < x, a > x, a != x, a >= x


def pick_or(a, b):
    return a or b


def pick_and(a, b):
    return a and b


@checked
def first_truthy(a: int, b: str, c: float):
    return a or b or c


@checked
def all_truthy(a: int, b: str, c: float):
    return a and b and c


@checked
def add64(a: i64, b: i64) -> int:
    return a + b


@checked
def mul64(a: i64, b: i64) -> int:
    return a * b


@checked
def sub64(a: i64, b: i64) -> int:
    return a - b


def test_shift_left():
    return shl(1, 0), shl(1, 63), shl(1, 64), shl(-1, 70), shl(3, 200), shl(0, 1000)


def test_shift_right():
    return shr(-1, 100), shr(2**100, 99), shr(-(2**100), 99), shr(5, 1), shr(-5, 1), shr(7, 64)


def test_shift_negative_count_left():
    return shl(1, -1)


def test_shift_negative_count_right():
    return shr(8, -3)


def test_bitwise():
    return bits(12, 10), bits(-12, 10), bits(2**70 + 5, -(2**65)), bits(0, -1)


def test_unary():
    return unary(5, 2.5), unary(0, 0.0), unary(-(2**63), -0.0)


def test_chained_comparisons():
    return [between(1, x, 3) for x in (0, 1, 2, 3, 4)], chain_eq(2, 2, 2), chain_eq(2, 2, 3)


def test_int_float_compare_exact():
    big = 2**53 + 1
    return cmp_mixed(big, float(big)), cmp_mixed(1, 1.0), cmp_mixed(2**1100, float("inf")), cmp_mixed(0, float("nan"))


def test_and_or_return_operands():
    return pick_or(0, "x"), pick_or([], ()), pick_or(3, 4), pick_and(0, "x"), pick_and("a", ""), pick_and(2, 5)


def test_and_or_checked():
    return first_truthy(0, "", 0.0), first_truthy(0, "s", 1.0), all_truthy(1, "s", 2.5), all_truthy(1, "", 2.5)


def test_i64_add_overflow_promotes():
    m = 2**63 - 1
    return add64(m, 1), add64(-m - 1, -1), add64(m, m), sub64(-m - 1, 1)


def test_i64_mul_overflow_promotes():
    return mul64(2**62, 2), mul64(-(2**63), -1), mul64(3037000500, 3037000500), mul64(-1, 2**63 - 1)


def test_bool_not():
    out = []
    for v in (0, 1, -1, 0.0, "", "a", None, [], [0]):
        out.append(not v)
    return out
