"""Int accumulators (locals only assigned, `+=`/`-=`-ed and returned) run in 128-bit registers:
sums past 2**63 stay exact and unboxed, past 2**127 they deopt, and the results are Python's."""
from spyc import checked


@checked
def acc(n: int, step: int) -> int:
    s = 0
    for _ in range(n):
        s += step
    return s


@checked
def acc_sub(n: int, step: int, start: int) -> int:
    s = start
    for i in range(n):
        s -= step
        s += i
    return s


@checked
def acc_two(n: int, a: int, b: int) -> int:
    up = 0
    down = 0
    for _ in range(n):
        up += a
        down -= b
    if n > 3:
        return up
    return down


@checked
def acc_maybe_unbound(n: int) -> int:
    if n > 0:
        s = 1
    s += n                    # UnboundLocalError when n <= 0
    return s


@checked
def acc_float_ret(n: int, step: int) -> float:
    s = 0
    for _ in range(n):
        s += step
    return s                  # an int from a float function: the contract promotes it


@checked
def caller(n: int) -> int:
    return acc(n, 2**62) + 1


def test_crosses_2_63():
    return acc(3, 2**62), acc(5, 2**62), acc(4, -2**62), acc(5, -2**62), acc(0, 7)


def test_crosses_2_127():
    big = 2**63 - 1
    return acc(3, big), acc_sub(3, big, -2**126), acc_sub(3, -big, 2**127 - 10)


def test_comes_back():
    return acc_sub(10, 2**62, 2**63), acc_sub(4, -2**62, -2**63)


def test_two_accumulators():
    return acc_two(5, 2**62, 2**62), acc_two(2, 2**62, 2**62), acc_two(4, -2**63, 2**63 - 1)


def test_unbound():
    out = [acc_maybe_unbound(5)]
    try:
        acc_maybe_unbound(0)
    except UnboundLocalError as e:
        out.append(str(e))
    return out


def test_float_return():
    return acc_float_ret(3, 2**62), acc_float_ret(3, 1)


def test_through_direct_call():
    return caller(1), caller(2), caller(3)


def test_big_start():
    return acc_sub(2, 1, 2**200), acc_sub(2, 2**100, 0)
