"""Static dispatch: `o.m(args)` on a local known to hold a @frozen/@record instance calls m's compiled
entry directly (call_direct method sites, guarded by the receiver's exact type and version tag).
Hostile cases: the method replaced on the class mid-run from interpreted code (type.__setattr__:
the classes' own __setattr__ refuses), then deleted, then restored; an instance of another class
with a method of the same name in a list[C]; a method whose int result leaves int64 (boxed return);
a method raising; a recursive method; a name defined twice in the class body; int arguments for
float parameters; a receiver bound only on some paths."""
from spyc import checked, frozen, record


@frozen
class Vec:
    x: float
    y: float

    @checked
    def dot(self, ox: float, oy: float) -> float:
        return self.x * ox + self.y * oy

    @checked
    def norm2(self) -> float:
        return self.dot(self.x, self.y)

    @checked
    def scaled_sum(self, k: int) -> int:
        return int(self.x) * k + int(self.y) * k

    @checked
    def ratio(self, d: float) -> float:
        return self.x / d

    @checked
    def twice(self) -> int:
        return 1

    @checked
    def twice(self) -> int:  # noqa: F811 -- the last def is the method
        return 2


@frozen
class Other:
    x: float
    y: float

    @checked
    def dot(self, ox: float, oy: float) -> float:
        return -1.0


@record
class Rng:
    state: int

    @checked
    def rand(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.state >> 33

    @checked
    def roll(self, n: int) -> int:
        s = 0
        for _ in range(n):
            s += self.rand() % 6
        return s

    @checked
    def fact(self, n: int) -> int:
        if n <= 1:
            return 1
        return n * self.fact(n - 1)


@checked
def norms(vs: list[Vec]) -> float:
    s = 0.0
    for v in vs:
        s += v.norm2() + v.dot(1, 2)
    return s


@checked
def one(v: Vec, k: int) -> int:
    return v.scaled_sum(k) + v.twice()


@checked
def safe_ratio(v: Vec, d: float) -> float:
    r = v.ratio(d)
    return r


@checked
def maybe(vs: list[Vec], flag: bool) -> float:
    if flag:
        w = vs[0]
    return w.dot(1.0, 1.0)


def test_basic():
    vs = [Vec(1.0, 2.0), Vec(3.0, -4.0), Vec(0.5, 0.25)]
    return norms(vs), one(Vec(3.0, 4.0), 5), one(Vec(-7.5, 2.0), -3), safe_ratio(Vec(1.0, 0.0), 4)


def test_rng():
    r = Rng(12345)
    return r.roll(1000), r.state, r.fact(20)


def test_big_result():
    # int(x) * k beyond int64: the callee's result comes back boxed
    return one(Vec(3e18, 4e18), 3), one(Vec(1e300, 0.0), 2)


def test_raises():
    try:
        safe_ratio(Vec(1.0, 2.0), 0.0)
    except ZeroDivisionError as e:
        return repr(e)


def test_overflow_recursion():
    r = Rng(1)
    return r.fact(25), r.fact(0)


def test_impostor():
    vs = [Vec(1.0, 1.0), Other(2.0, 2.0), Vec(3.0, 0.0)]
    try:
        return norms(vs)
    except Exception as e:  # Other has no norm2: AttributeError from the generic call
        return type(e).__name__, str(e)


def test_unbound():
    out = [maybe([Vec(1.0, 2.0)], True)]
    try:
        maybe([Vec(1.0, 2.0)], False)
    except UnboundLocalError as e:
        out.append(str(e))
    return out


def test_replaced_method():
    vs = [Vec(1.0, 2.0), Vec(3.0, 4.0)]
    out = [norms(vs)]
    orig = Vec.__dict__["dot"]
    type.__setattr__(Vec, "dot", lambda self, ox, oy: 100.0 + ox)
    out.append(norms(vs))
    type.__setattr__(Vec, "dot", lambda self, ox, oy: "not a float")
    try:
        out.append(norms(vs))
    except TypeError as e:
        out.append(("TypeError", str(e)))
    type.__delattr__(Vec, "dot")
    try:
        out.append(norms(vs))
    except AttributeError as e:
        out.append(("AttributeError", str(e)))
    type.__setattr__(Vec, "dot", orig)
    out.append(norms(vs))
    return out


def test_replaced_record_method():
    r = Rng(7)
    out = [r.roll(10)]
    orig = Rng.__dict__["rand"]
    type.__setattr__(Rng, "rand", lambda self: 5)
    out.append(r.roll(10))
    type.__setattr__(Rng, "rand", lambda self: 2**70)
    out.append(r.roll(3))
    type.__setattr__(Rng, "rand", orig)
    out.append((r.roll(10), r.state))
    return out
