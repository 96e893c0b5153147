"""Targets the unboxed (i64/f64/bool) twin of @checked functions: results where a naive C
translation differs from CPython (double rounding in int/int division, float floor division
and modulo, min/max with -0.0/NaN/mixed types, bool arithmetic, int-float comparisons)."""
from spyc import checked, i64


@checked
def idiv(a: i64, b: i64) -> float:
    return a / b


@checked
def int_div(a: int, b: int) -> float:
    return a / b


@checked
def ffloordiv(a: float, b: float) -> float:
    return a // b


@checked
def fmod(a: float, b: float) -> float:
    return a % b


@checked
def fmin(a: float, b: float) -> float:
    return min(a, b)


@checked
def fmax(a: float, b: float) -> float:
    return max(a, b)


@checked
def min3(a: float, b: float, c: float) -> float:
    return min(a, b, c)


@checked
def mixed_max(a: int, b: float):
    return max(a, b)


@checked
def mixed_min(a: float, b: int):
    return min(a, b)


@checked
def fabs(x: float) -> float:
    return abs(x)


@checked
def iabs(x: i64) -> int:
    return abs(x)


@checked
def neg_f(x: float) -> float:
    return -x


@checked
def to_float(x: int) -> float:
    return float(x)


@checked
def bool_arith(a: bool, b: bool):
    return a + b, a * 3, -a, a - b, a // 1, a < b, a == 1, a & b, a | b, a ^ b


@checked
def bool_logic(a: bool, b: bool) -> bool:
    flag = a and not b
    flag = flag or (a == b)
    return flag


@checked
def bool_sum(a: bool, b: bool) -> int:
    return a + b


@checked
def cmp_if(a: i64, x: float) -> str:
    if a < x:
        return "lt"
    elif a == x:
        return "eq"
    return "gt"


@checked
def mixed_add(a: i64, x: float) -> float:
    return a + x


@checked
def or_mixed(a: int, x: float):
    return a or x


@checked
def truth_float(x: float) -> str:
    if x:
        return "truthy"
    return "falsy"


@checked
def chained_mixed(a: int, x: float, b: int) -> bool:
    return a <= x < b


@checked
def fpow(a: float, b: float) -> float:
    return a ** b


@checked
def ipow(a: i64, b: i64):
    return a ** b


def test_true_division_double_rounding():
    pairs = [(5258986265376043509, 888599), (7053584670082022960, 66173), (1096615257545913404, 519502),
             (2**53 + 1, 1), (-(2**62) - 1, 3), (9007199254740993, 2)]
    return [repr(idiv(a, b)) for a, b in pairs] + [repr(int_div(a, b)) for a, b in pairs]


def test_true_division_zero():
    return idiv(1, 0)


def test_float_floordiv_not_floor_of_quotient():
    return [repr(ffloordiv(a, b)) for a, b in ((1.0, 0.1), (-1.0, 0.1), (0.3, 0.1), (5.0, -0.5), (1e308, 1e-308), (-0.0, 5.0), (0.0, -5.0))]


def test_float_mod_signs_and_zero():
    return [repr(fmod(a, b)) for a, b in ((1.0, 0.1), (-0.0, 1.0), (0.0, -1.0), (-1e-320, 1.0), (5.5, -2.0), (-5.5, 2.0), (1e300, 3.0))]


def test_min_max_signed_zero():
    return [repr(v) for v in (fmin(0.0, -0.0), fmin(-0.0, 0.0), fmax(0.0, -0.0), fmax(-0.0, 0.0), min3(0.0, -0.0, 0.0))]


def test_min_max_nan():
    nan = float("nan")
    return [repr(v) for v in (fmin(nan, 1.0), fmin(1.0, nan), fmax(nan, 1.0), fmax(1.0, nan), min3(2.0, nan, 1.0))]


def test_min_max_mixed_types():
    return [(type(v).__name__, repr(v)) for v in (mixed_max(1, 1.0), mixed_max(2, 1.5), mixed_max(1, 1.5),
                                                   mixed_min(1.0, 1), mixed_min(2.0, 1), mixed_min(0.5, 1))]


