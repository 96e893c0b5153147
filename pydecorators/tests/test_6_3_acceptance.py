"""Spec 6.3: the acceptance table, for parameters (returns and fields share it)."""
import collections
import collections.abc
import decimal
import enum
import fractions
import math

import pytest
from _props import given, st

from conftest import define, expect
from spyc import checked, frozen, i64

m = define("""
    import collections, collections.abc, typing
    from typing import Any, Optional, Union, Annotated
    from spyc import checked, frozen, i64

    @frozen
    class P:
        x: int

    class Base: pass
    class Derived(Base): pass

    @checked
    def f_int(x: int): return x
    @checked
    def f_float(x: float): return x
    @checked
    def f_bool(x: bool): return x
    @checked
    def f_str(x: str): return x
    @checked
    def f_none(x: None): return x
    @checked
    def f_i64(x: i64): return x
    @checked
    def f_p(x: P): return x
    @checked
    def f_list(x: list[int]): return x
    @checked
    def f_dict(x: dict[str, int]): return x
    @checked
    def f_set(x: set): return x
    @checked
    def f_fset(x: frozenset[int]): return x
    @checked
    def f_deque(x: collections.deque): return x
    @checked
    def f_tuple(x: tuple): return x
    @checked
    def f_vtuple(x: tuple[float, ...]): return x
    @checked
    def f_fixed(x: tuple[int, float]): return x
    @checked
    def f_nested(x: tuple[int, tuple[str, float]]): return x
    @checked
    def f_empty(x: tuple[()]): return x
    @checked
    def f_base(x: Base): return x
    @checked
    def f_seq(x: collections.abc.Sequence[int]): return x
    @checked
    def f_union(x: int | str): return x
    @checked
    def f_float_int(x: float | int): return x
    @checked
    def f_float_none(x: Optional[float]): return x
    @checked
    def f_i64_none(x: i64 | None): return x
    @checked
    def f_union_any(x: int | Any): return x
    @checked
    def f_object(x: object): return x
    @checked
    def f_any(x: Any): return x
    @checked
    def f_ann(x: Annotated[int, "meta"]): return x
    @checked
    def f_tuple_union(x: tuple[float, float] | None): return x
""")


class MyInt(int):
    pass


class MyFloat(float):
    pass


class MyStr(str):
    pass


class Color(enum.IntEnum):
    RED = 1


# ---------------------------------------------------------------- int

def test_int_accepts_exact_int():
    assert m.f_int(5) == 5 and type(m.f_int(5)) is int
    assert m.f_int(-2**200) == -2**200


@pytest.mark.parametrize("v,tn", [(True, "bool"), (False, "bool"), (Color.RED, f"{__name__}.Color"),
                                  (MyInt(3), f"{__name__}.MyInt"), (1.0, "float"), ("1", "str"),
                                  (None, "NoneType")])
def test_int_rejects_everything_else(v, tn):
    with expect(TypeError, f"f_int() argument 'x' must be int, not {tn}"):
        m.f_int(v)


@given(st.integers())
def test_property_every_exact_int_accepted(n):
    assert m.f_int(n) is n


@given(st.booleans())
def test_property_no_bool_accepted_for_int(b):
    with expect(TypeError, "f_int() argument 'x' must be int, not bool"):
        m.f_int(b)


# ---------------------------------------------------------------- float

@pytest.mark.parametrize("v", [1.5, math.inf, -math.inf, -0.0])
def test_float_accepts_exact_float_unchanged(v):
    assert m.f_float(v) is v


def test_float_accepts_nan():
    nan = float("nan")
    assert m.f_float(nan) is nan


def test_float_promotes_int():
    r = m.f_float(3)
    assert type(r) is float and r == 3.0
    assert m.f_float(2**53 + 1) == float(2**53 + 1)


def test_float_promotion_overflow():
    with expect(OverflowError, "int too large to convert to float"):
        m.f_float(10**400)


@pytest.mark.parametrize("v,tn", [(True, "bool"), (MyFloat(1.0), f"{__name__}.MyFloat"),
                                  (decimal.Decimal(1), "decimal.Decimal"),
                                  (fractions.Fraction(1, 2), "fractions.Fraction"),
                                  ("1.0", "str"), (1j, "complex")])
def test_float_rejects(v, tn):
    with expect(TypeError, f"f_float() argument 'x' must be float, not {tn}"):
        m.f_float(v)


@given(st.integers(min_value=-2**1100, max_value=2**1100))
def test_property_promotion_equals_float(n):
    try:
        want = float(n)
    except OverflowError as e:
        with expect(OverflowError, str(e)):
            m.f_float(n)
    else:
        got = m.f_float(n)
        assert type(got) is float and got == want


# ---------------------------------------------------------------- bool, str, None

def test_bool():
    assert m.f_bool(True) is True and m.f_bool(False) is False
    for v, tn in [(0, "int"), (1, "int"), (None, "NoneType")]:
        with expect(TypeError, f"f_bool() argument 'x' must be bool, not {tn}"):
            m.f_bool(v)


def test_str():
    assert m.f_str("a") == "a"
    with expect(TypeError, f"f_str() argument 'x' must be str, not {__name__}.MyStr"):
        m.f_str(MyStr("a"))
    with expect(TypeError, "f_str() argument 'x' must be str, not bytes"):
        m.f_str(b"a")


def test_none():
    assert m.f_none(None) is None
    with expect(TypeError, "f_none() argument 'x' must be None, not int"):
        m.f_none(0)


# ---------------------------------------------------------------- i64, frozen, containers

