"""Name resolution: class-body names are invisible to methods (they resolve to globals),
defaults evaluated in the defining scope, deleted module globals, module functions shadowing
builtins, and specialized functions whose builtins are shadowed at run time."""
import builtins
from spyc import checked

x = "global x"


class Scope:
    x = "class x"
    y = x + " seen by class body"

    def method(self):
        return x

    def default_from_class(self, v=x):
        return v

    @checked
    def checked_method(self) -> str:
        return x + " / " + self.x


def helper():
    return "helper"


@checked
def calls_helper() -> str:
    return helper()


def abs(v):  # noqa: A001  (module-level function shadowing a builtin)
    return "module abs"


@checked
def uses_abs(v: int) -> object:
    return abs(v)


@checked
def smaller(a: int, b: int) -> int:
    return min(a, b)


@checked
def to_float(a: int) -> float:
    return float(a)


@checked
def count_range(n: int) -> int:
    c = 0
    for i in range(n):
        c += 1
    return c


@checked
def absolute(a: int) -> int:
    return builtins_abs_alias(a)


builtins_abs_alias = builtins.abs


def test_class_body_names_not_visible_in_methods():
    s = Scope()
    return s.method(), s.default_from_class(), Scope.y, s.checked_method()


def test_deleted_global_function():
    global helper
    saved = helper
    first = calls_helper()
    del helper
    try:
        return first, calls_helper()
    finally:
        helper = saved


def test_module_function_shadows_builtin():
    return uses_abs(-3)


def test_specialized_min_shadowed_by_global():
    global min
    before = smaller(3, 2)
    min = lambda a, b: a * 100 + b  # noqa: E731
    try:
        during = smaller(3, 2)
    finally:
        del min
    return before, during, smaller(5, 4)


def test_specialized_min_builtins_patched():
    orig = builtins.min
    builtins.min = lambda a, b: -1
    try:
        during = smaller(3, 2)
    finally:
        builtins.min = orig
    return during, smaller(3, 2)


def test_specialized_float_shadowed():
    global float
    float = lambda v: 0.5  # noqa: E731
    try:
        return to_float(7)
    finally:
        del float


def test_specialized_range_shadowed():
    global range
    range = lambda n: [0] * (n * 2)  # noqa: E731
    try:
        return count_range(3)
    finally:
        del range


def test_specialized_range_builtins_patched_midway():
    orig = builtins.range
    results = [count_range(4)]
    builtins.range = lambda n: "ab"
    try:
        results.append(count_range(4))
    finally:
        builtins.range = orig
    results.append(count_range(4))
    return results
