"""@record fields in specialized code (IR ops slot_get / slot_set): `o = xs[i]` of a list[C]
parameter, unboxed field reads, in-place float stores and augmented stores -- and every way the
layout assumption can break: instances mutated from interpreted code between compiled calls, a
float object shared with another reference (no in-place overwrite), an int field, fields deleted,
the class's __setattr__ replaced mid-run, a subclass-like impostor of another class in the list,
negative and out-of-range indices, and wrong-typed values stored from interpreted code."""
from spyc import checked, i64, record


@record
class P:
    x: float
    v: float
    n: int = 0
    k: i64 = 0
    on: bool = False


@record
class PO:
    """P with a user __init__: its float fields stay object slots, which test_deleted_field
    empties past the record's __delattr__. A compiled module keeps the float fields of records
    with a generated constructor as native doubles, which cannot be deleted
    (record_native_layout.py)."""
    x: float
    v: float
    n: int = 0
    k: i64 = 0
    on: bool = False

    def __init__(self, x: float, v: float, n: int = 0, k: i64 = 0, on: bool = False) -> None:
        self.x = x
        self.v = v
        self.n = n
        self.k = k
        self.on = on


@record
class Q:
    x: float
    v: float
    n: int = 0
    k: i64 = 0
    on: bool = False


@checked
def step(ps: list[P], dt: float, steps: int) -> float:
    m = len(ps)
    for _ in range(steps):
        for i in range(m):
            a = ps[i]
            a.x += dt * a.v
            a.v -= 0.5 * a.x * dt
            a.n += 1
            a.k = a.k - 2
            a.on = a.x > 0.0
    s = 0.0
    for p in ps:
        s += p.x + p.v
    return s


@checked
def at(ps: list[P], i: int) -> float:
    a = ps[i]
    a.x = a.x * 2.0
    return a.x


@checked
def total(ps: list[P]) -> float:
    s = 0.0
    for i in range(len(ps)):
        b = ps[i]
        s += b.x * b.v
    return s


def mk(n, cls=None):
    return [(cls or P)(float(i), 1.0 - i) for i in range(n)]


def dump(ps):
    return [(p.x, p.v, p.n, p.k, p.on) for p in ps]


def test_basic():
    ps = mk(4)
    return step(ps, 0.01, 50), dump(ps)


def test_shared_float_not_overwritten():
    ps = mk(2)
    keep = ps[0].x
    before = keep
    step(ps, 0.5, 3)
    return keep, before, keep is before, ps[0].x


def test_interpreted_mutation_between_calls():
    ps = mk(3)
    step(ps, 0.1, 2)
    ps[1].x = 7          # int -> float by the record's __setattr__
    ps[2].n = 2 ** 70     # a big int: the compiled n += 1 must grow it
    ps[0].k = 2 ** 63 - 1  # k - 2 still fits; n += 1 is fine
    r = step(ps, 0.1, 2)
    return r, dump(ps)


def test_big_int_field():
    ps = mk(1)
    ps[0].n = 2 ** 63 - 1
    step(ps, 0.1, 2)
    return ps[0].n, type(ps[0].n).__name__


def test_i64_underflow():
    ps = mk(1)
    ps[0].k = -(2 ** 63) + 1
    try:
        step(ps, 0.1, 1)
    except Exception as e:
        return type(e).__name__, str(e), dump(ps)
    return dump(ps)


def test_deleted_field():
    ps = mk(2, PO)
    object.__delattr__(ps[1], "v")  # past the record's __delattr__: the slot is empty
    try:
        step(ps, 0.1, 1)
    except AttributeError as e:
        return "AttributeError", str(e), ps[0].x
    return "no error"


def test_wrong_type_in_list():
    ps = mk(2)
    ps.append(Q(1.0, 2.0))
    r = total(ps)
    try:
        step(ps, 0.1, 1)
    except Exception as e:
        return r, type(e).__name__, str(e)
    return r, dump(ps[:2])


def test_indices():
    ps = mk(3)
    out = [at(ps, -1), at(ps, 0), at(ps, 2)]
    for bad in (3, -4):
        try:
            at(ps, bad)
        except IndexError as e:
            out.append(str(e))
    return out, dump(ps)


def test_setattr_replaced_mid_run():
    ps = mk(2)
    step(ps, 0.1, 1)
    seen = []
    old = P.__setattr__

    def spy(self, name, value):
        seen.append(name)
        old(self, name, value)

    type.__setattr__(P, "__setattr__", spy)
    try:
        r = step(ps, 0.1, 1)
    finally:
        type.__setattr__(P, "__setattr__", old)
    return r, seen, step(ps, 0.1, 1)


def test_nan_inf():
    ps = [P(float("inf"), float("nan")), P(-0.0, 1e308)]
    r = step(ps, 1e10, 2)
    return repr(r), [(repr(p.x), repr(p.v)) for p in ps]