def test_abs():
    return repr(fabs(-0.0)), repr(fabs(float("-inf"))), repr(fabs(float("nan"))), iabs(-(2**63)), iabs(-5)


def test_negate_zero():
    return repr(neg_f(0.0)), repr(neg_f(-0.0)), repr(neg_f(float("nan")))


def test_int_to_float_rounding():
    return [repr(to_float(v)) for v in (2**53 + 1, 2**63 - 1, -(2**63), 2**64 + 1, 10**20, 2**53 + 3)]


def test_bool_arith():
    return [bool_arith(a, b) for a in (True, False) for b in (True, False)]


def test_bool_logic():
    return [bool_logic(a, b) for a in (True, False) for b in (True, False)], bool_sum(True, True)


def test_cmp_int_float_exact():
    big = 2**53 + 1
    return (cmp_if(big, float(big)), cmp_if(2**63 - 1, 9.223372036854776e18), cmp_if(-(2**63), -9.223372036854776e18),
            cmp_if(0, float("nan")), cmp_if(1, 1.0), cmp_if(3, float("-inf")))


def test_mixed_add():
    return repr(mixed_add(2**53 + 1, 0.0)), repr(mixed_add(2**63 - 1, 1.0)), repr(mixed_add(-1, 0.5))


def test_or_mixed():
    return [(type(v).__name__, v) for v in (or_mixed(0, 2.5), or_mixed(3, 2.5), or_mixed(0, 0.0))]


def test_truth_float():
    return [truth_float(v) for v in (0.0, -0.0, float("nan"), 1e-320, float("inf"))]


def test_chained_mixed():
    return chained_mixed(1, 1.0, 2), chained_mixed(1, 2.0, 2), chained_mixed(2**53 + 1, 9007199254740992.0, 2**60)


def test_float_pow():
    return [repr(fpow(a, b)) for a, b in ((2.0, 0.5), (-8.0, 3.0), (0.0, 0.0), (float("nan"), 0.0), (1.0, float("nan")), (-1.0, float("inf")))]


def test_float_pow_errors():
    out = []
    for a, b in ((0.0, -1.0), (-8.0, 1.0 / 3.0), (10.0, 400.0)):
        try:
            out.append(repr(fpow(a, b)))
        except Exception as e:
            out.append("%s: %s" % (type(e).__name__, e))
    return out


def test_int_pow():
    return ipow(3, 39), ipow(3, 40), ipow(-2, 63), ipow(2, 64), ipow(7, 0), repr(ipow(2, -2)), ipow(-1, 2**62 + 1)


@checked
def cmp_code(a: i64, x: float) -> int:
    if a < x:
        return -1
    elif a == x:
        return 0
    return 1


@checked
def cmp_code_rev(x: float, a: i64) -> int:
    if x > a:
        return 1
    if x >= a:
        return 0
    return -1


@checked
def truth_code(x: float) -> int:
    if x:
        return 1
    return 0


@checked
def square(x: i64) -> int:
    return x ** 2


@checked
def cube(x: i64) -> int:
    return x ** 3


@checked
def fsquare(x: float) -> float:
    return x ** 2


def test_cmp_code_int_float_exact():
    big = 2**53 + 1
    cases = ((big, float(big)), (2**63 - 1, 9.223372036854776e18), (-(2**63), -9.223372036854776e18), (0, float("nan")),
             (1, 1.0), (3, float("-inf")), (-(2**53) - 1, -9007199254740992.0), (2**62 + 1, 4.611686018427388e18))
    return [cmp_code(a, x) for a, x in cases], [cmp_code_rev(x, a) for a, x in cases]


def test_truth_code():
    return [truth_code(v) for v in (0.0, -0.0, float("nan"), 1e-320, float("inf"))]


def test_small_powers():
    return (square(3037000499), square(3037000500), square(-(2**63)), cube(2097151), cube(2097152), cube(-2097153),
            repr(fsquare(1e200)), repr(fsquare(-0.0)))
