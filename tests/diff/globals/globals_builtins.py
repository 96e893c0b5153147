"""Builtins the compiler might inline (range, len, int, abs, print, isinstance, min/max...)
must still be looked up dynamically: module globals shadowing them, and patching builtins."""
import builtins
from spyc import checked


@checked
def use_range(n: int) -> list:
    out = []
    for i in range(n):
        out.append(i)
    return out


@checked
def use_abs_int(x: int) -> object:
    return abs(x), int("12"), isinstance(x, int)


@checked
def use_print(x: int) -> None:
    print("value", x)


@checked
def use_minmax(a: int, b: int) -> tuple:
    return min(a, b), max(a, b), sum([a, b])


def fake_range(n):
    return ["fake", n]


def test_range_shadowed_by_global():
    global range
    before = use_range(3)
    range = fake_range
    try:
        during = use_range(3)
    finally:
        del range
    return before, during, use_range(2)


def test_builtins_module_patched():
    orig = builtins.abs
    builtins.abs = lambda v: "patched"
    try:
        during = use_abs_int(-3)
    finally:
        builtins.abs = orig
    return during, use_abs_int(-3)


def test_isinstance_shadowed():
    global isinstance
    isinstance = lambda a, b: "shadowed"  # noqa: E731
    try:
        return use_abs_int(1)
    finally:
        del isinstance


def test_print_redirected_by_global():
    global print
    captured = []
    print = lambda *a: captured.append(a)  # noqa: E731
    try:
        use_print(5)
    finally:
        del print
    use_print(6)
    return captured


def test_min_max_sum_shadowed():
    global min, sum
    min = max
    sum = len
    try:
        return use_minmax(1, 2)
    finally:
        del min, sum


def test_builtin_deleted_from_builtins():
    orig = builtins.max
    del builtins.max
    try:
        return use_minmax(1, 2)
    finally:
        builtins.max = orig
