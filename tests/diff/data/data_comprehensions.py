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


# ---- generator expressions passed to builtins ----

def g_sum(xs):
    return sum(x * 2 for x in xs), sum(x for x in xs if x > 1), sum(a * b for a in xs for b in xs)


def g_sum_floats(xs):
    # 3.12+ sums floats with compensation (Neumaier): bit-identical results required
    return sum(x for x in xs), sum(x / 3 for x in xs)


def g_min_max(xs):
    return min(x % 5 for x in xs), max(-x for x in xs), min(len(s) for s in ["abc", "d", "ef"])


class K:
    def __init__(self, k, tag):
        self.k = k
        self.tag = tag

    def __lt__(self, other):
        return self.k < other.k

    def __gt__(self, other):
        return self.k > other.k


def g_min_max_ties(pairs):
    return min(K(a, b) for a, b in pairs).tag, max(K(a, b) for a, b in pairs).tag


def g_min_empty(xs):
    return min(x for x in xs)


def g_max_empty(xs):
    return max(x for x in xs if x > 100)


def g_any_all(xs):
    del LOG[:]
    a = any(note(x) > 2 for x in xs)
    b = all(note(-x) < 0 for x in xs)
    c = any(note(x) > 99 for x in xs)
    d = all(note(x) for x in xs)
    return a, b, c, d, list(LOG)


def g_any_nested(rows):
    del LOG[:]
    return any(note(v) == 3 for row in rows for v in row), all(v for row in rows if note(row) for v in row), list(LOG)


def g_collect(xs):
    return list(x + 1 for x in xs), tuple(x for x in xs if x), sorted(-x for x in xs), sorted(set(x % 3 for x in xs))


def g_tuple_targets(xs, ys):
    return sum(i * a * b for i, (a, b) in enumerate(zip(xs, ys))), max((b, a) for a, b in zip(xs, ys))


def g_shadow(xs):
    x = 1000
    return sum(x for x in xs), x


def g_reads_locals(xs, k):
    m = k + 1
    return sum(x * m for x in xs), any(x == m for x in xs)


