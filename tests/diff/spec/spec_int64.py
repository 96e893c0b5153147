"""Specialized int64/float code: boundaries, overflow mid-loop, and deopt back to big ints."""
from spyc import checked, i64


@checked
def acc_squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i * i * i * i
    return s


@checked
def grow(n: int, k: int) -> int:
    s = 1
    for i in range(n):
        s = s * k + i
    return s


@checked
def cross_and_back(n: int) -> int:
    s = 2**62
    for i in range(n):
        s += 2**61
        s -= 2**61 - 1
    return s - 2**62


@checked
def addi(a: int, b: int) -> int:
    return a + b


@checked
def subi(a: i64, b: i64) -> int:
    return a - b


@checked
def divmod_signs(a: int, b: int) -> int:
    return (a // b) * 1000 + a % b


@checked
def shifts(a: int, n: int) -> int:
    return (a << n) + (a >> n)


@checked
def negabs(a: int) -> int:
    return -a + abs(a)


@checked
def mixed(a: int, x: float) -> float:
    return a * x + a / 3 - x // 2 + x % 1.5


@checked
def cmp_big(a: int, x: float) -> bool:
    return a == x or a < x


@checked
def powi(a: int) -> int:
    return a ** 3 + a ** 0


@checked
def float_div(x: float, y: float) -> float:
    return x / y


@checked
def minmax(a: float, b: float) -> float:
    return min(a, b) * 10 + max(a, b)


@checked
def while_loop(n: int) -> int:
    c = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        c += 1
    return c


@checked
def loop_else(n: int) -> int:
    t = 0
    for i in range(0, n, 3):
        if i > 100:
            break
        t += i
    else:
        t = -t
    return t


@checked
def unbound(n: int) -> int:
    if n > 0:
        r = n * 2
    return r


def test_acc_small(): return acc_squares(100)
def test_acc_overflow(): return acc_squares(10000)
def test_grow(): return grow(100, 7)
def test_grow_neg(): return grow(80, -9)
def test_cross(): return cross_and_back(5)
def test_add_max(): return addi(2**63 - 1, 1)
def test_add_min(): return addi(-2**63, -1)
def test_add_big(): return addi(2**64, -2**64)
def test_sub_i64(): return subi(-2**63, 2**63 - 1)
def test_divmod(): return [divmod_signs(a, b) for a in (7, -7, 0, -2**63) for b in (2, -2, 1, -1)]
def test_div_zero(): return divmod_signs(5, 0)
def test_shifts(): return [shifts(a, n) for a in (1, -1, 3, -2**62) for n in (0, 1, 62, 63, 64, 100)]
def test_shift_neg(): return shifts(1, -1)
def test_negabs(): return [negabs(a) for a in (0, 5, -5, 2**63 - 1, -2**63)]
def test_mixed(): return [mixed(a, x) for a in (0, 7, -7, 2**53 + 1) for x in (0.5, -2.25, 1e300)]
def test_mixed_nan(): return repr(mixed(3, float("nan")))
def test_cmp_big(): return [cmp_big(a, x) for a in (2**53 + 1, 2**63 - 1, -5) for x in (9007199254740992.0, 9.3e18, -5.0)]
def test_pow(): return [powi(a) for a in (0, -3, 2**21, 2**22, -2**40)]
def test_float_div_zero(): return float_div(1.0, 0.0)
def test_float_inf(): return float_div(1e308, 1e-308)
def test_minmax(): return [minmax(a, b) for a in (0.0, -0.0, 2.5) for b in (-0.0, 1.0)]
def test_minmax_nan(): return repr(minmax(float("nan"), 1.0)), repr(minmax(1.0, float("nan")))
def test_while(): return while_loop(27)
def test_while_big(): return while_loop(2**62 + 1)
def test_loop_else(): return loop_else(50), loop_else(500)
def test_unbound(): return unbound(3)
def test_unbound_err(): return unbound(-1)
def test_promote(): return mixed(True, 1.0)
