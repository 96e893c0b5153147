"""Fields of @frozen instances read in specialized code (slot reads through a per-site cache):
methods of @frozen classes (self) and functions taking @frozen parameters."""
import math
from spyc import checked, frozen


@frozen
class Vec:
    x: float
    y: float
    n: int
    on: bool
    tag: str

    @checked
    def norm(self) -> float:
        return math.sqrt(self.x * self.x + self.y * self.y)

    @checked
    def scaled(self, k: int) -> int:
        return self.n * k if self.on else -self.n

    @checked
    def same(self, other: "Vec") -> bool:
        return self.n == other.n


@frozen
class Order:
    price: int
    qty: int


@checked
def dot(a: Vec, b: Vec) -> float:
    return a.x * b.x + a.y * b.y


@checked
def notional(o: Order, fee: int) -> int:
    return o.price * o.qty + fee


def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


V = [Vec(3.0, 4.0, 2, True, "a"), Vec(-0.0, float("nan"), -7, False, "b"), Vec(1e308, 1e308, 2**62, True, "c"),
     Vec(float("inf"), 0.5, 2**70, True, "d")]


def test_methods():
    return [(outcome(v.norm), outcome(v.scaled, 3), outcome(v.scaled, 2**62)) for v in V]


def test_functions():
    return [outcome(dot, a, b) for a in V for b in V]


def test_other_method_arg():
    return [outcome(V[0].same, v) for v in V] + [outcome(V[0].same, Order(1, 2))]


def test_orders():
    return [outcome(notional, Order(p, q), f) for p, q, f in ((100, 3, 1), (2**40, 2**30, 0), (-5, 2**62, 2**62), (2**64, 1, 0))]


def test_wrong_type():
    return outcome(notional, V[0], 1), outcome(dot, Order(1, 2), V[0])


@checked
def book_value(orders: list[Order], cap: int) -> int:
    total = 0
    n = 0
    for o in orders:
        if n >= cap:
            break
        total += o.price * o.qty
        n += 1
    else:
        total = -total
    return total + len(orders)


class Loose:
    __slots__ = ("price", "qty")

    def __init__(self, p, q):
        self.price = p
        self.qty = q


def test_order_lists():
    orders = [Order(100 + i, i % 7) for i in range(50)]
    out = [book_value(orders, 100), book_value(orders, 10), book_value([], 1)]
    # items of other layouts / types: the guard fails, generic code gives Python's answer
    out.append(outcome(book_value, orders[:3] + [Loose(5, 6)] + orders[3:6], 100))
    out.append(outcome(book_value, orders[:3] + [Loose(5, 2.5)], 100))
    out.append(outcome(book_value, orders[:2] + [V[0]], 100))
    out.append(outcome(book_value, orders[:2] + [7], 100))
    out.append(outcome(book_value, [Order(2**62, 4)], 1))
    return out
