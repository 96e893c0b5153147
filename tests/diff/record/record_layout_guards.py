"""One layout guard per object per stretch of field accesses (src/passes/layoutGuards.ts): the
accesses after it skip the type check, so everything that could change an object's layout in
between must end the stretch or deopt -- finalizers run by a store over a hostile slot value
(`Body.vx.__set__(b, evil)`), a descriptor or `__setattr__` replaced, `__class__` assigned, list
items replaced by another record type mid-loop, slots deleted, signal handlers at loop polls."""
import os
import signal

from spyc import checked, record


@record
class Body:
    x: float
    y: float
    vx: float
    vy: float
    mass: float


@record
class BodyO:
    """Body with a user __init__: its float fields stay object slots, which the hostile tests
    below fill past the contract (`BodyO.f.__set__`). A compiled module keeps the float fields
    of records with a generated constructor as native doubles, where no other value can go
    (record_native_layout.py)."""
    x: float
    y: float
    vx: float
    vy: float
    mass: float

    def __init__(self, x: float, y: float, vx: float, vy: float, mass: float) -> None:
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.mass = mass


@record
class Twin:
    x: float
    y: float
    vx: float
    vy: float
    mass: float


@record
class TwinO:
    """Twin with a user __init__ (object slots, as BodyO): `__class__` assignment between it and
    BodyO is allowed, as between two classes with the same native fields."""
    x: float
    y: float
    vx: float
    vy: float
    mass: float

    def __init__(self, x: float, y: float, vx: float, vy: float, mass: float) -> None:
        self.x = x
        self.y = y
        self.vx = vx
        self.vy = vy
        self.mass = mass


@record
class Shifted:
    mass: float
    vy: float
    vx: float
    y: float
    x: float


@record
class Counter:
    n: int
    on: bool
    x: float


def catch(fn, *args):
    try:
        r = fn(*args)
        return ("ok", repr(r))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def system(k, cls=None):
    return [(cls or Body)(0.5 * i, 1.0 - 0.25 * i, 0.01 * i, -0.02 * i, 1.0 + i) for i in range(k)]


def show(v):
    return v if isinstance(v, (int, float, str)) else type(v).__name__


def state(bodies):
    return [(type(b).__name__, show(b.x), show(b.y), show(b.vx), show(b.vy)) for b in bodies]


@checked
def advance(bodies: list[Body], dt: float, steps: int) -> float:
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            a = bodies[i]
            for j in range(i + 1, n):
                b = bodies[j]
                dx = a.x - b.x
                dy = a.y - b.y
                d2 = dx * dx + dy * dy + 0.01
                mag = dt / d2
                a.vx -= dx * b.mass * mag
                a.vy -= dy * b.mass * mag
                b.vx += dx * a.mass * mag
                b.vy += dy * a.mass * mag
        for b in bodies:
            b.x += dt * b.vx
            b.y += dt * b.vy
    return bodies[0].x + bodies[0].vy


@checked
def drift(bodies: list[Body], dt: float) -> float:
    t = 0.0
    for b in bodies:
        b.x += dt * b.vx
        b.y += dt * b.vy
        t += b.x * b.mass
    return t


@checked
def reset(bodies: list[Body], v: float) -> float:
    t = 0.0
    for b in bodies:
        b.vx = v * b.mass
        b.vy = b.vx + b.x
        t += b.mass * b.vy
    return t


class Evil:
    """A slot value whose release runs Python code."""

    def __init__(self, action):
        self.action = action

    def __del__(self):
        self.action()


def test_plain():
    bs = system(5)
    return (advance(bs, 0.01, 20), state(bs), drift(bs, 0.5))


def test_polymorphic_same_layout():
    bs = system(4)
    bs[2] = Twin(3.0, -1.0, 0.5, 0.25, 2.0)
    return (advance(bs, 0.01, 5), state(bs))


def test_polymorphic_other_offsets():
    bs = system(4)
    bs[1] = Shifted(2.0, 0.5, -0.5, 4.0, 1.5)
    bs[3] = Shifted(1.0, 0.0, 0.25, -4.0, 0.5)
    return (advance(bs, 0.01, 5), state(bs))


def test_non_float_slot_read():
    bs = system(3, BodyO)
    BodyO.y.__set__(bs[2], "s")
    return (catch(advance, bs, 0.01, 3), state(bs[:2]))


def test_int_slot_read():
    bs = system(3, BodyO)
    BodyO.x.__set__(bs[1], 7)
    return (catch(advance, bs, 0.01, 3), state(bs))


def test_store_over_hostile_value_runs_finalizer():
    bs = system(3, BodyO)
    log = []
    BodyO.vx.__set__(bs[1], Evil(lambda: log.append("del")))
    r = catch(reset, bs, 0.5)
    return (r, log, state(bs))


