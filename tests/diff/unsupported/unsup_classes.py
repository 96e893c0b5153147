"""Classes with inheritance, dunder methods, class bodies, decorators, global/nonlocal mixes,
and exec/eval: all of this runs as ordinary bytecode inside the extension."""
import functools
from spyc import checked


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*a, **k):
        print("call", fn.__name__, a)
        return fn(*a, **k)
    return wrapper


class Shape:
    sides = 0

    def __init__(self, name):
        self.name = name

    def describe(self):
        return "%s with %d sides" % (self.name, self.sides)

    def __eq__(self, other):
        return isinstance(other, Shape) and self.name == other.name

    def __hash__(self):
        return hash(self.name)

    def __lt__(self, other):
        return self.sides < other.sides


class Square(Shape):
    sides = 4

    def describe(self):
        return "square: " + super().describe()


class Vector:
    def __init__(self, *c):
        self.c = c

    def __add__(self, o):
        return Vector(*[a + b for a, b in zip(self.c, o.c)])

    def __mul__(self, k):
        return Vector(*[a * k for a in self.c])

    __rmul__ = __mul__

    def __len__(self):
        return len(self.c)

    def __getitem__(self, i):
        return self.c[i]

    def __repr__(self):
        return "Vector%r" % (self.c,)

    def __bool__(self):
        return any(self.c)


@trace
def traced_add(a, b):
    return a + b


@checked
def vector_math(a: Vector, b: Vector) -> list:
    s = a + b
    m = 2 * s
    out = [repr(s), repr(m), len(m), m[0], m[-1], bool(Vector(0, 0)), bool(m)]
    for comp in m:
        out.append(comp)
    return out


@checked
def uses_eval(expr: str) -> object:
    return eval(expr, {"x": 10})


@checked
def uses_exec(src: str) -> dict:
    ns = {}
    exec(src, ns)
    return {k: v for k, v in ns.items() if not k.startswith("__")}


@checked
def sort_shapes(shapes: list) -> list:
    return [s.describe() for s in sorted(shapes)]


def test_inheritance_super():
    return Square("sq").describe(), Shape("blob").describe()


def test_dunders():
    return vector_math(Vector(1, 2), Vector(3, 4))


def test_decorated_interpreted():
    return traced_add(2, 3)


def test_eval_exec():
    return uses_eval("x * 2 + 1"), uses_exec("a = 1\nb = a + 1\n")


def test_eval_error():
    return uses_eval("1 +")


def test_sorting_with_lt():
    return sort_shapes([Square("a"), Shape("b")])


def test_eq_hash_custom():
    return Shape("a") == Square("a"), len({Shape("a"), Square("a"), Shape("b")})


def test_isinstance_checks():
    return isinstance(Square("s"), Shape), issubclass(Square, Shape), Square.__mro__[1].__name__
