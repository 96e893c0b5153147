"""@record copy/deepcopy/pickle round trips (between compiled and interpreted code), cycles,
the reconstructor's re-checks, weak references, repr of cycles."""
import copy
import pickle
import weakref
from typing import Optional

import spyc
from spyc import checked, record


@record
class Node:
    value: int
    nxt: Optional["Node"] = None


@record
class Book:
    name: str
    levels: list
    last: float = 0.0

    @checked
    def add(self, px: float) -> int:
        self.levels.append(px)
        self.last = px
        return len(self.levels)


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


@checked
def bump(n: Node, k: int) -> int:
    n.value += k
    return n.value


@checked
def roundtrip(b: Book) -> Book:
    return pickle.loads(pickle.dumps(b))


def test_pickle_roundtrip():
    b = Book("ES", [])
    b.add(1)
    b.add(2.5)
    out = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(b, proto))
        out.append((repr(q), q == b, q is b, type(q) is Book))
    return out


def test_pickle_from_compiled_then_mutate():
    b = Book("NQ", [1.0])
    q = roundtrip(b)
    q.add(3)
    return repr(b), repr(q), catch(q.add, "x"), catch(setattr, q, "last", "x")


def test_copy_is_new_and_shallow():
    b = Book("CL", [1.0])
    c = copy.copy(b)
    c.last = 9
    c.levels.append(2.0)
    return c is b, repr(b), repr(c), c.levels is b.levels


def test_deepcopy_and_cycles():
    n = Node(1)
    n.nxt = Node(2, n)
    d = copy.deepcopy(n)
    bump(d, 10)
    return repr(n), repr(d), d.nxt.nxt is d, d is n


def test_cycle_repr_and_pickle_recursion():
    n = Node(1)
    n.nxt = n
    return repr(n), catch(lambda: type(pickle.dumps(n)).__name__)[1]


def test_reconstruct_rechecks():
    r = spyc._reconstruct_record
    return (repr(r(Book, ("a", [], 1))), catch(r, Book, ("a", (), 1.0)), catch(r, Book, ("a", [])),
            catch(r, int, ()), catch(r, Node, (True, None)))


def test_weakref():
    b = Book("x", [])
    w = weakref.ref(b)
    return w() is b, repr(w())


def test_bump_wrong_and_right():
    n = Node(1)
    return bump(n, 2), bump(n, 2**70), repr(n), catch(bump, n, 1.5), catch(setattr, n, "value", 1.0)
