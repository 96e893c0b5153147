"""The n-body inner loop shape (`for j in range(i + 1, n)` over a list of @record bodies, with
math.sqrt and the outer body `a` read and updated every iteration), for work that keeps `a`'s
fields or its guards out of the j loop (issue 10). Whatever is kept outside the loop must give
the same values, exceptions and memory state as CPython at every exit: a deopt or an exception in
the middle of the j loop after `a.vx` was already updated (ZeroDivisionError from two bodies at one
position), `a` and `b` one object (a body listed twice), fields holding an int or a float subclass,
an impostor in the list, math.sqrt replaced between calls, lists of 0, 1 and 2 bodies."""
import math

from spyc import checked, record


@record
class Body:
    x: float
    y: float
    z: float
    vx: float
    vy: float
    vz: float
    mass: float


@record
class BodyO:
    """Body with a user __init__: its float fields stay object slots, which the hostile tests
    below fill past the contract (`BodyO.f.__set__`). A compiled module keeps the float fields
    of records with a generated constructor as native doubles, where no other value can go
    (record_native_layout.py)."""
    x: float
    y: float
    z: float
    vx: float
    vy: float
    vz: float
    mass: float

    def __init__(self, x: float, y: float, z: float, vx: float, vy: float, vz: float, mass: float) -> None:
        self.x = x
        self.y = y
        self.z = z
        self.vx = vx
        self.vy = vy
        self.vz = vz
        self.mass = mass


def catch(fn, *args):
    try:
        return ("ok", repr(fn(*args)))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def show(v):
    return v if type(v) in (int, float, str) else (type(v).__name__, repr(v))


def state(bodies):
    return [(show(b.x), show(b.y), show(b.z), show(b.vx), show(b.vy), show(b.vz), show(b.mass)) for b in bodies]


def system(k, cls=None):
    return [(cls or Body)(1.5 * i, 0.5 - 0.75 * i, 0.125 * i, 0.01 * i, -0.02 * i, 0.005, 1.0 + 0.5 * i) for i in range(k)]


@checked
def advance(bodies: list[Body], dt: float, steps: int) -> None:
    n = len(bodies)
    for _ in range(steps):
        for i in range(n):
            a = bodies[i]
            for j in range(i + 1, n):
                b = bodies[j]
                dx = a.x - b.x
                dy = a.y - b.y
                dz = a.z - b.z
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * math.sqrt(d2))
                bm = b.mass * mag
                am = a.mass * mag
                a.vx -= dx * bm
                a.vy -= dy * bm
                a.vz -= dz * bm
                b.vx += dx * am
                b.vy += dy * am
                b.vz += dz * am
        for b in bodies:
            b.x += dt * b.vx
            b.y += dt * b.vy
            b.z += dt * b.vz


@checked
def pull(bodies: list[Body], k: int) -> float:
    """Only `a` is updated in the j loop, and `a` is read after it: the value kept for a.vx must
    be the one in memory when the loop ends, by exhaustion or by an exception."""
    a = bodies[k]
    for j in range(len(bodies)):
        b = bodies[j]
        d = a.x - b.x
        a.vx += d * b.mass
        a.vy = a.vx * 0.5
    return a.vx + a.vy


def test_plain():
    bs = system(5)
    advance(bs, 0.01, 50)
    return state(bs)


def test_sizes():
    out = []
    for k in (0, 1, 2):
        bs = system(k)
        out.append((catch(advance, bs, 0.01, 3), state(bs)))
    return out


def test_collision_mid_loop():
    # bodies 0 and 3 at one position: 0/0.0 in the j loop of i=0, after j=1 and j=2 updated a
    bs = system(5)
    bs[3].x, bs[3].y, bs[3].z = bs[0].x, bs[0].y, bs[0].z
    r = catch(advance, bs, 0.01, 2)
    return (r, state(bs))


def test_collision_later_step():
    # the bodies meet only after some steps of drift
    bs = [Body(0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1e-12), Body(0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 1e-12),
          Body(9.0, 9.0, 9.0, 0.0, 0.0, 0.0, 1.0)]
    r = catch(advance, bs, 0.25, 10)
    return (r, state(bs))


def test_same_body_twice():
    bs = system(4)
    bs.append(bs[1])  # a is b for (1, 4): 0/0.0 after a's updates
    r = catch(advance, bs, 0.01, 2)
    return (r, state(bs))


def test_pull_alias():
    bs = system(4)
    bs[2] = bs[1]
    r1 = pull(bs, 1)
    r2 = pull(bs, 3)
    return (r1, r2, state(bs))


def test_pull_int_mass_mid_loop():
    bs = system(5, BodyO)
    BodyO.mass.__set__(bs[3], 2)  # an int slot value bypassing __setattr__: deopt at j=3
    r = catch(pull, bs, 0)
    return (r, state(bs))


def test_pull_str_mid_loop():
    bs = system(5, BodyO)
    BodyO.x.__set__(bs[3], "far")
    r = catch(pull, bs, 0)
    return (r, state(bs))


def test_int_field_of_a():
    bs = system(4, BodyO)
    BodyO.mass.__set__(bs[0], 3)
    BodyO.vx.__set__(bs[0], 2)
    r = catch(advance, bs, 0.01, 3)
    return (r, state(bs))


class F(float):
    pass


def test_float_subclass_fields():
    bs = system(4, BodyO)
    BodyO.z.__set__(bs[2], F(0.25))
    BodyO.vy.__set__(bs[0], F(-1.0))
    r = catch(advance, bs, 0.01, 3)
    return (r, state(bs))


def test_int_stores_convert():
    bs = system(3)
    bs[1].vx = 4  # the record's __setattr__ converts to float
    bs[2].mass = 2
    advance(bs, 0.01, 3)
    return state(bs)


class Impostor:
    def __init__(self):
        self.x = self.y = self.z = 0.5
        self.vx = self.vy = self.vz = 0.0
        self.mass = 1.0


def test_impostor_in_list():
    bs = system(4)
    bs[2] = Impostor()
    r = catch(advance, bs, 0.01, 2)
    return (r, state(bs))


class FakeMath:
    def __init__(self):
        self.calls = 0

    def sqrt(self, v):
        self.calls += 1
        return v ** 0.5


def test_sqrt_replaced_between_calls():
    global math
    bs = system(4)
    advance(bs, 0.01, 2)
    real, fake = math, FakeMath()
    math = fake
    try:
        advance(bs, 0.01, 2)
    finally:
        math = real
    advance(bs, 0.01, 2)
    return (fake.calls, state(bs))
