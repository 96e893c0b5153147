"""@record in lists and loops: n-body style in-place mutation from compiled @checked code,
records mutated by interpreted code and read by compiled code (and the reverse), wrong-typed
stores in the middle of a loop."""
import math

from spyc import checked, record


@record
class P:
    x: float
    y: float
    vx: float = 0.0
    vy: float = 0.0
    m: float = 1.0


@record
class Cell:
    n: int
    total: float = 0.0


def cloud(k):
    return [P(float(i), float(i * i % 7), 0.1 * i, -0.2 * i, 1.0 + i % 3) for i in range(k)]


@checked
def step(ps: list[P], dt: float, steps: int) -> None:
    n = len(ps)
    for _ in range(steps):
        for i in range(n):
            a = ps[i]
            for j in range(i + 1, n):
                b = ps[j]
                dx = a.x - b.x
                dy = a.y - b.y
                d2 = dx * dx + dy * dy + 0.01
                mag = dt / (d2 * math.sqrt(d2))
                a.vx -= dx * b.m * mag
                a.vy -= dy * b.m * mag
                b.vx += dx * a.m * mag
                b.vy += dy * a.m * mag
        for p in ps:
            p.x += dt * p.vx
            p.y += dt * p.vy


@checked
def kinetic(ps: list[P]) -> float:
    e = 0.0
    for p in ps:
        e += 0.5 * p.m * (p.vx * p.vx + p.vy * p.vy)
    return e


@checked
def count_into(cells: list[Cell], xs: list[int]) -> int:
    for x in xs:
        c = cells[x % len(cells)]
        c.n += 1
        c.total += x  # int added to a float field: a float
    return len(cells)


@checked
def poison(cells: list[Cell], at: int) -> int:
    done = 0
    for i in range(len(cells)):
        if i == at:
            cells[i].n = "bad"
        cells[i].n = cells[i].n * 2
        done += 1
    return done


@checked
def set_all(ps: list[P], v: int) -> float:
    s = 0.0
    for p in ps:
        p.m = v  # promoted on every store
        s += p.m
    return s


def interp_scale(ps, k):
    for p in ps:
        p.vx = p.vx * k
        p.vy *= k


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


def snapshot(ps):
    return [(round(p.x, 9), round(p.y, 9), round(p.vx, 9), round(p.vy, 9)) for p in ps]


def test_nbody_like():
    ps = cloud(6)
    step(ps, 0.01, 50)
    return kinetic(ps), repr(ps[0]), [repr(p) for p in ps]


def test_interleaved_interpreted_and_compiled():
    ps = cloud(4)
    step(ps, 0.01, 5)
    interp_scale(ps, 0.5)
    step(ps, 0.01, 5)
    ps[1].vx = 3  # int from interpreted code
    return kinetic(ps), type(ps[1].vx).__name__, [repr(p) for p in ps]


def test_counts_and_promotion():
    cells = [Cell(0) for _ in range(3)]
    count_into(cells, list(range(20)))
    return [repr(c) for c in cells], [type(c.total).__name__ for c in cells]


def test_wrong_store_mid_loop():
    cells = [Cell(i) for i in range(5)]
    r = catch(poison, cells, 3)
    return r, [repr(c) for c in cells]


def test_promoting_store_in_loop():
    ps = cloud(3)
    return set_all(ps, 2), [type(p.m).__name__ for p in ps], catch(set_all, ps, 10**400)


def test_records_in_list_identity_and_aliasing():
    p = P(0.0, 0.0)
    ps = [p, p, P(1.0, 1.0)]
    step(ps, 0.01, 3)
    return ps[0] is ps[1], repr(ps[0]), repr(ps[2])


def test_list_with_foreign_element():
    ps = cloud(2) + [Cell(1)]
    return catch(kinetic, ps), catch(step, ps, 0.01, 1)


def test_loop_inside_interpreted_generator_reads():
    ps = cloud(5)
    step(ps, 0.02, 10)
    return sum(p.x for p in ps), max(p.vx for p in ps), sorted(round(p.y, 6) for p in ps)
