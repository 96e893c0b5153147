"""Generic `%` and `//` (spz/num.h spz_num_mod/floordiv): the compact-int fast path must floor
like Python for every sign combination and at the 30-bit digit boundaries; a zero divisor
raises ZeroDivisionError with CPython's message; bool, int subclasses, floats, big ints, str
formatting and user __mod__/__rmod__/__floordiv__ go through the abstract API."""

EDGES = [0, 1, -1, 2, -2, 3, -3, 7, -7, 4, -4, 100, -100, 400, -400, 146097, -146097,
         2**30 - 1, -(2**30 - 1), 2**30, -(2**30), 2**31, -(2**31), 2**62, -(2**62), 2**64 + 5]


class I(int):
    def __mod__(self, o):
        return ("I.mod", int(self), o)

    def __rfloordiv__(self, o):
        return ("I.rfloordiv", int(self), o)


class M:
    def __mod__(self, o):
        return ("M.mod", o)

    def __rmod__(self, o):
        return ("M.rmod", o)

    def __floordiv__(self, o):
        return ("M.floordiv", o)

    def __ifloordiv__(self, o):
        return ("M.ifloordiv", o)

    def __imod__(self, o):
        return ("M.imod", o)


def mod(a, b):
    return a % b


def fdiv(a, b):
    return a // b


def imod(a, b):
    a %= b
    return a


def ifdiv(a, b):
    a //= b
    return a


def both(a, b):
    try:
        r1 = a % b
    except Exception as e:
        r1 = (type(e).__name__, str(e))
    try:
        r2 = a // b
    except Exception as e:
        r2 = (type(e).__name__, str(e))
    return r1, r2


def test_int_grid():
    out = []
    for a in EDGES:
        for b in EDGES:
            out.append((a, b, both(a, b)))
    return out


def test_identity_with_divmod():
    bad = []
    for a in EDGES:
        for b in EDGES:
            if b != 0 and (fdiv(a, b), mod(a, b)) != divmod(a, b):
                bad.append((a, b))
    return bad


def test_inplace():
    return [(imod(a, 7), ifdiv(a, -7), imod(a, -3), ifdiv(a, 3)) for a in EDGES]


def test_zero_mod():
    return mod(5, 0)


def test_zero_fdiv():
    return fdiv(-5, 0)


def test_zero_imod():
    return imod(0, 0)


def test_zero_ifdiv():
    return ifdiv(2**40, 0)


def test_bool_float_mixed():
    return [both(True, 2), both(7, True), both(False, True), both(7.5, 2), both(-7, 2.5),
            both(7.0, -0.0), both(-1e308, 3), both(5, float("inf")), both(float("nan"), 2)]


def test_str_formatting():
    return mod("%d-%s", (3, "x")), mod("%r", [1]), mod(b"%d", 4)


def test_overrides():
    return [both(I(7), 3), both(7, I(3)), both(M(), 3), both(3, M()), imod(M(), 1),
            ifdiv(M(), 1), both(I(-9), -4)]


def test_type_errors():
    return [both("a", 2), both(2, "a"), both(None, 1), both([], 3)]


def test_rebind():
    global mod
    old = mod
    try:
        mod = lambda a, b: ("rebound", a, b)
        return mod(7, 2), old(7, 2)
    finally:
        mod = old


def test_loop_calendar():
    acc = 0
    for n in range(-800, 800, 7):
        q, r = n // 146, n % 146
        acc += q * 1000 + r + (n % 4 == 0) + (n // -3)
    return acc
