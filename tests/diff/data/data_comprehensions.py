"""Comprehensions compiled inline as loops (issue 9 item 2): list/set/dict comprehensions with
nested `for`/`if` clauses and tuple targets, the comprehension's own scope (a variable with the
name of a local leaves the local unchanged, outer locals are read inside), evaluation order
(first iterable in the enclosing scope before anything else, dict keys before values),
exceptions raised at item k after side effects, comprehensions in `@checked` functions with
int/float parameters (islands of generic code in specialized bodies) and in plain functions
(compiled with `--all`)."""
from spyc import checked

LOG = []


def note(x):
    LOG.append(x)
    return x


class Noisy:
    def __init__(self, items, tag):
        self.items = items
        self.tag = tag

    def __iter__(self):
        LOG.append(("iter", self.tag))
        return iter(self.items)


def plain_squares(xs):
    return [x * x for x in xs]


def plain_filters(xs):
    return [x for x in xs if x % 2 if x > 2], [x for x in xs if not x % 3]


def plain_nested(xs, ys):
    return [(x, y) for x in xs for y in ys if x != y]


def plain_nested_dep(rows):
    return [v for row in rows for v in row if v], [[v * 2 for v in row] for row in rows]


def plain_tuple_targets(xs, ys):
    return [i * a + b for i, (a, b) in enumerate(zip(xs, ys))]


def plain_star_target(rows):
    return [(h, t) for h, *t in rows]


def plain_sets(xs):
    s = {x % 4 for x in xs}
    return sorted(s), type(s).__name__


def plain_dicts(xs):
    d = {x: x * x for x in xs if x}
    return d, {k: v for k, v in d.items() if v > 3}


def plain_shadow(xs):
    x = "outer"
    i = 42
    r = [x + 1 for x in xs]
    s = {i: x for i in range(2)}
    return x, i, r, s


def plain_reads_locals(xs, k):
    m = k * 2
    return [x * m + k for x in xs]


def plain_first_iter_outer(x):
    # the first iterable is evaluated in the enclosing scope: `x` is the parameter
    return [x for x in x]


def plain_order():
    del LOG[:]
    r = [note(("elt", a, b)) for a in Noisy([1, 2], "A") if note(("if", a)) for b in Noisy([3], "B")]
    d = {note(("k", a)): note(("v", a)) for a in Noisy([1, 2], "D")}
    return r, d, list(LOG)


def plain_raise_at(xs, k):
    del LOG[:]
    try:
        return [note(10 // (x - k)) for x in xs]
    except ZeroDivisionError as e:
        return "ZeroDivisionError", str(e), list(LOG)


def plain_raise_out(xs):
    return {x: 1 / x for x in xs}


def plain_unhashable(xs):
    return {x for x in xs}


def plain_empty():
    return [x for x in []], {x for x in ()}, {k: k for k in ""}


def plain_in_loop(n):
    out = []
    for i in range(n):
        out.append([j for j in range(i)])
    return out, i


def plain_globals_inside(xs):
    return [LOG_LEN + x for x in xs]


LOG_LEN = 100


def plain_sub_target(xs):
    d = {}
    r = [d[x] for x in xs for d[x] in [x * 3]]
    return r, d


@checked
def checked_int(n: int, k: int) -> int:
    total = 0
    for i in range(n):
        total += i
    vals = [i * k for i in range(n) if i % 2]
    return total + sum(vals) + len({j % 3 for j in range(n)})


@checked
def checked_float(x: float, n: int) -> float:
    acc = 0.0
    xs = [x * i for i in range(n)]
    d = {i: x / (i + 1) for i in range(n)}
    for v in xs:
        acc += v
    for v in d.values():
        acc += v
    return acc


@checked
def checked_shadow(n: int) -> int:
    i = 7
    r = [i for i in range(n)]
    return i * 1000 + len(r)


@checked
def checked_raise(n: int, k: int) -> int:
    r = [10 // (i - k) for i in range(n)]
    return len(r)


def test_squares():
    return plain_squares([1, 2, 3]), plain_squares(range(5)), plain_squares("")


def test_filters():
    return plain_filters(range(12))


def test_nested():
    return plain_nested([1, 2, 3], [2, 3]), plain_nested_dep([[1, 0, 2], [], [3]])


def test_tuple_targets():
    return plain_tuple_targets([1, 2, 3], [10, 20, 30])


def test_tuple_target_error():
    return plain_tuple_targets([1], [(1, 2)])


def test_unpack_error():
    return [(a, b) for a, b in [(1, 2), (3,)]] if False else plain_star_target([(1,), ()])


def test_star_target():
    return plain_star_target([(1, 2, 3), "ab", [4]])


def test_sets():
    return plain_sets(range(10))


def test_dicts():
    return plain_dicts([0, 1, 2, 3, 1])


def test_shadow():
    return plain_shadow([1, 2])


def test_reads_locals():
    return plain_reads_locals([1, 2, 3], 5)


def test_first_iter_outer():
    return plain_first_iter_outer([4, 5])


def test_order():
    return plain_order()


def test_raise_at():
    return plain_raise_at([1, 2, 3, 4], 3), plain_raise_at([1, 2], 5)


def test_raise_out():
    return plain_raise_out([2, 1, 0])


def test_unhashable():
    return plain_unhashable([1, [2]])


def test_not_iterable():
    return plain_squares(5)


def test_empty():
    return plain_empty()


def test_in_loop():
    return plain_in_loop(4)


def test_globals_inside():
    return plain_globals_inside([1, 2])


def test_sub_target():
    return plain_sub_target([1, 2])


def test_checked_int():
    return checked_int(10, 3), checked_int(0, 1)


def test_checked_float():
    return checked_float(1.5, 4)


def test_checked_shadow():
    return checked_shadow(5)


def test_checked_raise():
    return checked_raise(5, 9), checked_raise(5, 2)
