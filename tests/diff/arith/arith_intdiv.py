"""Integer floor division, modulo and divmod across every sign combination."""
from spyc import checked, i64


@checked
def floordiv(a: int, b: int) -> int:
    return a // b


@checked
def modulo(a: int, b: int) -> int:
    return a % b


@checked
def both(a: int, b: int) -> tuple:
    return divmod(a, b)


@checked
def floordiv64(a: i64, b: i64) -> int:
    return a // b


def fold(a, b):
    q = a // b
    r = a % b
    return q * b + r == a


def test_floordiv_sign_combos():
    out = []
    for a in (7, -7, 0, 6, -6):
        for b in (2, -2, 3, -3, 1, -1):
            out.append(floordiv(a, b))
    return out


def test_modulo_sign_combos():
    out = []
    for a in (7, -7, 0, 6, -6, 1):
        for b in (2, -2, 3, -3, 5, -5):
            out.append(modulo(a, b))
    return out


def test_divmod_sign_combos():
    res = []
    for a in (13, -13):
        for b in (4, -4):
            res.append(both(a, b))
    return res


def test_identity_holds_for_big():
    ok = True
    for a in (10**30 + 7, -(10**30) - 7, 2**63, -(2**63)):
        for b in (3, -3, 2**64 + 1, -(2**40)):
            if not fold(a, b):
                ok = False
    return ok, floordiv(-(10**30), 7), modulo(-(10**30), 7)


def test_zero_division_floordiv():
    return floordiv(5, 0)


def test_zero_division_modulo():
    return modulo(-5, 0)


def test_zero_division_divmod():
    return both(0, 0)


def test_i64_min_div_minus_one():
    # -2**63 // -1 overflows a machine word but is a plain Python int.
    return floordiv64(-(2**63), -1), type(floordiv64(-(2**63), -1)).__name__


def test_i64_floordiv_negative():
    return floordiv64(-9223372036854775807, 2), floordiv64(9223372036854775807, -2)


def test_modulo_of_big_by_small():
    return modulo(2**200 - 1, 97), modulo(-(2**200), 97), modulo(2**200, -97)
