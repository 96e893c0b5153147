"""Plain classes whose methods are compiled under --all: special methods called by the
interpreter (operators, protocols, implicit staticmethod/classmethod dunders), properties,
descriptors, NotImplemented and reflected operators."""
from spyc import checked


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return "Money(%d)" % self.cents

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents

    def __hash__(self):
        return hash(("Money", self.cents))

    def __lt__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents < other.cents

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented

    def __radd__(self, other):
        if other == 0:
            return self
        return self.__add__(other)

    def __iadd__(self, other):
        self.cents += other
        return self

    def __neg__(self):
        return Money(-self.cents)

    def __bool__(self):
        return self.cents != 0

    def __format__(self, spec):
        return format(self.cents / 100, spec)


class Bag:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v

    def __delitem__(self, i):
        del self.items[i]

    def __contains__(self, v):
        return v in self.items

    def __iter__(self):
        return BagIter(self.items)

    def __call__(self, x):
        return [x] * len(self.items)


class BagIter:
    def __init__(self, items):
        self.items = items
        self.i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self.i >= len(self.items):
            raise StopIteration
        self.i += 1
        return self.items[self.i - 1]


class Registry:
    registered = []

    def __init_subclass__(cls, tag="none", **kw):
        super().__init_subclass__(**kw)
        Registry.registered.append((cls.__name__, tag))

    def __new__(cls, *args):
        inst = super().__new__(cls)
        inst.created_with = args
        return inst

    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, item)


class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @fahrenheit.setter
    def fahrenheit(self, f):
        self._c = (f - 32) * 5 / 9

    @staticmethod
    def boiling():
        return 100.0

    @classmethod
    def named(cls, name):
        return cls.__name__ + ":" + name


class Dyn:
    def __getattr__(self, name):
        if name.startswith("x_"):
            return name[2:]
        raise AttributeError(name)

    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("wrapped", value))


class Managed:
    def __enter__(self):
        print("enter")
        return "resource"

    def __exit__(self, *exc):
        print("exit", exc[0].__name__ if exc[0] else None)
        return False


@checked
def money_math(a: Money, b: Money) -> list:
    total = a + b
    total += 5
    return [total, a == b, a == Money(a.cents), a != 3, a < b, sorted([b, a]), sum([a, b]), -a, bool(Money(0)),
            "%s" % f"{a:.2f}", len({a, Money(a.cents)})]


def money_bad_compare():
    return Money(1) < 5


def test_money():
    return money_math(Money(150), Money(275))


def test_money_not_implemented():
    return money_bad_compare()


def test_money_add_unsupported():
    return Money(1) + "x"


def test_bag_protocols():
    b = Bag(1, 2, 3)
    b[0] = 10
    del b[1]
    return len(b), b[0], 3 in b, 2 in b, list(b), b("x"), [x * 2 for x in b], bool(Bag())


def test_implicit_static_and_class_dunders():
    class Child(Registry, tag="child"):
        pass

    class Plain(Registry):
        pass
    c = Child(1, 2)
    return Registry.registered, c.created_with, Registry["int"], type(c).__name__


def test_property_staticmethod_classmethod():
    t = Temperature()
    t.fahrenheit = 212
    return t.fahrenheit, round(t._c, 6), Temperature.boiling(), t.boiling(), Temperature.named("x"), t.named("y")


def test_getattr_setattr_hooks():
    d = Dyn()
    d.a = 1
    return d.x_hello, d.a


def test_getattr_hook_missing():
    return Dyn().nope


def test_context_manager_protocol():
    with Managed() as r:
        print("inside", r)
    try:
        with Managed():
            raise KeyError("k")
    except KeyError:
        pass
    return r
