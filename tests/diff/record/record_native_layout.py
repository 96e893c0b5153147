"""@record float fields held as native doubles in compiled modules (objects.c, native layout):
every way a float field is written and read must match the interpreted class with its object
slots -- construction (positional, keyword, defaults, int promotion), stores from compiled and
interpreted code (right, promoted, rejected with the catalogue text, overflowing), special values
(-0.0, inf, nan), copy/deepcopy/pickle, ==, repr, match, weakrefs, cycles through object fields,
a decorator stacked on @record that builds an instance at once, a record with a user __init__
(which keeps object slots), class statements inside functions and under `if`, and the generic
attribute paths (getattr/setattr by name, the member descriptor read through the class)."""
import copy
import gc
import math
import pickle
import weakref

from spyc import checked, record

REGISTRY = []


@record
class P:
    x: float
    y: float
    n: int = 0
    w: float = 1.5
    tag: str = "p"
    other: object = None


def register(cls):
    # runs after @record: an instance made right away sees the class as compiled code will
    REGISTRY.append(cls(1, 2.5))
    return cls


@register
@record
class Q:
    a: float
    b: float


@record
class WithInit:
    x: float
    y: float

    def __init__(self, x: float, scale: float) -> None:
        self.x = x
        self.y = x * scale


@record
class Partial:
    x: float
    y: float

    def __init__(self, x: float) -> None:
        self.x = x  # y never set: the catalogue error


if True:
    @record
    class Under:
        v: float


def catch(fn, *args, **kw):
    try:
        r = fn(*args, **kw)
        return ("ok", repr(r), type(r).__name__)
    except Exception as e:
        return (type(e).__module__, type(e).__qualname__, str(e))


@checked
def nudge(ps: list[P], dx: float, steps: int) -> float:
    total = 0.0
    for _ in range(steps):
        for p in ps:
            p.x += dx * p.w
            p.y -= dx
            total += p.x * p.y
    return total


@checked
def norm(p: P) -> float:
    return math.sqrt(p.x * p.x + p.y * p.y)


@checked
def set_y(p: P, v: float) -> None:
    p.y = v


def test_construct_and_read():
    ps = [P(1.0, 2.0), P(3, 4), P(x=-0.0, y=5.5, w=2), P(0.1, 0.2, 7, 0.25, "t", [1])]
    return [repr(p) for p in ps], [(type(p.x).__name__, type(p.w).__name__) for p in ps], \
        [math.copysign(1.0, p.x) for p in ps]


def test_construct_errors():
    return [catch(P, "a", 1.0), catch(P, 1.0, True), catch(P, 1.0, 2.0, w=10 ** 400),
            catch(P, 1.0), catch(P, 1.0, 2.0, nope=1), catch(P, 1.0, 2.0, 3, 4, 5, 6, 7)]


def test_compiled_loop():
    ps = [P(float(i), 1.0 - i) for i in range(4)]
    t = nudge(ps, 0.5, 3)
    return t, [repr(p) for p in ps]


def test_special_values():
    p = P(float("inf"), float("-inf"))
    out = [norm(p), repr(p)]
    set_y(p, float("nan"))
    out.append(repr(p))
    out.append(math.isnan(norm(p)))
    set_y(p, -0.0)
    out.append(math.copysign(1.0, p.y))
    return out


def test_stores_from_python():
    p = P(1.0, 2.0)
    out = [catch(setattr, p, "x", 7), p.x, type(p.x).__name__]
    out += [catch(setattr, p, "x", "s"), catch(setattr, p, "x", True), catch(setattr, p, "x", 10 ** 400)]
    out += [catch(setattr, p, "y", 2 ** 53 + 1), p.y, catch(delattr, p, "x"), catch(setattr, p, "z", 1.0)]
    out += [catch(set_y, p, 3), p.y, catch(set_y, p, "no")]
    return out, repr(p)


def test_generic_attribute_paths():
    p = P(1.25, 2.5)
    d = type(p).__dict__["x"]
    out = [getattr(p, "x"), d.__get__(p, P), type(d).__name__, P.__slots__, P.__match_args__]
    for name in ("x", "y", "w"):
        setattr(p, name, getattr(p, name) * 2)
    out.append(repr(p))
    out.append(sorted(n for n in dir(p) if not n.startswith("_")))
    return out


def test_copy_pickle_eq():
    p = P(1.5, -2.5, 3, 0.125, "q", {"k": [1.0]})
    c, dc = copy.copy(p), copy.deepcopy(p)
    r = pickle.loads(pickle.dumps(p))
    c.x = 9.0
    return [repr(c), repr(dc), repr(r), p == dc, p == r, p == c, dc.other is p.other, c.other is p.other]


def test_match_and_weakref():
    p = P(3.0, 4.0)
    match p:
        case P(x, y, n=0):
            m = (x, y)
        case _:
            m = None
    ref = weakref.ref(p)
    alive = ref() is p
    del p
    gc.collect()
    return m, alive, ref() is None


def test_cycles_collected():
    p = P(1.0, 2.0)
    p.other = p
    ref = weakref.ref(p)
    del p
    gc.collect()
    return ref() is None, repr(P(1.0, 2.0, other=[P(0.5, 0.5)]))


def test_stacked_decorator():
    q = REGISTRY[0]
    q.a += 1
    return repr(q), type(q.a).__name__, repr(Q(3, 4.5))


def test_user_init_keeps_contract():
    w = WithInit(2, 1.5)
    return repr(w), type(w.x).__name__, catch(Partial, 1.0), catch(WithInit, "x", 1.0)


def test_class_in_function_and_under_if():
    @record
    class Local:
        v: float

    a = Local(2)
    a.v += 0.5
    u = Under(1)
    u.v *= 3
    return repr(a), repr(u), catch(setattr, u, "v", "s")


def test_many_instances_reused_memory():
    # freed records' memory is reused by new ones: a stale double must never show through
    out = []
    for i in range(50):
        ps = [P(i, -i, w=0.5) for _ in range(20)]
        nudge(ps, 1.0, 1)
        out.append(repr(ps[-1]))
        del ps
    return out[::10]


@record
class Twin:
    x: float
    y: float
    n: int = 0
    w: float = 1.5
    tag: str = "p"
    other: object = None


def test_class_assignment_between_native_layouts():
    # allowed where CPython allows it (3.13; 3.11/3.12 refuse: the __weakref__ slot), and then
    # compiled reads of the same doubles go on through the other class
    p = P(1.0, 2.0)
    try:
        object.__setattr__(p, "__class__", Twin)
        r = "assigned"
    except TypeError as e:
        r = str(e)
    return r, type(p).__name__, repr(p), catch(norm, p)
