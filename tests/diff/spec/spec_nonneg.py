"""`%` and `//` by positive constants of values the compiler proves non-negative use C's
operators: they must agree with Python's floor semantics, and anything unproven keeps the
guarded floor versions (negative values, parameters, unpacked results, subtraction)."""
from spyc import checked


@checked
def lcg(n: int, seed: int) -> int:
    x = seed % 2147483648
    s = 0
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        s += x % 1000 + i * 7 % 13 + (x // 7) % 11
    return s


@checked
def mixed(n: int) -> int:
    a = 5
    b = 0
    t = 0
    for i in range(n):
        a = a * 3 % 1000
        b = b - i            # negative: no claim
        t += b % 7 + b // 3 + a // 9
    return t


@checked
def unpacked(n: int) -> int:
    q = 0
    r = 0
    t = 0
    for i in range(-n, n):
        q, r = divmod(i, 4)
        t += q % 5 + r // 2 + q // 3
    return t


@checked
def param_mod(k: int) -> int:
    return k % 10 + k // 10


@checked
def steps_down(n: int) -> int:
    t = 0
    for i in range(n, -n, -3):
        t += i % 4 + i // 4
    return t


def test_all():
    return ([lcg(n, s) for n, s in ((10, 1), (1000, 12345), (50, -7), (5, 2**62))],
            [mixed(n) for n in (0, 5, 100)], [unpacked(n) for n in (1, 9, 40)],
            [param_mod(k) for k in (0, 7, -7, -10, 2**63 - 1, -2**63)], [steps_down(n) for n in (0, 5, 20)])
