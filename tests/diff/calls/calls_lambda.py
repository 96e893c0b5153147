"""Lambdas inside compiled functions (--all): made from CPython's own code object for the lambda
(bind/lambda.ts, spz_make_lambda), defaults evaluated by the compiled function. Closures keep the
function interpreted; hostile cases: defaults (positional, keyword-only, evaluated once per
creation, raising), lambdas in class bodies and methods, exceptions raised inside a lambda,
__name__/__qualname__/__module__/__defaults__, several lambdas on one line, nested lambdas."""
import traceback


class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return f"P({self.x}, {self.y})"

    # a lambda in a class body: the body runs interpreted, the methods are compiled
    norm = lambda self: abs(self.x) + abs(self.y)

    def keyed(self, ps):
        return sorted(ps, key=lambda p: (p.x - self_x_default(), p.y))

    def with_default(self, ps):
        return [f(p) for p, f in zip(ps, [lambda q, s=self: q.x + s.x] * len(ps))]

    def names(self):
        f = lambda: 0
        return f.__name__, f.__qualname__, f.__module__ == __name__


def self_x_default():
    return 1


POINTS = [P(3, 1), P(-1, 4), P(2, 2), P(0, -5)]


def sort_key():
    return sorted(POINTS, key=lambda p: p.x), min(POINTS, key=lambda p: p.y), max(POINTS, key=lambda p: p.x * p.y)


def sort_reverse_key():
    return sorted(POINTS, key=lambda p: (p.y, p.x), reverse=True)


def qualnames():
    f = lambda: 1
    g = lambda a, b=2, *c, d, e=5, **k: (a, b, c, d, e, k)
    return (f.__name__, f.__qualname__, g.__qualname__, g.__defaults__, g.__kwdefaults__,
            g(1, d=4), g(1, 2, 3, d=4, z=0), f.__code__.co_firstlineno - qualnames.__code__.co_firstlineno)


COUNTER = [0]


def bump():
    COUNTER[0] += 1
    return COUNTER[0]


def defaults_evaluated_per_creation():
    out = []
    for i in range(3):
        f = lambda x=bump(), *, y=bump(): (x, y)
        out.append(f())
    return out


def raising_default():
    try:
        return lambda x=1 // 0: x
    except ZeroDivisionError as e:
        return ("caught", str(e))


def raising_inside():
    f = lambda p: p.z
    try:
        f(POINTS[0])
    except AttributeError as e:
        tb = traceback.extract_tb(e.__traceback__)
        return str(e), [fr.name for fr in tb], [fr.line for fr in tb]


def raises_out():
    return list(map(lambda v: 10 // v, [5, 2, 0]))


def two_on_a_line():
    a, b = lambda: "a", lambda: "b"
    d = {"inc": lambda v: v + 1, "dbl": lambda v: v * 2}
    return a(), b(), d["inc"](3), d["dbl"](3), [x.__qualname__ for x in (a, b)]


def nested():
    f = lambda x: (lambda y: x + y)
    return f(1)(2), f(10).__qualname__


def default_of_default():
    f = lambda g=lambda: 7: g()
    return f(), f(lambda: 8)


def global_reads():
    f = lambda: K * 2
    return f()


K = 21


def lambda_generator():
    g = lambda: (yield 1)
    return list(g())


def closure_stays_interpreted():
    k = 3
    return list(map(lambda v: v * k, [1, 2, 3]))


def shadowing_param():
    p = 100
    return sorted(POINTS, key=lambda p: -p.x)[0], p


def in_loop_and_try():
    out = []
    for i in range(3):
        try:
            out.append((lambda v: 1 // (v - 1))(i))
        except ZeroDivisionError:
            out.append("zde")
        finally:
            out.append((lambda: "fin")())
            out.append((lambda w=i: w)())
    return out


def lambda_identity():
    fs = None
    a = lambda: 0
    b = lambda: 0
    return a is not b, a.__code__ is b.__code__, fs


def test_sort_key():
    return sort_key()


def test_sort_reverse():
    return sort_reverse_key()


def test_qualnames():
    return qualnames()


def test_defaults_per_creation():
    COUNTER[0] = 0
    return defaults_evaluated_per_creation()


def test_raising_default():
    return raising_default()


def test_raising_inside():
    return raising_inside()


def test_raises_out():
    return raises_out()


def test_two_on_a_line():
    return two_on_a_line()


def test_nested():
    return nested()


def test_default_of_default():
    return default_of_default()


def test_global_reads():
    return global_reads()


def test_generator():
    return lambda_generator()


def test_closure():
    return closure_stays_interpreted()


def test_shadowing_param():
    return shadowing_param()


def test_in_loop_and_try():
    return in_loop_and_try()


def test_identity():
    return lambda_identity()


def test_methods():
    p = P(1, 1)
    return p.keyed(POINTS), p.with_default(POINTS), p.names(), p.norm(), P.norm.__qualname__