def g_raise_at(xs, k):
    del LOG[:]
    try:
        return sum(note(10 // (x - k)) for x in xs)
    except ZeroDivisionError as e:
        return "ZeroDivisionError", str(e), list(LOG)


def g_sum_type_error(xs):
    del LOG[:]
    try:
        return sum(note(x) for x in xs)
    except TypeError as e:
        return "TypeError", str(e), list(LOG)


def g_first_iter_order():
    del LOG[:]
    r = sum(note(x) for x in Noisy([note("a"), 2], "S"))
    return r, list(LOG)


def g_not_iterable(n):
    return sum(x for x in n)


def g_in_loop(n):
    return [sum(j for j in range(i)) for i in range(n)], [max(j for j in range(i + 1)) for i in range(n)]


def g_all_builtins(xs):
    return (sum(x for x in xs), min(x for x in xs), max(x for x in xs), any(x for x in xs), all(x for x in xs),
            list(x for x in xs), tuple(x for x in xs), sorted(x for x in xs), sorted(set(x for x in xs)))


def my_sum(gen):
    LOG.append(("my_sum", type(gen).__name__))
    out = []
    for v in gen:
        LOG.append(("got", v))
        out.append(v)
        if len(out) == 2:
            break
    return out


def my_any(gen):
    return ("my_any", next(gen), next(gen))


def test_g_sum():
    return g_sum([1, 2, 3]), g_sum([]), g_sum([True, 2**70, 5])


def test_g_sum_floats():
    return (g_sum_floats([0.1] * 10), g_sum_floats([1e16, 1.0, -1e16]), g_sum_floats([1, 0.1, 2**62, 0.2, 3]),
            g_sum_floats([1e308, 1e308, -1e308]), g_sum_floats([0.5, 2**70, 0.25]), g_sum_floats([2**70, 0.1, 0.2]),
            g_sum_floats([0.1, 0.7, 1e-17, 3, 1e100, -1e100]), g_sum_floats([float("inf"), 1.0, 0.1]))


def test_g_sum_mixed():
    return sum(x for x in [0.1, 0.2, 0.3]) == sum([0.1, 0.2, 0.3]), g_sum_floats([1.5, True, 0.1, 0.2])


def test_g_min_max():
    return g_min_max([7, 3, 9, 12]), g_min_max_ties([(1, "a"), (0, "b"), (0, "c"), (2, "d"), (2, "e")])


def test_g_min_empty():
    return g_min_empty([])


def test_g_max_empty():
    return g_max_empty([1, 2])


def test_g_any_all():
    return g_any_all([1, 2, 3, 4]), g_any_all([]), g_any_all([0, 5])


def test_g_any_nested():
    return g_any_nested([[1, 2], [3, 4], [5]]), g_any_nested([[], [0]])


def test_g_collect():
    return g_collect([3, 0, 2, 5, 1])


def test_g_tuple_targets():
    return g_tuple_targets([1, 2, 3], [4, 5, 6])


def test_g_shadow():
    return g_shadow([1, 2, 3])


def test_g_reads_locals():
    return g_reads_locals([1, 2, 3], 2)


def test_g_raise_at():
    return g_raise_at([1, 2, 3, 4], 3), g_raise_at([5], 0)


def test_g_sum_type_error():
    return g_sum_type_error([1, "a", 2]), g_sum_type_error([1.5, None, 2])


def test_g_first_iter_order():
    return g_first_iter_order()


def test_g_not_iterable():
    return g_not_iterable(3)


def test_g_in_loop():
    return g_in_loop(4)


def test_g_rebind_sum():
    # the name no longer holds the builtin: the new function gets a real, lazy generator
    global sum, any
    del LOG[:]
    before = g_all_builtins([1, 2, 3])
    sum = my_sum
    any = my_any
    try:
        during = g_sum([5, 6, 7]), g_any_all([1, 2, 3]), g_reads_locals([1, 2, 3], 2), g_first_iter_order()
    finally:
        del sum
        del any
    after = g_all_builtins([1, 2, 3])
    return before, during, after, list(LOG)


def test_g_rebind_undefined():
    global sum
    import builtins
    saved = builtins.sum
    del builtins.sum
    try:
        return g_sum([1])
    finally:
        builtins.sum = saved


def test_g_rebind_builtins_module():
    import builtins
    saved = builtins.max
    builtins.max = lambda gen: ("patched", list(gen))
    try:
        return g_min_max([1, 2])
    finally:
        builtins.max = saved


@checked
def checked_gen(n: int, x: float) -> float:
    total = 0.0
    for i in range(n):
        total += x * i
    s = sum(x * i for i in range(n))
    m = max(i % 4 for i in range(n + 1))
    a = any(i > n for i in range(n))
    return total + s + m + (1.0 if a else 0.0)


@checked
def checked_gen_shadow(n: int) -> int:
    i = 5
    t = sum(i for i in range(n))
    return t * 100 + i


def test_checked_gen():
    return checked_gen(10, 0.1), checked_gen(0, 1.5)


def test_checked_gen_shadow():
    return checked_gen_shadow(4)


def g_loop_var_shadow(n, x):
    total = 0
    for i in range(n):
        total += i
    return sum(x * i for i in range(n)), i, total


def g_in_comp(rows):
    return [sum(v for v in row) for row in rows], {k: max(v * k for v in row) for k, row in enumerate(rows) if row}


def test_g_loop_var_shadow():
    return g_loop_var_shadow(4, 3)


def test_g_in_comp():
    return g_in_comp([[1, 2], [3], []]) if True else None


def test_g_in_comp_rebound():
    global sum
    sum = my_sum
    try:
        return g_in_comp([[1, 2, 3], [4]])
    finally:
        del sum


def unbound_reads(xs, flag, which):
    del LOG[:]
    if flag:
        m = 1
    try:
        if which == 0:
            return [note(x) * m for x in xs]
        if which == 1:
            return sum(note(x) * m for x in xs)
        if which == 2:
            return {note(x): m for x in xs}
        if which == 3:
            return [x for x in m]
        if which == 4:
            return any(note(x) > m for x in xs)
        return [[note(x) + m for x in xs] for y in xs]
    except (NameError, UnboundLocalError) as e:
        return type(e).__name__, str(e), list(LOG)


def test_unbound_reads():
    return [unbound_reads(xs, flag, w) for w in range(6) for xs in ([1, 2], []) for flag in (True, False)]


def test_unbound_reads_rebound():
    global sum, any
    sum = my_sum
    any = my_any
    try:
        return [unbound_reads(xs, flag, w) for w in (1, 4) for xs in ([1, 2, 3], []) for flag in (True, False)]
    finally:
        del sum
        del any


# ---- <sep>.join(<genexp>) ----

class Joiner:
    def __init__(self):
        LOG.append("Joiner()")

    def join(self, gen):
        LOG.append(("join", type(gen).__name__))
        return "|".join(next(gen) for _ in range(2))


class StrSub(str):
    def join(self, gen):
        return "sub:" + str.join(self, gen)


def j_plain(words, sep):
    return "".join(w.upper() for w in words), sep.join(str(i) for i in range(4) if i != 2), ", ".join(a + b for a, b in words)


def j_error(items):
    del LOG[:]
    try:
        return "-".join(note(x) for x in items)
    except TypeError as e:
        return "TypeError", str(e), list(LOG)


def j_other(obj):
    del LOG[:]
    try:
        r = obj.join(note(x) for x in Noisy(["a", "b", "c"], "J"))
    except AttributeError as e:
        r = ("AttributeError", str(e))
    return r, list(LOG)


def j_bytes(parts):
    return b"-".join(p * 2 for p in parts)


def test_j_plain():
    return j_plain(["ab", "cd"], "+")


def test_j_error():
    return j_error(["a", 1, "b"]), j_error(["x", "y"])


def test_j_other():
    return j_other(Joiner()), j_other(StrSub("~")), j_other(42)


def test_j_bytes():
    return j_bytes([b"a", b"bc"])


def test_j_bytes_error():
    return j_bytes([b"a", "x"])


# ---- odd shapes ----

class Holder:
    pass


def odd_attr_target(xs):
    h = Holder()
    r = [h.v * 2 for h.v in xs]
    return r, h.v


def odd_global_declared(xs):
    global LOG_LEN
    r = [LOG_LEN for LOG_LEN in xs]
    return r, LOG_LEN


def odd_nested_scopes(rows):
    x = "fn"
    r = [[x for x in row] + [x] for x in rows]
    return r, x, {x: [y * x for y in range(x)] for x in range(3)}


def odd_fstring(xs):
    return f"{[f'{x:>3}' for x in xs]}", [x for x in xs if f"{x}".startswith("1")]


def odd_in_try(xs):
    out = []
    for k in range(3):
        try:
            out.append([10 // (x - k) for x in xs])
        except ZeroDivisionError:
            out.append("zde")
        finally:
            out.append(k)
    return out


def odd_genexp_in_comp(rows):
    return [max(v for v in row if v > 0) if any(v > 0 for v in row) else None for row in rows]


def odd_cond_ops(xs, ys):
    return [x for x in xs if x in ys and x is not None or x == -1], all(x not in ys for x in xs)


def test_odd_attr_target():
    return odd_attr_target([1, 2, 3])


def test_odd_global_declared():
    return odd_global_declared([7, 8]), LOG_LEN


def test_odd_nested_scopes():
    return odd_nested_scopes([[1, 2], [3]])


def test_odd_fstring():
    return odd_fstring([1, 12, 3])


def test_odd_in_try():
    return odd_in_try([1, 2])


def test_odd_genexp_in_comp():
    return odd_genexp_in_comp([[1, -2, 3], [-1], []])


def test_odd_cond_ops():
    return odd_cond_ops([1, None, -1, 4], [1, 4])


# ---- generator expressions anywhere else: real generators ----

def ge_anywhere(xs, d):
    out = []
    out.extend(x * 2 for x in xs)
    d.update((str(x), x) for x in xs if x)
    g = (x + 1 for x in xs)
    first = next(g, None)
    rest = list(g)
    pairs = dict((k, k * k) for k in xs)
    fs = sorted(frozenset(x % 2 for x in xs))
    e = list(enumerate(x for x in "ab"))
    m = max((x for x in xs), default=-1), min((-x for x in xs), key=abs, default=None)
    s = sum((x for x in xs), 10), sum((x / 2 for x in xs), 0.5)
    return out, sorted(d.items()), first, rest, pairs, fs, e, m, s


def ge_lazy(xs):
    del LOG[:]
    g = (note(x) for x in Noisy(xs, "L"))
    LOG.append("made")
    a = next(g)
    LOG.append("one")
    return a, list(g), list(LOG), type(g).__name__


def ge_local_sum(xs):
    sum = len
    return sum([x for x in xs]), sum(list(x for x in xs))


def ge_unbound_lazy(xs, flag):
    if flag:
        k = 2
    g = (x * k for x in xs)
    try:
        return list(g)
    except NameError as e:
        return type(e).__name__, str(e)


def ge_in_loop(n):
    return [next(j * i for j in range(1, 3)) for i in range(n)]


def test_ge_anywhere():
    return ge_anywhere([3, 0, 1, 2], {})


def test_ge_lazy():
    return ge_lazy([1, 2, 3])


def test_ge_local_sum():
    return ge_local_sum([1, 2, 3])


def test_ge_unbound_lazy():
    return ge_unbound_lazy([1], True), ge_unbound_lazy([1], False), ge_unbound_lazy([], False)


def test_ge_in_loop():
    return ge_in_loop(4)
