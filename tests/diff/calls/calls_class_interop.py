"""Compiled methods inside classes processed by library metaclasses/decorators: Enum,
dataclass, NamedTuple, cached_property, __set_name__ descriptors, __slots__ classes; and
compiled functions pickled/copied by reference."""
import copy
import dataclasses
import enum
import functools
import pickle
import typing
from spyc import checked


class Color(enum.Enum):
    RED = 1
    GREEN = 2

    def describe(self):
        return "%s=%d" % (self.name, self.value)

    @checked
    def shifted(self, k: int) -> int:
        return self.value + k

    @classmethod
    def names(cls):
        return [c.name for c in cls]


class Flags(enum.IntFlag):
    A = 1
    B = 2

    def both(self):
        return self | Flags.B


@dataclasses.dataclass
class Item:
    name: str
    qty: int = 0
    tags: list = dataclasses.field(default_factory=list)

    def total(self, price):
        return self.qty * price

    @checked
    def renamed(self, new: str) -> "Item":
        return dataclasses.replace(self, name=new)


class Point(typing.NamedTuple):
    x: int
    y: int

    def swap(self):
        return Point(self.y, self.x)


class Lazy:
    calls = 0

    @functools.cached_property
    def expensive(self):
        Lazy.calls += 1
        return 42


class Named:
    def __set_name__(self, owner, name):
        self.label = owner.__name__ + "." + name

    def __get__(self, obj, objtype=None):
        return self.label


class Holder:
    field = Named()


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self, a, b):
        self.a = a
        self.b = b

    def total(self):
        return self.a + self.b


@checked
def scale(x: int, k: int = 2) -> int:
    return x * k


def plain_fn(x):
    return x + 1


def test_enum_members_not_polluted_by_methods():
    return [c.name for c in Color], Color.RED.describe(), Color.GREEN.shifted(5), Color.names(), len(Color)


def test_intflag_method():
    return repr(Flags.A.both()), int(Flags.A.both())


def test_dataclass_with_compiled_methods():
    i = Item("x", 3)
    return repr(i), i.total(2.5), repr(i.renamed("y")), i == Item("x", 3), [f.name for f in dataclasses.fields(Item)]


def test_namedtuple_method():
    p = Point(1, 2)
    return repr(p.swap()), p._asdict(), p._replace(x=5)


def test_cached_property():
    lz = Lazy()
    return lz.expensive, lz.expensive, Lazy.calls


def test_set_name_descriptor():
    return Holder.field, Holder().field


def test_slots_class():
    s = Slotted(1, 2)
    return s.total(), hasattr(s, "__dict__")


def test_pickle_functions_by_reference():
    f = pickle.loads(pickle.dumps(scale))
    g = pickle.loads(pickle.dumps(plain_fn))
    return f(4), g(4), copy.deepcopy(scale)(5), copy.copy(plain_fn)(5)


def test_pickle_method_reference():
    m = pickle.loads(pickle.dumps(Color.GREEN.shifted))
    return m(1)
