"""@frozen instances made, copied, pickled and rejected from compiled code, in loops (issue 13:
the leak check, tests/unit/leaks.test.ts, runs these repeatedly in one process; here the values
and errors are compared with CPython)."""
import copy
import pickle
from spyc import checked, frozen, i64


@frozen
class Vec:
    x: float
    y: float
    tag: str = "v"

    @checked
    def scaled(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k, self.tag)


@frozen
class Pair:
    a: Vec
    b: Vec
    n: i64 = 0

    @checked
    def swapped(self) -> "Pair":
        return Pair(self.b, self.a, self.n + 1)


@checked
def make_pair(x: float, n: int) -> Pair:
    return Pair(Vec(x, -x), Vec(x + 1.0, x - 1.0, "w"), n)


@checked
def build_many(n: int) -> int:
    total = 0
    for i in range(n):
        p = make_pair(float(i), i)
        q = p.swapped()
        total += q.n + len(q.a.tag)
    return total


@checked
def bad_pair(x: float) -> object:
    try:
        return Pair(Vec(x, x), "not a vec")
    except TypeError as e:
        return str(e)


def test_construct():
    ps = [make_pair(float(i), i) for i in range(30)]
    return len(ps), repr(ps[-1]), build_many(40)


def test_methods():
    p = make_pair(2.5, 7)
    return repr(p.swapped()), repr(p.a.scaled(2.0)), p.swapped().swapped() == p


def test_copy():
    p = make_pair(1.5, 3)
    out = []
    for _ in range(10):
        c = copy.copy(p)
        d = copy.deepcopy(p)
        out.append((c == p, d == p, hash(d) == hash(p)))
    return out[-1], len(out)


def test_pickle():
    p = make_pair(-0.5, 11)
    res = []
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(p, proto))
        res.append((proto, q == p, repr(q)))
    return res


def test_rejected():
    return [bad_pair(float(i)) for i in range(3)]


def test_frozen_error():
    p = make_pair(1.0, 1)
    try:
        p.n = 5
    except Exception as e:
        return type(e).__name__, str(e)
    return "no error"


def _make_class():
    @frozen
    class Tmp:
        a: int
        tag: str = "t"
    return Tmp


@checked
def construct(cls: object, v: int) -> object:
    return cls(v)


def test_discarded_class_is_freed():
    # issue 13 (leak check): the C construction plan of a class lived in a capsule that owned the
    # generated constructor (whose closure holds the class): an uncollectable cycle, so every
    # frozen class constructed from compiled code and then discarded leaked
    import gc
    import weakref
    cls = _make_class()
    objs = [construct(cls, i) for i in range(3)]
    ref = weakref.ref(cls)
    del cls, objs
    gc.collect()
    return ref() is None, construct(_make_class(), 5).a