def test_finalizer_replaces_descriptor():
    @record
    class Local:
        x: float
        y: float
        vx: float
        vy: float
        mass: float

    bs = [Local(0.5 * i, 1.0 - 0.25 * i, 0.01 * i, -0.02 * i, 1.0 + i) for i in range(3)]

    def hack():
        type.__setattr__(Local, "mass", property(lambda self: 100.0))

    Local.vx.__set__(bs[0], Evil(hack))
    r = catch(reset, bs, 0.5)
    return (r, state(bs))


def test_finalizer_replaces_setattr():
    @record
    class Local2:
        x: float
        y: float
        vx: float
        vy: float
        mass: float

    bs = [Local2(0.5 * i, 1.0 - 0.25 * i, 0.01 * i, -0.02 * i, 1.0 + i) for i in range(3)]
    seen = []

    def setattr_(self, name, value):
        seen.append(name)
        object.__setattr__(self, name, value * 2 if isinstance(value, float) else value)

    def hack():
        type.__setattr__(Local2, "__setattr__", setattr_)

    Local2.vx.__set__(bs[0], Evil(hack))
    r = catch(reset, bs, 0.5)
    return (r, len(seen), sorted(set(seen)), state(bs))


def test_finalizer_assigns_class():
    bs = system(3, BodyO)
    out = []

    def hack():
        try:
            object.__setattr__(bs[0], "__class__", TwinO)
            out.append("assigned")
        except TypeError as e:
            out.append(str(e))

    BodyO.vx.__set__(bs[0], Evil(hack))
    r = catch(reset, bs, 0.5)
    return (r, out, state(bs))


def test_finalizer_replaces_list_item():
    bs = system(4, BodyO)

    def hack():
        bs[3] = Shifted(9.0, 1.0, 2.0, 3.0, 4.0)

    BodyO.vx.__set__(bs[0], Evil(hack))
    r = catch(reset, bs, 0.5)
    return (r, state(bs))


def test_finalizer_deletes_slot():
    bs = system(3, BodyO)

    def hack():
        BodyO.y.__delete__(bs[2])

    BodyO.vx.__set__(bs[1], Evil(hack))
    r = catch(reset, bs, 0.5)
    return (r, state(bs[:2]), hasattr(bs[2], "y"))


def test_class_changed_between_calls():
    bs = system(3)
    r1 = drift(bs, 0.5)
    type.__setattr__(Body, "extra", 1)  # a new version tag: the guard refills
    r2 = drift(bs, 0.5)
    type.__delattr__(Body, "extra")
    return (r1, r2, state(bs))


@checked
def tally(cs: list[Counter], steps: int) -> int:
    for _ in range(steps):
        for c in cs:
            c.n += 1
            c.on = not c.on
            c.x += 0.5
    t = 0
    for c in cs:
        t += c.n
    return t


@checked
def reset_n(cs: list[Counter]) -> int:
    t = 0
    for c in cs:
        c.n = 3
        c.on = c.n > 2
        t += c.n
    return t


def test_int_bool_fields():
    cs = [Counter(i, i % 2 == 0, 0.0) for i in range(4)]
    return (tally(cs, 5), [(c.n, c.on, c.x) for c in cs])


def test_int_field_hostile():
    cs = [Counter(i, True, 0.0) for i in range(3)]
    log = []
    Counter.n.__set__(cs[1], Evil(lambda: log.append("n")))
    r = catch(tally, cs, 2)
    Counter.n.__set__(cs[2], Evil(lambda: log.append("n2")))
    r2 = catch(reset_n, cs)
    return (r, r2, log, [(show(c.n), c.on, c.x) for c in cs])


def test_bool_field_holds_int():
    cs = [Counter(i, True, 0.0) for i in range(3)]
    Counter.on.__set__(cs[2], 1)
    r = catch(tally, cs, 2)
    return (r, [(c.n, c.on, c.x) for c in cs])


def test_signal_handler_bumps_class():
    if not hasattr(signal, "SIGUSR1"):
        return "skip"
    bs = system(4)
    hits = []

    def handler(signum, frame):
        hits.append(signum)
        type.__setattr__(Body, "bump", len(hits))

    old = signal.signal(signal.SIGUSR1, handler)
    try:
        os.kill(os.getpid(), signal.SIGUSR1)
        r = advance(bs, 0.01, 200)
        os.kill(os.getpid(), signal.SIGUSR1)
        r2 = drift(bs, 0.25)
    finally:
        signal.signal(signal.SIGUSR1, old)
        if "bump" in Body.__dict__:
            type.__delattr__(Body, "bump")
    return (r, r2, len(hits), state(bs))


def test_aliased_bodies():
    bs = system(3)
    bs.append(bs[0])  # a and b are one object for (0, 3)
    bs.insert(1, bs[2])
    return (advance(bs, 0.01, 4), state(bs), drift(bs, 0.5))


def test_shared_float_objects():
    f = float("1.5")
    g = f * 2.0
    bs = [Body(f, g, f, g, f), Body(g, f, g, f, g), Body(f, f, f, f, f)]
    keep = [f, g]
    r = advance(bs, 0.01, 3)
    return (r, state(bs), keep)
