"""@frozen instances built in C are not tracked by the cycle collector (they are acyclic by
contract, contracts-spec P5): they must still be freed exactly when CPython frees them -- by
reference counting, inside tuples and other frozen instances, in lists that form cycles the
collector breaks, with weakref callbacks in the same order -- and a class with __post_init__ keeps
working."""
import gc
import weakref
from spyc import checked, frozen


@frozen
class Leg:
    sym: str
    qty: int
    px: float


@frozen
class Spread:
    near: Leg
    far: Leg
    extra: tuple[Leg, ...] = ()


@frozen
class Tagged:
    n: int

    def __post_init__(self):
        if self.n < 0:
            raise ValueError("negative")


@checked
def legs(n: int) -> list[Leg]:
    out = []
    for i in range(n):
        out.append(Leg("S" + str(i % 5), i, i * 0.5))
    return out


@checked
def spread(a: Leg, b: Leg) -> Spread:
    return Spread(a, b, (a, b))


def test_freed_by_refcount():
    events = []
    ls = legs(20)
    refs = [weakref.ref(x, lambda r, i=i: events.append(i)) for i, x in enumerate(ls[:5])]
    del ls
    return events, [r() is None for r in refs]


def test_nested_freed():
    events = []
    s = spread(Leg("A", 1, 1.0), Leg("B", 2, 2.0))
    r_near = weakref.ref(s.near, lambda r: events.append("near"))
    r_s = weakref.ref(s, lambda r: events.append("spread"))
    del s
    return events, r_near() is None, r_s() is None


def test_cycle_through_list():
    events = []
    leg = legs(1)[0]
    box = [leg]
    box.append(box)  # a cycle the collector must break; the leg is inside it
    weakref.ref(leg, lambda r: events.append("leg"))
    ref = weakref.ref(leg, lambda r: events.append("leg2"))
    del leg, box
    gc.collect()
    return events, ref() is None


def test_many_with_collections():
    total = 0
    keep = []
    for k in range(30):
        ls = legs(200)
        keep.append(spread(ls[0], ls[-1]))
        gc.collect(0)
        total += sum(x.qty for x in ls)
    gc.collect()
    return total, len(keep), repr(keep[-1].extra[1]), keep[3] == keep[3], hash(keep[2]) == hash(spread(keep[2].near, keep[2].far))


def test_interpreted_construction():
    xs = [Leg("Z", i, 1.5) for i in range(50)]
    r = weakref.ref(xs[7])
    del xs
    return r() is None


def test_post_init():
    out = [Tagged(i).n for i in range(5)]
    try:
        Tagged(-1)
    except ValueError as e:
        out.append(str(e))
    t = Tagged(3)
    r = weakref.ref(t)
    del t
    gc.collect()
    return out, r() is None
