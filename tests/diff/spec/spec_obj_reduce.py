"""sum/min/max/any/all of generator expressions over a list[C] parameter (C @frozen/@record) that
read the items' scalar fields: inline loops reading the fields unboxed (facts/genexp.ts).
Hostile cases: an item of another type (a plain object with the same attributes, an int, a
@record with the same field names), an int field holding a big int or a str (set through the
member descriptor), int64 overflow, empty lists, NaN/-0.0, a rebound `sum`, a field descriptor
replaced and restored mid-run, a loop variable of the function sharing the genexp's name."""
import sys

from spyc import checked, frozen, record


@frozen
class Fill:
    qty: int
    price: float
    side: str


@record
class Pos:
    qty: int
    price: float
    open: bool


@checked
def notional(fills: list[Fill]) -> float:
    return sum(f.qty * f.price for f in fills)


@checked
def volume(fills: list[Fill]) -> int:
    return sum(f.qty for f in fills)


@checked
def big_volume(fills: list[Fill], limit: int) -> int:
    return sum(f.qty for f in fills if f.qty > limit)


@checked
def vwap(fills: list[Fill]) -> float:
    q = sum(f.qty for f in fills)
    return sum(f.qty * f.price for f in fills) / q


@checked
def best(fills: list[Fill]) -> float:
    return max(f.price for f in fills) - min(f.price for f in fills)


@checked
def smallest(fills: list[Fill]) -> int:
    return min(f.qty * 2 for f in fills)


@checked
def any_cheap(fills: list[Fill], p: float) -> bool:
    return any(f.price < p for f in fills)


@checked
def all_filled(fills: list[Fill]) -> bool:
    return all(f.qty for f in fills)


@checked
def open_exposure(ps: list[Pos]) -> float:
    return sum(p.qty * p.price for p in ps if p.open)


@checked
def bump_then_total(ps: list[Pos], k: int) -> int:
    for p in ps:
        p.qty += k
    # the genexp's p is its own (the loop's p keeps the last position)
    t = sum(p.qty for p in ps)
    return t + p.qty


@checked
def weighted(fills: list[Fill], w: float) -> float:
    f = w * 2.0
    return sum(f.price * w for f in fills) + f


@checked
def refs_after(fills: list[Fill], probe: list[int]) -> float:
    s = sum(f.price for f in fills)
    probe.append(sys.getrefcount(fills[-1]))
    return s


class Plain:
    def __init__(self, qty, price):
        self.qty = qty
        self.price = price


class Slotted:
    __slots__ = ("qty", "price", "side")

    def __init__(self, qty, price):
        self.qty = qty
        self.price = price


F = [Fill(100, 101.25, "buy"), Fill(-40, 101.5, "sell"), Fill(7, 99.0, "buy"), Fill(0, 100.0, "sell")]


def test_notional():
    return notional(F), notional(F[:1]), notional([Fill(3, 0.1, "b")] * 10)


def test_volume():
    return volume(F), volume([]), big_volume(F, 0), big_volume(F, -100), big_volume(F, 1000)


def test_vwap():
    return vwap(F[:1]), vwap(F)


def test_vwap_zero():
    return vwap([Fill(1, 2.0, "b"), Fill(-1, 3.0, "s")])


def test_best():
    return best(F), best([Fill(1, float("nan"), "b"), Fill(1, 2.0, "b")]), best([Fill(1, 2.0, "b"), Fill(1, float("nan"), "b")])


def test_best_zeros():
    return best([Fill(1, -0.0, "b"), Fill(1, 0.0, "b")]), notional([Fill(1, -0.0, "b")]), notional([Fill(-1, 0.0, "b")])


def test_best_empty():
    return best([])


def test_notional_empty():
    # the sum of no floats is the int 0
    return notional([]), open_exposure([]), open_exposure([Pos(1, 2.0, False)])


def test_smallest():
    return smallest(F), smallest([Fill(2**62, 1.0, "b")])


def test_smallest_empty():
    return smallest([])


def test_any_all():
    return (any_cheap(F, 100.0), any_cheap(F, 1.0), any_cheap([], 1.0), all_filled(F), all_filled(F[:3]),
            all_filled([]))


def test_overflow():
    return volume([Fill(2**62, 1.0, "b"), Fill(2**62, 1.0, "b"), Fill(-5, 1.0, "b")])


def test_big_int_field():
    return volume([Fill(1, 1.0, "b"), Fill(2**70, 1.0, "b")]), notional([Fill(2**80, 0.5, "b")])


def test_field_set_behind_contract():
    # the member descriptor bypasses the class's checks: an int field holding a big int, a str
    f = Fill(1, 1.0, "b")
    Fill.__dict__["qty"].__set__(f, 2**64)
    a = volume([Fill(1, 1.0, "b"), f]), notional([f])
    Fill.__dict__["qty"].__set__(f, "x")
    try:
        return a, volume([Fill(1, 1.0, "b"), f])
    except TypeError as e:
        return a, str(e)


def test_plain_impostor():
    return notional([F[0], Plain(2, 3.5)]), volume([Plain(2**70, 0.0), F[0]]), best([Plain(1, 5.0), F[1]])


def test_slotted_impostor():
    return notional([Slotted(2, 3.5), F[0], Slotted(3, 0.25)])


def test_record_impostor():
    # a @record with the same field names in a list[Fill]
    return notional([F[0], Pos(3, 1.5, True)]), volume([Pos(2, 0.0, True), Pos(5, 0.0, False)])


def test_bad_item():
    try:
        return notional([F[0], 3])
    except AttributeError as e:
        return str(e)


def test_property_item():
    class Prop:
        calls = 0

        @property
        def qty(self):
            Prop.calls += 1
            return 4

        price = 2.5

    r = notional([F[0], Prop(), F[2]])
    return r, Prop.calls


def test_record():
    ps = [Pos(3, 10.0, True), Pos(-2, 11.5, False), Pos(4, 9.75, True)]
    return open_exposure(ps), bump_then_total(ps, 1), bump_then_total(ps, 2**62), [p.qty for p in ps]


def test_record_descriptor_replaced():
    ps = [Pos(3, 10.0, True), Pos(4, 9.75, True)]
    before = open_exposure(ps)
    d = Pos.__dict__["qty"]
    type.__setattr__(Pos, "qty", property(lambda self: 1000))
    try:
        during = open_exposure(ps)
    finally:
        type.__setattr__(Pos, "qty", d)
    return before, during, open_exposure(ps)


def test_weighted():
    return weighted(F, 0.5), weighted([], 2.0)


def test_refs():
    fills = [Fill(1, 1.5, "b"), Fill(2, 2.5, "b")]
    probe = []
    s = refs_after(fills, probe)
    s2 = refs_after([fills[0], Plain(1, 2.0)], probe)
    return s, s2, probe


def test_sum_rebound():
    g = globals()
    real = sum
    try:
        g["sum"] = lambda it: ("rebound", real(it))
        return notional(F), volume(F)
    finally:
        del g["sum"]


def test_builtin_max_replaced():
    import builtins
    real = builtins.max
    builtins.max = lambda it: "max!"
    try:
        return best(F)
    except TypeError as e:
        return str(e)
    finally:
        builtins.max = real
