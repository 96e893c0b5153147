"""Field accesses the compiler knows are native doubles (IR slot_get/slot_set `native`): every
class of this module with fields x, vx, m is a generated-constructor @record, so compiled code
loads and stores those fields as plain doubles behind one layout guard. Anything else reaching the
same code -- an instance of a record class defined in a function (object slots), of a class with
the same field names that is not a record, a list with such an item in the middle, an empty list
-- must fail the guard before any effect and give the interpreted results; and values stored by
compiled code must read back the same from interpreted code, copies and pickles."""
import math
import pickle

from spyc import checked, record


@record
class Body:
    x: float
    vx: float
    m: float = 1.0


@checked
def step(bs: list[Body], dt: float, n: int) -> float:
    e = 0.0
    for _ in range(n):
        for i in range(len(bs)):
            a = bs[i]
            for j in range(i + 1, len(bs)):
                b = bs[j]
                d = a.x - b.x
                f = dt / (d * d + 0.01)
                a.vx -= d * f * b.m
                b.vx += d * f * a.m
        for b in bs:
            b.x += dt * b.vx
            e += 0.5 * b.m * b.vx * b.vx
    return e


@checked
def kick(b: Body, dv: float) -> float:
    b.vx = b.vx + dv
    return b.vx * b.m


def catch(fn, *args):
    try:
        return ("ok", repr(fn(*args)))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def system(k):
    return [Body(0.5 * i - 1.0, 0.1 * (i % 3) - 0.1, 1.0 + 0.25 * i) for i in range(k)]


def test_loop():
    bs = system(5)
    e = step(bs, 0.01, 30)
    return e, [repr(b) for b in bs]


def test_values_seen_by_python():
    bs = system(3)
    step(bs, 0.05, 4)
    b = bs[1]
    return b.x, b.vx, repr(pickle.loads(pickle.dumps(b))), getattr(b, "vx") == b.vx, math.copysign(1.0, kick(Body(0.0, -0.0, 1.0), 0.0))


def test_store_from_python_then_compiled():
    bs = system(3)
    bs[0].vx = 2          # int promoted by the record's __setattr__
    setattr(bs[2], "x", 7)
    return step(bs, 0.01, 2), [repr(b) for b in bs]


def test_local_record_class_in_list():
    @record
    class Local:
        x: float
        vx: float
        m: float = 1.0

    bs = system(4)
    bs[2] = Local(0.25, 0.5, 2.0)
    e = catch(step, bs, 0.01, 3)
    return e, [repr(b) for b in bs]


class Plain:
    __slots__ = ("x", "vx", "m")

    def __init__(self, x, vx, m):
        self.x, self.vx, self.m = x, vx, m

    def __repr__(self):
        return f"Plain({self.x!r}, {self.vx!r}, {self.m!r})"


def test_plain_slotted_lookalike():
    bs = system(3)
    bs[1] = Plain(0.5, 1, 3.0)   # an int vx: the generic code's arithmetic decides
    e = catch(step, bs, 0.01, 2)
    return e, [repr(b) for b in bs]


def test_kick_single_and_errors():
    b = Body(1.0, 2.0, 0.5)
    return kick(b, 1.5), repr(b), catch(kick, b, "x"), catch(kick, Plain(0.0, 0.0, 1.0), 1.0), catch(step, [], 0.1, 3)
