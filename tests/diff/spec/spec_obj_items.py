"""`xs[i].f` on a list[C] parameter inside specialized code: the item (bounds guarded) read into a
temporary, then the field unboxed. Negative and computed indices, an index out of range (the
generic code raises IndexError), an item of another type or a lookalike with the same field
names, record items with native float fields, a list mutated between calls, an empty list."""
from spyc import checked, frozen, record


@frozen
class Point:
    x: float
    y: float


@record
class Body:
    x: float
    m: float
    n: int = 0


@checked
def area(poly: list[Point]) -> float:
    s = 0.0
    n = len(poly)
    for i in range(n):
        j = (i + 1) % n
        s += poly[i].x * poly[j].y - poly[j].x * poly[i].y
    return abs(s) / 2


@checked
def ends(poly: list[Point]) -> float:
    return poly[-1].x - poly[0].x + poly[len(poly) // 2].y


@checked
def at(poly: list[Point], k: int) -> float:
    return poly[k].x * 2.0 + poly[k].y


@checked
def pull(bodies: list[Body], k: int) -> float:
    total = 0.0
    for j in range(len(bodies)):
        if j != k:
            total += bodies[j].m * (bodies[j].x - bodies[k].x)
            bodies[k].n  # read of an int field (its value unused)
    return total


@checked
def count_heavy(bodies: list[Body], w: float) -> int:
    c = 0
    for i in range(len(bodies)):
        if bodies[i].m > w and bodies[i].n >= 0:
            c += 1
    return c


class Lookalike:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def square(k=1.0):
    return [Point(0.0, 0.0), Point(k, 0.0), Point(k, k), Point(0.0, k)]


def catch(fn, *args):
    try:
        return ("ok", fn(*args))
    except Exception as e:
        return (type(e).__qualname__, str(e))


def test_area():
    tri = [Point(0.0, 0.0), Point(4.0, 0.0), Point(0.0, 3.0)]
    return area(square(2.0)), area(tri), catch(area, []), area([Point(1.0, 1.0)])


def test_indices():
    p = square(3.0)
    return ends(p), at(p, 2), at(p, -4), catch(at, p, 4), catch(at, p, -5), catch(ends, [])


def test_other_items():
    p = square(1.0)
    p[2] = Lookalike(5, 6.5)          # an int x: generic arithmetic decides
    q = square(1.0)
    q[1] = (1.0, 2.0)                 # no attribute x: the generic code raises
    return catch(area, p), catch(at, p, 2), catch(area, q)


def test_records():
    bs = [Body(float(i), 1.0 + i, i) for i in range(5)]
    out = [pull(bs, k) for k in range(5)]
    bs[3].m = 7
    out.append(pull(bs, 3))
    out.append(count_heavy(bs, 2.5))
    bs.append(Body(9.0, 10.0, -1))
    out.append(count_heavy(bs, 2.5))
    out.append(catch(pull, bs, 9))
    return out
