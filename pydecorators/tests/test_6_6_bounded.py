"""Spec 6.6: bounded ints are range contracts on exact int."""
import pytest
from _props import given, st

import spyc
from conftest import define, expect
from spyc import i64, i8, i16, i32, u8, u16, u32, u64

RANGES = {i8: (-2**7, 2**7 - 1), i16: (-2**15, 2**15 - 1), i32: (-2**31, 2**31 - 1),
          i64: (-2**63, 2**63 - 1), u8: (0, 255), u16: (0, 2**16 - 1), u32: (0, 2**32 - 1),
          u64: (0, 2**64 - 1)}


def test_exported():
    for name in ("i64", "i8", "i16", "i32", "u8", "u16", "u32", "u64"):
        assert name in spyc.__all__ and getattr(spyc, name).__name__ == name


@pytest.mark.parametrize("t", list(RANGES))
def test_isinstance_and_constructor(t):
    lo, hi = RANGES[t]
    assert isinstance(lo, t) and isinstance(hi, t)
    assert not isinstance(lo - 1, t) and not isinstance(hi + 1, t)
    assert not isinstance(True, t) and not isinstance(1.0, t) and not isinstance("1", t)
    v = t(hi)
    assert v == hi and type(v) is int
    assert t("12") == 12 and t(3.9) == 3
    with expect(OverflowError, f"int out of range for {t.__name__}"):
        t(hi + 1)
    with expect(OverflowError, f"int out of range for {t.__name__}"):
        t(lo - 1)


def test_i64_of_bool_is_plain_int():
    assert type(i64(True)) is int and i64(True) == 1


@given(st.integers(min_value=-2**70, max_value=2**70))
def test_property_isinstance_is_range(n):
    assert isinstance(n, i64) == (-2**63 <= n <= 2**63 - 1)


m = define('''
    from spyc import checked, frozen, i64, u8

    @checked
    def add(a: i64, b: i64) -> i64:
        return a + b

    @checked
    def small(x: u8, *rest: u8) -> u8:
        return x

    @frozen
    class Acc:
        total: i64
        count: u8 = 0
''')


def test_parameter_return_field_ranges():
    assert m.add(1, 2) == 3
    with expect(OverflowError, "add() argument 'b' out of range for i64"):
        m.add(1, 2**63)
    with expect(TypeError, "add() argument 'a' must be i64, not bool"):
        m.add(True, 1)
    with expect(TypeError, "add() argument 'a' must be i64, not float"):
        m.add(1.0, 1)
    with expect(OverflowError, "add() return value out of range for i64"):
        m.add(2**63 - 1, 1)  # arithmetic is Python's; only the boundary checks
    with expect(OverflowError, "small() argument 'x' out of range for u8"):
        m.small(256)
    with expect(OverflowError, "small() argument 'rest[1]' out of range for u8"):
        m.small(1, 2, -1)
    assert m.Acc(5).count == 0
    with expect(OverflowError, "Acc.total out of range for i64"):
        m.Acc(-2**63 - 1)
    with expect(OverflowError, "Acc.count out of range for u8"):
        m.Acc(0, 300)
    with expect(TypeError, "Acc.count must be u8, not str"):
        m.Acc(0, "1")


def test_values_stay_plain_int():
    r = m.add(2**62, 2**61)
    assert type(r) is int
    big = i64(2**63 - 1) + 1  # Python's unbounded arithmetic
    assert big == 2**63
