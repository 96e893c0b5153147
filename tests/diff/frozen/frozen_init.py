"""@frozen construction protocol: generated and user __init__, __post_init__, fields not set,
unknown attributes, acyclicity, re-init, pickle, weakref, classmethod/staticmethod/property."""
import pickle
import weakref
from spyc import checked, frozen


@frozen
class Range:
    lo: int
    hi: int
    width: int = 0

    def __post_init__(self):
        if self.lo > self.hi:
            raise ValueError("lo > hi")
        self.width = self.hi - self.lo

    @classmethod
    @checked
    def of(cls, lo: int, hi: int) -> "Range":
        return cls(lo, hi)

    @staticmethod
    @checked
    def unit() -> "Range":
        return Range(0, 1)

    @property
    @checked
    def mid(self) -> float:
        return (self.lo + self.hi) / 2

    @checked
    def contains(self, x: int) -> bool:
        return self.lo <= x < self.hi


@frozen
class Lazy:
    a: int
    b: int

    def __init__(self, a, set_b=True):
        self.a = a
        self.a = a + 1
        if set_b:
            self.b = a * 2


@frozen
class Sloppy:
    a: int

    def __init__(self, a):
        self.a = a
        self.extra = 1


@frozen
class Returns:
    a: int

    def __init__(self, a):
        self.a = a
        return 5


@frozen
class Node:
    value: int
    nxt: "Node | None" = None


@frozen
class SelfRef:
    me: "SelfRef | None"

    def __init__(self):
        self.me = self


@frozen
class Custom:
    x: int

    def __eq__(self, other):
        return True


def catch(fn, *a, **k):
    try:
        return ("ok", fn(*a, **k))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def test_post_init():
    r = Range(2, 5)
    return repr(r), r.width, catch(Range, 5, 2), catch(Range, 1, 2, 99)


def test_classmethod_staticmethod_property():
    r = Range.of(1, 4)
    return repr(r), repr(Range.unit()), r.mid, r.contains(3), r.contains(4), catch(Range.of, 1.0, 2)


def test_checked_method_through_class():
    return Range.contains(Range(0, 3), 1), catch(Range.contains, Range(0, 3), "1")


def test_user_init_reassign():
    return repr(Lazy(3))


def test_user_init_missing_field():
    return catch(Lazy, 3, set_b=False)


def test_user_init_unknown_attribute():
    return catch(Sloppy, 1)


def test_user_init_returns_value():
    return catch(Returns, 1)


def test_init_called_again():
    r = Range(1, 2)
    lz = Lazy(1)
    return catch(r.__init__, 5, 6), repr(r), catch(lz.__init__, 9), repr(lz)


def test_linked_nodes():
    n = Node(1, Node(2, Node(3)))
    return repr(n), n == Node(1, Node(2, Node(3))), hash(n) == hash(Node(1, Node(2, Node(3)))), catch(Node, 1, 5)


def test_self_reference_rejected():
    return catch(SelfRef)


def test_pickle_roundtrip():
    r = Range(3, 9)
    data = pickle.dumps(r)
    back = pickle.loads(data)
    return repr(back), back == r, back.width


def test_weakref():
    r = Range(0, 1)
    w = weakref.ref(r)
    return w() is r


def test_custom_eq_unhashable():
    c = Custom(1)
    return c == 5, catch(hash, c)