def test_i64():
    assert m.f_i64(2**63 - 1) == 2**63 - 1
    assert m.f_i64(-2**63) == -2**63
    with expect(OverflowError, "f_i64() argument 'x' out of range for i64"):
        m.f_i64(2**63)
    with expect(TypeError, "f_i64() argument 'x' must be i64, not bool"):
        m.f_i64(True)


def test_frozen_class_exact():
    p = m.P(1)
    assert m.f_p(p) is p
    with expect(TypeError, "f_p() argument 'x' must be P, not int"):
        m.f_p(1)


class MyList(list):
    pass


class MyDict(dict):
    pass


@pytest.mark.parametrize("fn,good,bad,exp,tn", [
    ("f_list", [1, "not checked"], MyList(), "list", f"{__name__}.MyList"),
    ("f_dict", {"a": "b"}, MyDict(), "dict", f"{__name__}.MyDict"),
    ("f_set", {1}, frozenset(), "set", "frozenset"),
    ("f_fset", frozenset({"x"}), {1}, "frozenset", "set"),
    ("f_deque", collections.deque(), [], "deque", "list"),
    ("f_tuple", (1, "a", []), [1], "tuple", "list"),
])
def test_containers_shallow_exact(fn, good, bad, exp, tn):
    f = getattr(m, fn)
    assert f(good) is good  # elements are not checked
    with expect(TypeError, f"{fn}() argument 'x' must be {exp}, not {tn}"):
        f(bad)


def test_var_tuple_checks_every_element_and_promotes():
    t = (1.5, 2.5)
    assert m.f_vtuple(t) is t
    assert m.f_vtuple(()) == ()
    r = m.f_vtuple((1, 2.5))
    assert r == (1.0, 2.5) and type(r[0]) is float
    with expect(TypeError, "f_vtuple() argument 'x[2]' must be float, not str"):
        m.f_vtuple((1.0, 2.0, "a"))
    with expect(TypeError, "f_vtuple() argument 'x' must be tuple, not list"):
        m.f_vtuple([1.0])


def test_fixed_tuple():
    t = (1, 2.0)
    assert m.f_fixed(t) is t
    r = m.f_fixed((1, 2))
    assert r == (1, 2.0) and type(r[1]) is float and r is not t
    with expect(TypeError, "f_fixed() argument 'x' must be tuple of length 2, not tuple of length 3"):
        m.f_fixed((1, 2.0, 3))
    with expect(TypeError, "f_fixed() argument 'x[0]' must be int, not bool"):
        m.f_fixed((True, 2.0))
    with expect(TypeError, "f_fixed() argument 'x' must be tuple, not list"):
        m.f_fixed([1, 2.0])
    with expect(OverflowError, "int too large to convert to float"):
        m.f_fixed((1, 10**400))


def test_nested_fixed_tuple_paths_and_promotion():
    r = m.f_nested((1, ("a", 2)))
    assert r == (1, ("a", 2.0)) and type(r[1][1]) is float
    with expect(TypeError, "f_nested() argument 'x[1][0]' must be str, not int"):
        m.f_nested((1, (2, 2.0)))
    with expect(TypeError, "f_nested() argument 'x[1]' must be tuple of length 2, not tuple of length 1"):
        m.f_nested((1, ("a",)))


def test_empty_fixed_tuple():
    assert m.f_empty(()) == ()
    with expect(TypeError, "f_empty() argument 'x' must be tuple of length 0, not tuple of length 1"):
        m.f_empty((1,))


def test_other_class_isinstance():
    d = m.Derived()
    assert m.f_base(d) is d
    with expect(TypeError, "f_base() argument 'x' must be Base, not int"):
        m.f_base(1)
    assert m.f_seq([1]) == [1] and m.f_seq("ab") == "ab"
    with expect(TypeError, "f_seq() argument 'x' must be Sequence, not set"):
        m.f_seq({1})


# ---------------------------------------------------------------- unions

def test_union_members():
    assert m.f_union(1) == 1 and m.f_union("a") == "a"
    with expect(TypeError, "f_union() argument 'x' must be int | str, not float"):
        m.f_union(1.0)


def test_union_no_promotion_when_exact_member_matches():
    r = m.f_float_int(1)
    assert type(r) is int
    assert type(m.f_float_none(1)) is float
    assert m.f_float_none(None) is None
    with expect(TypeError, "f_float_none() argument 'x' must be float | None, not str"):
        m.f_float_none("1")
    with expect(OverflowError, "int too large to convert to float"):
        m.f_float_none(10**400)


def test_union_bounded_member_range():
    assert m.f_i64_none(None) is None and m.f_i64_none(5) == 5
    with expect(OverflowError, "f_i64_none() argument 'x' out of range for i64"):
        m.f_i64_none(2**64)
    with expect(TypeError, "f_i64_none() argument 'x' must be i64 | None, not bool"):
        m.f_i64_none(False)


def test_union_with_any_is_object():
    o = object()
    assert m.f_union_any(o) is o


def test_union_tuple_member_promotes():
    r = m.f_tuple_union((1, 2))
    assert r == (1.0, 2.0) and type(r[0]) is float
    with expect(TypeError, "f_tuple_union() argument 'x' must be tuple | None, not tuple"):
        m.f_tuple_union((1, 2, 3))


def test_object_any_annotated():
    o = object()
    assert m.f_object(o) is o and m.f_any(o) is o
    assert m.f_ann(3) == 3
    with expect(TypeError, "f_ann() argument 'x' must be int, not bool"):
        m.f_ann(True)
