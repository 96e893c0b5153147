"""Annotation forms: typing aliases, Annotated, Any/object, ABCs, deque, set/frozenset,
forward references (strings) to classes defined later, nested unions, None return."""
import collections
import collections.abc
import typing
from typing import Annotated, Any, Dict, List, Optional, Tuple, Union
from spyc import checked, frozen, i64


@checked
def aliases(a: List[int], b: Dict[str, int], c: Tuple[int, str], d: typing.FrozenSet[int]) -> str:
    return "%s %s %s %s" % (type(a).__name__, type(b).__name__, c, sorted(d))


@checked
def annotated(x: Annotated[int, "meta"], y: Annotated[float, "unit"]) -> Annotated[str, "out"]:
    return repr(x) + " " + repr(y)


@checked
def anything(a: Any, b: object, c: Union[int, Any]) -> Any:
    return (a, b, c)


@checked
def abc_seq(xs: collections.abc.Sequence, m: collections.abc.Mapping) -> int:
    return len(xs) + len(m)


@checked
def abc_iterable(it: typing.Iterable[int]) -> int:
    total = 0
    for v in it:
        total += v
    return total


@checked
def dq(d: collections.deque, s: set, fs: frozenset) -> int:
    return len(d) + len(s) + len(fs)


@checked
def forward(p: "Later", n: "Optional[Later]" = None) -> "Later":
    return Later(p.v + (n.v if n is not None else 0))


@checked
def nested_union(v: Optional[Union[int, str]]) -> str:
    return type(v).__name__


@checked
def returns_none(flag: bool) -> None:
    if flag:
        return 5


@checked
def var_tuple(t: tuple[float, ...]) -> tuple:
    return t


@checked
def opt_i64(v: Optional[i64] = None) -> object:
    return v


@frozen
class Later:
    v: int


def catch(fn, *a, **k):
    try:
        return ("ok", fn(*a, **k))
    except (TypeError, OverflowError) as e:
        return (type(e).__name__, str(e))


def test_typing_aliases():
    return (catch(aliases, [1], {"a": 1}, (1, "s"), frozenset({2, 1})), catch(aliases, (1,), {}, (1, "s"), frozenset()),
            catch(aliases, [], {}, (1, 2), frozenset()), catch(aliases, [], {}, (1, "s"), {1}))


def test_annotated():
    return catch(annotated, 1, 2), catch(annotated, 1.0, 2.0), catch(annotated, 1, True)


def test_any_object():
    return catch(anything, None, True, "x")


def test_abc_isinstance():
    return (catch(abc_seq, [1, 2], {}), catch(abc_seq, "abc", collections.OrderedDict(a=1)), catch(abc_seq, (1,), collections.Counter("aab")),
            catch(abc_seq, {1, 2}, {}), catch(abc_seq, [], []))


def test_abc_generic_origin():
    return catch(abc_iterable, [1, 2]), catch(abc_iterable, range(4)), catch(abc_iterable, (x for x in (5, 6))), catch(abc_iterable, 5)


def test_deque_set_frozenset():
    return (catch(dq, collections.deque([1]), {2}, frozenset({3})), catch(dq, [1], {2}, frozenset()),
            catch(dq, collections.deque(), frozenset(), frozenset()), catch(dq, collections.deque(), set(), {1}))


def test_forward_reference():
    r = forward(Later(1), Later(2))
    return repr(r), catch(forward, Later(1), 5), catch(forward, 1)


def test_nested_union():
    return [catch(nested_union, v) for v in (None, 1, "s", 1.5, True)]


def test_none_return_checked():
    return catch(returns_none, False), catch(returns_none, True)


def test_var_tuple_promotion():
    r = var_tuple((1, 2.5, 3))
    return r, [type(v).__name__ for v in r], catch(var_tuple, (1, "x")), catch(var_tuple, [1.0]), catch(var_tuple, (2**1024,))


def test_optional_i64():
    return catch(opt_i64), catch(opt_i64, 5), catch(opt_i64, 2**63), catch(opt_i64, None), catch(opt_i64, 1.0)
