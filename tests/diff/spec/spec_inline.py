"""Small callees (one `return <expr>`) are inlined at direct call sites under a guard that the
global still names them: results, errors raised inside the callee, rebinding, shadowed builtins."""
from spyc import checked


@checked
def entry(i: int, j: int) -> float:
    return 1.0 / ((i + j) * (i + j + 1) // 2 + i + 1)


@checked
def row_sum(i: int, n: int) -> float:
    s = 0.0
    for j in range(n):
        s += entry(i, j) * j
    return s


@checked
def ratio(a: int, b: int) -> int:
    return a // b + abs(a - b)


@checked
def use_ratio(n: int, d: int) -> int:
    t = 0
    for i in range(n):
        t += ratio(i, d) if i % 2 == 0 else ratio(d, i + 1)
    return t


@checked
def as_float(x: float) -> float:
    return x * 0.5


@checked
def promote(n: int) -> float:
    return as_float(n) + as_float(n + 1)


def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def test_values():
    return [row_sum(i, 30) for i in range(5)], use_ratio(20, 3), promote(7), promote(2**62)


def test_errors_inside_callee():
    return outcome(use_ratio, 5, 0), outcome(row_sum, -1, 3), outcome(use_ratio, 3, -2**63)


def test_rebinding():
    global entry
    orig = entry
    a = row_sum(2, 10)
    try:
        entry = lambda i, j: 2.0
        b = row_sum(2, 10)
    finally:
        entry = orig
    return a, b, row_sum(2, 10)


def test_shadowed_builtin():
    global abs
    try:
        abs = lambda v: 1000
        return use_ratio(6, 4)
    finally:
        del abs
