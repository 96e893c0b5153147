"""The C library's math functions computed unboxed (erf, erfc, log10, log2, log1p, expm1, tan,
atan, sinh, cosh, tanh, asin, acos, asinh, acosh, atanh): identical bits where argument and result
are finite, CPython's own call (its ValueError/OverflowError, inf/nan results) everywhere else.
And `**` with a float on either side and a non-constant exponent (float_pow through the C
library's pow): complex results of negative bases, zero to a negative power, overflow, nan/inf,
int ** float, float ** int variable."""
import math

from spyc import checked

EDGE = [0.0, -0.0, 1e-310, -5e-324, 0.5, -0.5, 1.0, -1.0, 2.0, -3.0, 20.0, 710.0, -745.0, 1e300,
        float("inf"), float("-inf"), float("nan")]


@checked
def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


@checked
def tail(x: float) -> float:
    return math.erfc(x) * 2.0


@checked
def logs(x: float) -> float:
    return math.log10(x) + math.log2(x) * 0.5


@checked
def small(x: float) -> float:
    return math.log1p(x) - math.expm1(x)


@checked
def trig(x: float) -> float:
    return math.tan(x) + math.atan(x)


@checked
def hyper(x: float) -> float:
    return math.sinh(x) - math.cosh(x) + math.tanh(x)


@checked
def inverse(x: float) -> float:
    return math.asin(x) + math.acos(x)


@checked
def inverse_h(x: float) -> float:
    return math.asinh(x) + math.acosh(x + 2.0) + math.atanh(x / 4.0)


@checked
def of_int(n: int) -> float:
    return math.erf(n) + math.log10(n)


@checked
def fpow(x: float, y: float) -> float:
    return x ** y


@checked
def fpow_int(x: float, n: int) -> float:
    return x ** n


@checked
def ipow_float(n: int, y: float) -> float:
    return n ** y


@checked
def tree(spot: float, up: float, down: float, steps: int) -> list[float]:
    return [spot * up ** j * down ** (steps - j) for j in range(steps + 1)]


@checked
def discount(rate: float, years: int) -> float:
    total = 0.0
    for t in range(1, years + 1):
        total += 100.0 / (1.0 + rate) ** t
    return total


def _each(f, xs):
    out = []
    for x in xs:
        try:
            out.append(repr(f(x)))
        except (ValueError, OverflowError, ZeroDivisionError) as e:
            out.append(f"{type(e).__name__}: {e}")
    return out


def test_norm_cdf():
    return _each(norm_cdf, EDGE + [-8.0, -1.96, 1.96, 8.0])


def test_tail():
    return _each(tail, EDGE + [27.0, 30.0])


def test_logs():
    return _each(logs, EDGE + [1e-320, 3.0])


def test_small():
    return _each(small, EDGE + [-0.999999, 1e-12])


def test_trig():
    return _each(trig, EDGE + [math.pi / 2, 1e22])


def test_hyper():
    return _each(hyper, EDGE + [711.0, -711.0])


def test_inverse():
    return _each(inverse, EDGE + [1.0000001, 0.9999])


def test_inverse_h():
    return _each(inverse_h, EDGE + [4.0, -4.0, 3.9999])


def test_of_int():
    return _each(of_int, [1, 7, 0, -2, 2**53 + 1])


def test_fpow():
    ys = [0.0, -0.0, 0.5, 2.0, 3.0, -1.0, -2.5, 1e10, -1e10, 1e308, float("inf"), float("-inf"), float("nan")]
    return [_each(lambda x, y=y: fpow(x, y), EDGE) for y in ys]


def test_fpow_complex():
    return repr(fpow(-8.0, 1.0 / 3.0))


def test_fpow_int():
    return [_each(lambda x, n=n: fpow_int(x, n), EDGE) for n in (0, 1, 2, 3, -1, -2, 1023, 2**62, -(2**62))]


def test_fpow_int_big():
    return [repr(fpow_int(1.0000001, 2**70)), repr(fpow_int(0.5, 2**65))]


def test_ipow_float():
    return [_each(lambda n, y=y: ipow_float(n, y), [0, 1, -1, 2, -8, 2**53 + 1, 10**30]) for y in (0.5, -1.0, 2.0, 1.0 / 3.0)]


def test_tree():
    return tree(100.0, 1.01, 1 / 1.01, 8)


def test_tree_overflow():
    return tree(1.0, 1e200, 1e-200, 3)


def test_discount():
    return [discount(r, 30) for r in (0.0, 0.05, -1.0, -2.0)]
