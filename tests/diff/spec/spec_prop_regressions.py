"""Minimal programs for compiler bugs the property test (tests/unit/property.test.ts) found.

Each test_* is the shrunk failing case: the generated function(s), the call, and a comment with
both outcomes at the time it was found."""
from spyc import checked, i64


@checked
def _h(a: i64) -> i64:
    return 6 + (-a)


@checked
def chain_skips_call(a: i64) -> bool:
    # 1 == 2 is false, so CPython never calls _h
    return 1 == 2 >= _h(a)


@checked
def chain_skips_call_middle(a: i64) -> bool:
    # a > 0 is false for a < 0: CPython never calls _h
    return a > 0 < _h(a) < 10


# controls: `and` and conditional expressions already skip the call when compiled
@checked
def and_skips_call(a: i64) -> bool:
    return a == 1 and _h(a) > 0


@checked
def ifexp_skips_call(a: i64) -> i64:
    return _h(a) if a > 0 else 0


def test_chain_skips_call():
    # property seed 20240604 (old generator), f216(-2**63) on 3.11:
    # CPython: False; compiled: OverflowError: _h() return value out of range for i64
    return chain_skips_call(-9223372036854775807 - 1)


def test_chain_skips_call_middle():
    return chain_skips_call_middle(-9223372036854775807 - 1)


def test_and_skips_call():
    return and_skips_call(-9223372036854775807 - 1)


def test_ifexp_skips_call():
    return ifexp_skips_call(-9223372036854775807 - 1)


@checked
def call_in_item_index(c: int, d: list[float], b: float, a: int) -> bool:
    # property seed 20240604 with calls allowed in chains: a direct call inside the index of a
    # typed subscript reached the specializer unhoisted (internal compiler error)
    return (d[_h(c) % len(d)] if len(d) > 0 else 1.5) < b != a


def test_call_in_item_index():
    return call_in_item_index(3, [1.0, 2.0, 4.0], 3.0, 1), call_in_item_index(3, [], 3.0, 1), call_in_item_index(-2**63, [1.0], 3.0, 1)


@checked
def call_in_tuple_return(v: int, b: float) -> tuple[float, int]:
    # property seed 20240604 (generator with sum/min/max reductions), f228: a direct call inside
    # a part of a tuple return reached the specializer unhoisted (internal compiler error)
    return ((_h(v) + v) / float(~31)), ((v * v) + v) | v


def test_call_in_tuple_return():
    return call_in_tuple_return(3, 1.0), call_in_tuple_return(2**31, 0.5), call_in_tuple_return(-2**63, 0.5)
