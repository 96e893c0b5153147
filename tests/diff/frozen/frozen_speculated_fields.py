"""Field reads on locals of unknown class (facts/types.ts speculatedField): `o.qty` where o comes
from a dict, a deque, a call -- read unboxed as the representation the module's @frozen/@record
classes give `qty`, behind slot_get's per-site guard. Hostile cases: an ordinary object with an
instance attribute of that name, a class with a property of that name, a slotted class of another
layout, None, a big int in the field, a value stored bypassing the contract, an unbound local."""
from spyc import checked, frozen, record


@frozen
class Order:
    oid: int
    qty: int
    price: float


@record
class Fill:
    qty: int
    px: float


class Plain:
    def __init__(self, qty):
        self.qty = qty
        self.price = 1.5


class Prop:
    @property
    def qty(self):
        print("prop read")
        return 7


class Slotted:
    __slots__ = ("pad", "qty")

    def __init__(self, qty):
        self.pad = None
        self.qty = qty


@checked
def total_qty(book: dict[int, object], keys: list[int]) -> int:
    s = 0
    for k in keys:
        o = book[k]
        s += o.qty * 2
    return s


@checked
def notional(book: dict[int, object], k: int) -> float:
    o = book.get(k)
    if o is None:
        return 0.0
    return o.qty * o.price


@checked
def maybe(book: dict[int, object], k: int, flag: bool) -> int:
    if flag:
        o = book[k]
    return o.qty + 1


def book_of(*items):
    return {i: x for i, x in enumerate(items)}


def test_orders():
    b = book_of(Order(1, 10, 2.5), Fill(3, 1.0), Order(2, -4, 0.5))
    return total_qty(b, [0, 1, 2, 0]), notional(b, 0), notional(b, 2), notional(b, 9)


def test_impostors():
    b = book_of(Order(1, 10, 2.5), Plain(5), Prop(), Slotted(11), Slotted("x"))
    out = [total_qty(b, [0, 1]), total_qty(b, [1, 0]), notional(b, 1)]
    out.append(total_qty(b, [0, 2, 0]))
    out.append(total_qty(b, [3, 0, 3]))
    try:
        total_qty(b, [0, 4])
    except TypeError as e:
        out.append(str(e))
    return out


def test_none_and_missing():
    b = book_of(None, Plain(1))
    out = []
    try:
        total_qty(b, [0])
    except AttributeError as e:
        out.append(str(e))
    del b[1].qty
    try:
        total_qty(b, [1])
    except AttributeError as e:
        out.append(str(e))
    return out


def test_big_and_bypass():
    big = Order(1, 2**70, 1.0)
    f = Fill(1, 1.0)
    object.__setattr__(f, "qty", 2.5)  # bypasses the record's contract
    b = book_of(big, f, Order(2, 3, 1.0))
    return total_qty(b, [2, 0, 2]), total_qty(b, [2, 1, 2]), notional(b, 0)


def test_unbound():
    b = book_of(Order(1, 10, 2.5))
    out = [maybe(b, 0, True)]
    try:
        maybe(b, 0, False)
    except UnboundLocalError as e:
        out.append(str(e))
    return out
