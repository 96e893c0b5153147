"""`for a, b in zip(xs, ys)` and `for i, x in enumerate(xs)` over lists, as ordinary numeric code
writes them: dot products, weighted sums, rows of a matrix against weights. The typed index loop
must stop where zip stops, see lists that the body grows or shrinks, and resume exactly in
generic code when an item is not what the annotation said (items appended mid-loop)."""
import builtins
from spyc import checked


@checked
def dot(xs: list[float], ys: list[float]) -> float:
    t = 0.0
    for a, b in zip(xs, ys):
        t += a * b
    return t


@checked
def weighted(xs: list[int]) -> int:
    t = 0
    for i, x in enumerate(xs):
        t += i * x
    return t


@checked
def first_over(xs: list[float], limit: float) -> int:
    for i, x in enumerate(xs):
        if x > limit:
            break
    else:
        return -1
    return i


@checked
def rows(m: list[list[float]], w: list[float]) -> list[float]:
    out = []
    for row in m:
        s = 0.0
        for r, q in zip(row, w):
            s += r * q
        out.append(s)
    return out


@checked
def grow(xs: list[float], ys: list[float]) -> float:
    t = 0.0
    for a, b in zip(xs, ys):
        t += a - b
        if len(xs) < 8:
            xs.append(a + 1.0)
            ys.append(b * 2.0)
    return t


@checked
def grow_odd(xs: list[int], n: int) -> int:
    t = 0
    for i, x in enumerate(xs):
        t += x * i
        if i < n:
            xs.append("x" if i == 2 else i)   # a str mid-loop: the item guard resumes generically
    return t


@checked
def shrink(xs: list[int], ys: list[int]) -> int:
    t = 0
    for a, b in zip(xs, ys):
        t += a * b
        if ys:
            ys.pop()
    return t


@checked
def three(xs: list[int], ys: list[int], zs: list[int]) -> int:
    t = 0
    for a, b, c in zip(xs, ys, zs):
        t += a * b - c
    return t


@checked
def overflow(xs: list[int], ys: list[int]) -> int:
    t = 0
    for i, (a) in enumerate(xs):
        t += a * ys[i]
    return t


@checked
def shadowed(xs: list[int]) -> int:
    t = 0
    for a, b in zip(xs, xs):
        t += a + b
    return t


def test_dot():
    return dot([1.0, 2.0, 3.5], [4.0, 5.0, 6.0]), dot([1.0, 2.0], [3.0]), dot([], [1.0])


def test_weighted():
    return weighted([3, 4, 5]), weighted([1, 2**62, 3]), weighted([7, 2**70, 1])


def test_first_over():
    return first_over([1.0, 2.0, 9.0, 1.0], 5.0), first_over([1.0], 5.0), first_over([], 1.0)


def test_rows():
    return rows([[1.0, 2.0], [3.0, 4.0, 5.0], []], [0.5, 0.25])


def test_grow():
    xs, ys = [1.0, 2.0], [0.5, 0.25, 3.0]
    return grow(xs, ys), xs, ys


def test_grow_odd():
    xs = [1, 2, 3]
    try:
        return grow_odd(xs, 4), xs
    except TypeError as e:
        return "TypeError", str(e), xs


def test_grow_ints():
    xs = [1, 2, 3]
    return grow_odd(xs, 2), xs


def test_shrink():
    return shrink([1, 2, 3, 4], [5, 6, 7, 8])


def test_three():
    return three([1, 2, 3], [4, 5, 6, 7], [1, 1])


def test_overflow():
    return overflow([2**40, 3], [2**40, 5])


def test_shadowed():
    # a module global named zip shadows the builtin from the next call on
    globals()["zip"] = lambda *a: [(1, 2), (3, 4)]
    try:
        return shadowed([10, 20, 30])
    finally:
        del globals()["zip"]


def test_shadowed_builtin():
    saved = builtins.enumerate
    builtins.enumerate = lambda xs: [(5, x) for x in xs]
    try:
        return weighted([1, 2, 3])
    finally:
        builtins.enumerate = saved


def test_contract():
    return dot([1.0, "a"], [1.0, 2.0])
