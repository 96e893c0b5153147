"""`a, b = x, y` in generic code: no tuple is built, so the order of evaluations and stores, swaps
through every kind of target, length mismatches and failures between two stores must all be
CPython's own."""
from spyc import checked

log: list = []


def note(tag: str, v: object) -> object:
    log.append(tag)
    return v


class Box:
    def __init__(self) -> None:
        self.x = 1
        self.y = "two"


class Loud:
    """Every store is logged; storing 'bad' raises between two targets."""

    def __setattr__(self, name: str, v: object) -> None:
        log.append(f"set {name}={v!r}")
        if v == "bad":
            raise ValueError(f"refused {name}")
        object.__setattr__(self, name, v)


@checked
def swap_locals(a: object, b: object) -> tuple:
    a, b = b, a
    c, a, b = a, b, a
    return a, b, c


@checked
def swap_list_items(xs: list) -> list:
    xs[0], xs[-1] = xs[-1], xs[0]
    [xs[1], xs[2]] = [xs[2], xs[1]]
    return xs


@checked
def swap_attrs(o: Box) -> tuple:
    o.x, o.y = o.y, o.x
    return o.x, o.y


@checked
def order_of_effects() -> list:
    log.clear()
    d: dict = {}
    d[note("k1", "a")], d[note("k2", "b")] = note("v1", 1), note("v2", 2)
    log.append(sorted(d.items()))
    return list(log)


@checked
def store_fails_midway() -> tuple:
    log.clear()
    o = Loud()
    try:
        o.p, o.q, o.r = "fine", "bad", "never"
    except ValueError as e:
        return str(e), list(log), hasattr(o, "p"), hasattr(o, "r")
    return "no error", list(log)


@checked
def value_fails_midway() -> tuple:
    log.clear()
    a = 0
    b = 0
    try:
        a, b = note("first", 1), 1 // a
    except ZeroDivisionError as e:
        return str(e), list(log), a, b
    return "no error", a, b


@checked
def too_many() -> tuple:
    log.clear()
    try:
        a, b = note("x", 1), note("y", 2), note("z", 3)
    except ValueError as e:
        return str(e), list(log)
    return "no error", a, b


@checked
def too_few() -> tuple:
    try:
        a, b, c = [1, 2]
    except ValueError as e:
        return (str(e),)
    return "no error", a, b, c


@checked
def nested_and_star(n: int) -> tuple:
    (a, b), c = (n, n + 1), n + 2
    d, *e = n, n + 1, n + 2
    f, g = [*range(2)]
    return a, b, c, d, e, f, g


@checked
def chained_targets(n: int) -> tuple:
    a, b = c = n, n * 2
    return a, b, c


@checked
def unbound_read() -> str:
    try:
        a, b = 1, b  # noqa: F821 -- b is a local read before assignment
    except UnboundLocalError as e:
        return str(e)
    return "no error"


def fib_pairs(n: int) -> list:
    """Plain (compiled by --all): the swap idiom in a loop, values beyond int64."""
    a, b = 0, 1
    out = []
    for _ in range(n):
        a, b = b, a + b
        out.append(a)
    return out[-3:]


def test_swap_locals():
    return swap_locals(1, "s"), swap_locals([1], None)


def test_swap_list_items():
    return swap_list_items([1, 2, 3, 4])


def test_swap_attrs():
    return swap_attrs(Box())


def test_order_of_effects():
    return order_of_effects()


def test_store_fails_midway():
    return store_fails_midway()


def test_value_fails_midway():
    return value_fails_midway()


def test_too_many():
    return too_many()


def test_too_few():
    return too_few()


def test_nested_and_star():
    return nested_and_star(5)


def test_chained_targets():
    return chained_targets(7)


def test_unbound_read():
    return unbound_read()


def test_fib_pairs():
    return fib_pairs(100)
