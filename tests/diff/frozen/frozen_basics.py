"""@frozen classes: construction, eq/hash/repr, FrozenInstanceError, @checked methods."""
import copy
import dataclasses
from spyc import checked, frozen, i64


@frozen
class Point:
    x: float
    y: float
    label: str = "p"

    @checked
    def shifted(self, dx: float, dy: float) -> "Point":
        return Point(self.x + dx, self.y + dy, self.label)

    @checked
    def dist2(self) -> float:
        return self.x * self.x + self.y * self.y

    def plain_method(self):
        return self.label * 2


@frozen
class Account:
    owner: str
    balance: i64

    def __init__(self, owner, balance):
        self.owner = owner.upper()
        self.balance = balance

    @checked
    def deposit(self, amount: i64) -> "Account":
        return Account(self.owner, self.balance + amount)


@frozen
class Line:
    a: Point
    b: Point

    @checked
    def length2(self) -> float:
        dx = self.a.x - self.b.x
        dy = self.a.y - self.b.y
        return dx * dx + dy * dy


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def test_construct_and_repr():
    p = Point(1, 2.5)
    return repr(p), p.x, type(p.x).__name__, repr(Point(0.0, -0.0, "q"))


def test_construct_keywords_and_errors():
    return (repr(Point(y=1.0, x=2.0)), catch(Point, 1.0), catch(Point, 1.0, 2.0, "l", 4),
            catch(Point, "1", 2.0), catch(Point, 1.0, 2.0, 3))


def test_eq_hash():
    a, b, c = Point(1, 2), Point(1.0, 2.0), Point(1, 3)
    return a == b, a != c, hash(a) == hash(b), hash(a) == hash((1.0, 2.0, "p")), a == (1.0, 2.0, "p"), len({a, b, c})


def test_nan_field_hash():
    n = float("nan")
    p, q = Point(n, 0.0), Point(n, 0.0)
    return hash(p) == hash(q), p == p, p == q


def test_frozen_setattr():
    p = Point(1, 2)
    return catch(setattr, p, "x", 5.0), catch(setattr, p, "z", 1), catch(delattr, p, "y"), p.x


def test_frozen_instance_error_type():
    p = Point(1, 2)
    try:
        p.x = 3.0
    except dataclasses.FrozenInstanceError as e:
        return isinstance(e, AttributeError), str(e)


def test_checked_methods():
    p = Point(3, 4)
    q = p.shifted(1, -1)
    return repr(q), q.dist2(), p.dist2(), p.plain_method()


def test_checked_method_arg_violation():
    return Point(3, 4).shifted("1", 0.0)


def test_checked_method_foreign_self():
    return Point.dist2(Account("a", 1))


def test_user_init_and_i64_field():
    a = Account("bob", 10)
    return repr(a), repr(a.deposit(5)), catch(a.deposit, 2**63), catch(Account, "x", 2**63), catch(Account, "x", 1.0)


def test_nested_frozen():
    ln = Line(Point(0, 0), Point(3, 4))
    return ln.length2(), repr(ln), ln == Line(Point(0, 0), Point(3, 4)), catch(Line, Point(0, 0), (3, 4))


def test_no_dict_and_copy():
    p = Point(1, 2)
    return hasattr(p, "__dict__"), copy.copy(p) is p, copy.deepcopy(p) is p


def test_class_immutable():
    return catch(setattr, Point, "extra", 1), catch(delattr, Point, "plain_method")


def test_not_subclassable():
    try:
        class Sub(Point):
            pass
    except TypeError as e:
        return str(e)
    return "subclassed?"


def test_new_directly():
    return catch(Point.__new__, Point)
