"""@frozen/@record construction from interpreted code of a compiled module's classes (the metaclass
call slot is spz_obj_meta_call, objects.c): must be indistinguishable from the generated
constructor -- right and wrong types (catalogue messages), int->float, i64 range, defaults and
keywords, binding errors, __post_init__, acyclicity, a metaclass __call__ replaced and restored,
subclass attempts, pickle/copy of the instances, and a class made after import (not installed)."""
import copy
import pickle
from typing import Optional

from spyc import checked, frozen, i64, record


@frozen
class Pt:
    x: float
    y: float
    n: i64 = 0
    label: str = "p"


@frozen
class Box:
    inner: Optional[Pt]
    items: tuple[int, ...] = ()


@record
class Acc:
    total: float
    count: int = 0

    def __post_init__(self):
        print("post_init", self.total, self.count)
        if self.count < 0:
            raise ValueError("negative count")


@checked
def norm1(p: Pt) -> float:
    return abs(p.x) + abs(p.y)


def attempt(f, *a, **k):
    try:
        return f(*a, **k)
    except Exception as e:
        return type(e).__name__, str(e)


def test_right_and_converted():
    ps = [Pt(1.5, 2), Pt(3, 4, 5, "q"), Pt(0.0, -0.0, n=-2**63), Pt(y=1.0, x=2.0)]
    return [repr(p) for p in ps], [norm1(p) for p in ps], [type(p.y).__name__ for p in ps]


def test_wrong():
    return [attempt(Pt, "1", 2.0), attempt(Pt, 1.0, None), attempt(Pt, 1.0, 2.0, 2**63),
            attempt(Pt, 1.0, 2.0, True), attempt(Pt, 1.0, 2.0, 0, 5), attempt(Pt, 2**2000, 1.0),
            attempt(Pt, 1.0), attempt(Pt, 1.0, 2.0, 3, "a", 5), attempt(Pt, 1.0, 2.0, z=3),
            attempt(Pt, 1.0, x=2.0), attempt(Box, 3), attempt(Box, None, [1])]


def test_nested_and_cycles():
    b = Box(Pt(1.0, 2.0), (1, 2))
    return repr(b), repr(Box(None)), b == Box(Pt(1.0, 2.0), (1, 2)), hash(b) == hash(Box(Pt(1.0, 2.0), (1, 2)))


def test_post_init():
    out = [repr(Acc(1.0)), repr(Acc(2, 3))]
    out.append(attempt(Acc, 1.0, -1))
    out.append(attempt(Acc, "x"))
    return out


def test_metaclass_call_replaced():
    meta = type(Pt)
    orig = meta.__dict__["__call__"]
    out = [repr(Pt(1.0, 2.0))]
    type.__setattr__(meta, "__call__", lambda cls, *a, **k: ("replaced", a))
    try:
        out.append(Pt(1.0, 2.0))
    finally:
        type.__setattr__(meta, "__call__", orig)
    out.append(repr(Pt(3.0, 4.0)))
    out.append(attempt(Pt, "bad", 1.0))
    return out


def test_subclass_attempts():
    out = []
    try:
        class Sub(Pt):
            pass
        out.append(repr(Sub(1.0, 2.0)))
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    return out


def test_pickle_copy():
    p = Pt(1.0, 2.0, 3, "z")
    a = Acc(1.5, 2)
    return (pickle.loads(pickle.dumps(p)) == p, repr(copy.copy(p)), repr(copy.deepcopy(a)),
            repr(pickle.loads(pickle.dumps(a))))


def test_class_made_later():
    @frozen
    class Late:
        v: int

    return repr(Late(3)), attempt(Late, "x")


def test_many():
    return sum(norm1(Pt(i, -i)) for i in range(2000))
