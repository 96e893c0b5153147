"""@checked on special methods and descriptors of ordinary classes: contracts are enforced
when the interpreter calls them through type slots (operators, len(), iteration, setters),
decorator order (checked over classmethod/staticmethod/property and under them)."""
from spyc import checked


class V:
    @checked
    def __init__(self, x: int, y: int = 0) -> None:
        self.x = x
        self.y = y

    @checked
    def __add__(self, other: "V") -> "V":
        return V(self.x + other.x, self.y + other.y)

    @checked
    def __mul__(self, k: int) -> "V":
        return V(self.x * k, self.y * k)

    @checked
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, V):
            return NotImplemented
        return self.x == other.x and self.y == other.y

    __hash__ = None

    @checked
    def __len__(self) -> int:
        return abs(self.x) + abs(self.y)

    @checked
    def __getitem__(self, i: int) -> int:
        return (self.x, self.y)[i]

    @checked
    def __repr__(self) -> str:
        return "V(%d, %d)" % (self.x, self.y)

    @checked
    def __bool__(self) -> bool:
        return self.x != 0 or self.y != 0

    @property
    @checked
    def norm1(self) -> int:
        return len(self)

    @checked
    @property
    def doubled(self) -> "V":
        return self * 2

    @classmethod
    @checked
    def unit(cls, axis: int) -> "V":
        return cls(1, 0) if axis == 0 else cls(0, 1)

    @checked
    @staticmethod
    def zero() -> "V":
        return V(0)


class Temp:
    def __init__(self):
        self._t = 0.0

    @property
    def t(self):
        return self._t

    @t.setter
    @checked
    def t(self, value: float) -> None:
        self._t = value


def catch(fn, *a):
    try:
        return ("ok", fn(*a))
    except TypeError as e:
        return ("TypeError", str(e))


def test_operators_enforced():
    a, b = V(1, 2), V(3, 4)
    return (repr(a + b), repr(a * 3), catch(lambda: a + 1), catch(lambda: a * 1.5), catch(lambda: 3 * a))


def test_eq_returning_not_implemented_violates_return():
    return catch(lambda: V(1) == V(1)), catch(lambda: V(1) == 5)


def test_len_getitem_iteration():
    v = V(-2, 3)
    return len(v), v[0], v[-1], list(v), catch(lambda: v["x"]), bool(V(0)), bool(v)


def test_init_contract():
    return catch(V, 1.0), catch(V, 1, "2"), repr(V(1, y=2))


def test_descriptor_orders():
    return V(2, 3).norm1, repr(V(1, 1).doubled), repr(V.unit(1)), repr(V.zero()), repr(V(0).unit(0))


def test_setter_contract():
    t = Temp()
    t.t = 5
    first = (t.t, type(t.t).__name__)
    try:
        t.t = "hot"
    except TypeError as e:
        return first, str(e)


def test_unhashable():
    return catch(hash, V(1))
