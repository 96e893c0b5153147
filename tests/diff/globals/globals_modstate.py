"""Globals holding functions, classes and constants; rebinding a called function."""
from spyc import checked


def helper(x):
    return x + 1


class Box:
    kind = "box"

    def __init__(self, v):
        self.v = v


@checked
def call_helper(x: int) -> object:
    return helper(x)


@checked
def make_box(v: int) -> int:
    return Box(v).v


@checked
def box_kind() -> str:
    return Box.kind


@checked
def uses_constant() -> float:
    return PI * 2


PI = 3.14159


def test_rebind_called_function():
    global helper
    orig = helper
    a = call_helper(1)
    helper = lambda x: x * 100  # noqa: E731
    b = call_helper(2)
    helper = orig
    return a, b, call_helper(3)


def test_class_attribute_change():
    a = box_kind()
    Box.kind = "crate"
    b = box_kind()
    Box.kind = "box"
    return a, b, make_box(9)


def test_constant():
    global PI
    a = uses_constant()
    PI = 3
    b = uses_constant()
    PI = 3.14159
    return a, b


def test_module_dict_visible():
    return sorted(k for k in globals() if k.startswith("call_") or k == "PI")
