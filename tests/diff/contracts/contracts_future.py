"""`from __future__ import annotations` (PEP 563): every annotation is a string; contracts are
resolved from the strings, frozen fields too. Plus module dunders seen from compiled code."""
from __future__ import annotations

from typing import Optional
from spyc import checked, frozen, i64


@frozen
class Pair:
    a: int
    b: float | None = None

    @checked
    def total(self) -> float:
        return self.a + (self.b or 0.0)


@checked
def make(a: int, b: Optional[float] = None) -> Pair:
    return Pair(a, b)


@checked
def bounded(x: i64, ys: list[int], t: tuple[int, str]) -> i64:
    return x + len(ys) + t[0]


@checked
def module_facts() -> tuple:
    return __name__, __doc__.split(":")[0], type(__builtins__).__name__, __package__


def catch(fn, *a):
    try:
        return ("ok", fn(*a))
    except (TypeError, OverflowError) as e:
        return (type(e).__name__, str(e))


def test_string_annotations_enforced():
    return catch(make, 1, 2), catch(make, 1), catch(make, 1.0), catch(make, 1, "x")


def test_frozen_fields_from_strings():
    return repr(Pair(1, 2)), Pair(3).total(), catch(Pair, 1, "b"), catch(Pair, True)


def test_bounded_and_containers():
    return catch(bounded, 1, [1, 2], (3, "s")), catch(bounded, 2**63, [], (0, "")), catch(bounded, 1, (), (0, "")), catch(bounded, 2**63 - 1, [1], (0, ""))


def test_annotations_are_strings():
    return sorted(make.__annotations__.items()), Pair.__annotations__


def test_module_facts():
    return module_facts()
