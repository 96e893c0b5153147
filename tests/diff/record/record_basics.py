"""@record: construction, checked stores from compiled and interpreted code, int->float
promotion on store, non-field names, deletes, repr/eq/unhashable, class finality."""
from typing import Optional

from spyc import checked, frozen, i64, record


@record
class Body:
    x: float
    vx: float
    mass: float = 1.0
    name: str = "b"

    @checked
    def kick(self, dv: float) -> None:
        self.vx += dv

    @checked
    def energy(self) -> float:
        return 0.5 * self.mass * self.vx * self.vx

    def plain_move(self, dt):
        self.x += self.vx * dt
        return self.x


@record
class Account:
    owner: str
    balance: i64
    history: list
    limit: Optional[int]

    def __init__(self, owner, balance=0):
        self.owner = owner.upper()
        self.balance = balance
        self.history = []
        self.limit = None

    @checked
    def deposit(self, amount: i64) -> i64:
        self.balance += amount
        self.history.append(amount)
        return self.balance


@frozen
class Tag:
    label: str


@record
class Tagged:
    tag: Tag
    count: int = 0
    extra: object = None


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


@checked
def store_x(b: Body, v: float) -> float:
    b.x = v
    return b.x


@checked
def store_any(b: Body, v: object) -> float:
    b.x = v
    return b.x


@checked
def store_name(b: Body, v: object) -> str:
    b.name = v
    return b.name


def plain_store(b, field, v):
    setattr(b, field, v)
    return getattr(b, field)


def plain_store_vx(b, v):
    b.vx = v
    return b.vx


@checked
def store_int_into_float(b: Body, n: int) -> float:
    b.mass = n
    b.vx = n * 2
    return b.mass + b.vx


@checked
def make(x: float, vx: float) -> Body:
    return Body(x, vx)


def test_construct_and_repr():
    b = Body(1, 2.5)
    return repr(b), b.x, type(b.x).__name__, repr(Body(0.0, -0.0, 2, "q")), repr(make(3, 4))


def test_construct_errors():
    return (catch(Body, 1.0), catch(Body, 1.0, 2.0, 3.0, "n", 5), catch(Body, "1", 2.0),
            catch(Body, 1.0, 2.0, 3.0, 4), catch(Body, 1.0, True), catch(Body, 1, 10**400),
            catch(make, "1", 2.0), catch(lambda: Body(1.0, 2.0, z=3)))


def test_store_right_types_compiled():
    b = Body(1.0, 2.0)
    return store_x(b, 5.5), store_x(b, 7), type(b.x).__name__, repr(b)


def test_store_wrong_types_compiled():
    b = Body(1.0, 2.0)
    return (catch(store_any, b, "s"), catch(store_any, b, True), catch(store_any, b, None),
            catch(store_any, b, 10**400), catch(store_name, b, 3), repr(b))


def test_store_promotes_from_compiled():
    b = Body(1.0, 2.0)
    r = store_int_into_float(b, 3)
    return r, type(b.mass).__name__, type(b.vx).__name__, repr(b)


def test_store_from_plain_code():
    b = Body(1.0, 2.0)
    return (plain_store(b, "x", 3), plain_store_vx(b, 4), type(b.vx).__name__,
            catch(plain_store, b, "x", "no"), catch(plain_store_vx, b, [1]),
            catch(plain_store, b, "name", 1), repr(b))


def test_store_interpreted_lambda():
    b = Body(1.0, 2.0)
    f = lambda v: setattr(b, "mass", v)  # noqa: E731
    return catch(f, 2), catch(f, "x"), catch(f, 2.5), repr(b)


def test_non_field_and_delete():
    b = Body(1.0, 2.0)
    return (catch(setattr, b, "z", 1), catch(plain_store, b, "zz", 1), catch(delattr, b, "x"),
            catch(delattr, b, "nope"), catch(setattr, b, "__class__", Account), repr(b))


def test_checked_methods_mutate():
    b = Body(1.0, 2.0, 4.0)
    b.kick(1)
    e = b.energy()
    return repr(b), e, b.plain_move(0.5), catch(b.kick, "1"), catch(Body.kick, 5, 1.0), repr(b)


def test_user_init_record():
    a = Account("bob", 10)
    r = a.deposit(5)
    return (repr(a), r, catch(a.deposit, 2**63), catch(Account, "x", 2**63), catch(Account, "x", 1.0),
            catch(setattr, a, "limit", "none"), plain_store(a, "limit", 3), catch(setattr, a, "history", ()))


def test_frozen_and_object_fields():
    t = Tagged(Tag("a"))
    t.count += 1
    t.extra = [1, 2]
    t.extra = "anything"
    return repr(t), catch(setattr, t, "tag", "a"), catch(setattr, t, "count", 1.0), catch(Tagged, None)


def test_eq_and_unhashable():
    a, b, c = Body(1, 2), Body(1.0, 2.0), Body(1, 3)
    n = float("nan")
    p = Body(n, 0.0)
    return (a == b, a != c, a == (1.0, 2.0, 1.0, "b"), p == p, p == Body(n, 0.0),
            catch(hash, a), catch(lambda: {a}), catch(lambda: {a: 1}))


def test_class_immutable_and_final():
    def sub():
        class Sub(Body):
            pass
        return Sub
    return (catch(setattr, Body, "extra", 1), catch(delattr, Body, "kick"), catch(sub),
            catch(type, "Sub2", (Body,), {}), catch(Body.__new__, Body), catch(Account.__new__, Account))


def test_reinit():
    b = Body(1.0, 2.0)
    b.__init__(5, 6, 7, "z")
    return repr(b), catch(b.__init__, 1, "x"), repr(b)


def test_slots_and_match_args():
    b = Body(1.0, 2.0)
    return Body.__slots__, Body.__match_args__, hasattr(b, "__dict__"), Body.__hash__ is None
