"""Fixed-size tuple parameters of one number type (`tuple[float, float]`, `tuple[int, int, int]`):
read like `tuple[float, ...]` -- every item read is guarded in range and of the exact type, so
an int item where the contract accepts it for float, a big int, or an index past the end runs
the generic code (the contract's own errors for a wrong length or type come first)."""
from spyc import checked


@checked
def dist2(a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2


@checked
def halves(a: tuple[float, float]) -> float:
    return a[0] // 2 + a[1] % 2


@checked
def volume(box: tuple[int, int, int]) -> int:
    return box[0] * box[1] * box[2]


@checked
def last(box: tuple[int, int, int], k: int) -> int:
    return box[-1] + box[k]


@checked
def total(t: tuple[float, float, float]) -> float:
    s = 0.0
    for x in t:
        s += x
    return s + len(t)


@checked
def nearest(points: list[tuple[float, float]], q: tuple[float, float]) -> int:
    best = 0
    best_d = dist2(points[0], q)
    for k in range(1, len(points)):
        d = dist2(points[k], q)
        if d < best_d:
            best, best_d = k, d
    return best


def _try(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:  # noqa: BLE001 - the type and message are what is compared
        return f"{type(e).__name__}: {e}"


def test_dist2():
    return [dist2((1.0, 2.0), (4.0, 6.0)), dist2((1e200, 0.0), (-1e200, 0.0)), repr(dist2((float("nan"), 0.0), (0.0, 0.0)))]


def test_dist2_int_items():
    return [dist2((1, 2.0), (4.0, 6)), dist2((2**80, 0.0), (0.0, 0.0))]


def test_dist2_contract():
    return [_try(dist2, (1.0,), (1.0, 2.0)), _try(dist2, [1.0, 2.0], (1.0, 2.0)), _try(dist2, (True, 1.0), (1.0, 2.0)),
            _try(dist2, (1.0, 2.0, 3.0), (1.0, 2.0)), _try(dist2, (1.0, "x"), (1.0, 2.0))]


def test_halves():
    return [halves((7.0, 5.5)), halves((7, 5)), _try(halves, (1.0, 0.0))]


def test_volume():
    return [volume((2, 3, 4)), volume((2**40, 2**40, 2**40)), volume((-1, 0, 5))]


def test_last():
    return [last((1, 2, 3), k) for k in (0, 1, 2, -3)] + [_try(last, (1, 2, 3), 3), _try(last, (1, 2, 3), -4)]


def test_total():
    return [total((1.0, 2.5, -0.5)), total((1, 2, 3)), repr(total((float("inf"), float("-inf"), 0.0)))]


def test_nearest():
    pts = [(0.0, 0.0), (5.0, 5.0), (1.0, 1.5), (-3.0, 2.0)]
    return [nearest(pts, q) for q in ((0.9, 1.4), (4.0, 4.0), (-2.0, 2.0), (100.0, -100.0))]


def test_nearest_mixed():
    return nearest([(0, 0), (5.0, 5.0)], (4.0, 4))
