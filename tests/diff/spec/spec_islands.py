"""Specialized bodies with statements that have no unboxed form (islands of generic code):
dicts, strings, None, tuples, slices, prints, try/except, calls of ordinary functions, locals
bound to two kinds of values, islands that rebind typed locals (to the same type and to another
one), unbound locals, returns and raises inside islands, generic if/while tests."""
from spyc import checked


def helper(x):
    return x * 2


@checked
def histogram(xs: list[int], buckets: int) -> dict:
    counts = {}
    total = 0
    for x in xs:
        k = x % buckets
        counts[k] = counts.get(k, 0) + 1        # dict: generic statement
        total += x                              # stays unboxed
    counts["total"] = total
    return counts


@checked
def label(n: int) -> str:
    s = 0
    name = "n"                                  # a str local: boxed
    for i in range(n):
        s += i * i
        if s > 100:
            name = name + "!"
    return name + str(s)


@checked
def min_max(xs: list[float]) -> tuple:
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        if x > hi:
            hi = x
    return lo, hi                               # tuple display: generic return


@checked
def rebinds(n: int) -> int:
    acc = 0
    for i in range(n):
        acc = helper(acc) + i                   # island writes a typed local (unboxed after)
        if acc > 1000:
            acc = acc // 7
    return acc


@checked
def rebinds_other_type(n: int) -> object:
    x = 0
    for i in range(n):
        x += i
        if i == 3:
            x = helper(0.5)                     # an island binds a float to an int local: deopt after
    return x


@checked
def maybe_unbound(flag: bool) -> int:
    if flag:
        v = 5
    print("before")
    return v + 1                                # UnboundLocalError when flag is False


@checked
def raise_inside(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
        if i == 4:
            raise ValueError("stop at %d with %d" % (i, s))
    return s


@checked
def try_inside(xs: list[int]) -> int:
    s = 0
    for x in xs:
        try:
            s += 100 // x
        except ZeroDivisionError:
            s -= 1
    return s


@checked
def return_inside(n: int) -> object:
    s = 0
    for i in range(n):
        s += i
        if s > 10:
            return ("big", s, i)
    return s


@checked
def dict_test(n: int, table: dict) -> int:
    hits = 0
    i = 0
    while i < n:
        if i in table:                          # generic test
            hits += table[i]
        i += 1
    return hits


@checked
def slices(xs: list[float], k: int) -> float:
    head = xs[:k]
    tail = xs[k:]
    s = 0.0
    for v in head:
        s += v
    for v in tail:
        s -= v
    return s


@checked
def with_none(n: int) -> object:
    best = None
    for i in range(n):
        if best is None or i * 3 % 7 > best:
            best = i * 3 % 7
    return best


@checked
def chained(n: int) -> int:
    a = b = 0
    for i in range(n):
        a += i
        b -= i
    return a - b


@checked
def deletes(n: int) -> int:
    t = n * 2
    extra = [t]
    del extra
    return t


@checked
def big_results(n: int) -> int:
    s = 1
    for i in range(n):
        s = s * 1000003 + i                     # overflows int64: exact big ints
    return s % 1000000007


def test_histogram():
    return histogram([1, 5, 9, 2, 3, 3, 8], 4), histogram([], 3)


def test_label():
    return label(3), label(20), label(0)


def test_min_max():
    return min_max([2.5, -1.0, 9.0, 3.0]), min_max([1.0])


def test_min_max_errors():
    try:
        min_max([])
    except IndexError as e:
        return "IndexError", str(e)


def test_rebinds():
    return rebinds(10), rebinds(100), rebinds(0)


def test_rebinds_other_type():
    return rebinds_other_type(2), rebinds_other_type(10)


def test_maybe_unbound_ok():
    return maybe_unbound(True)


def test_maybe_unbound_error():
    return maybe_unbound(False)


def test_raise_inside():
    return raise_inside(10)


def test_raise_not_reached():
    return raise_inside(3)


def test_try_inside():
    return try_inside([1, 0, 3, 0, 7])


def test_return_inside():
    return return_inside(3), return_inside(20)


def test_dict_test():
    return dict_test(10, {1: 5, 3: 7, 20: 100}), dict_test(0, {})


def test_slices():
    return slices([1.0, 2.0, 3.0, 4.5], 2), slices([1.5], 5)


def test_with_none():
    return with_none(0), with_none(10)


def test_chained():
    return chained(10)


def test_deletes():
    return deletes(21)


def test_big_results():
    return big_results(5), big_results(50)


def test_contract_still_checked():
    try:
        histogram([1, 2.0], 3)
    except TypeError as e:
        return str(e)


@checked
def units(n: int) -> int:
    return n * 3


@checked
def uses_units(n: int) -> object:
    total = 0
    for i in range(n):
        u = units(i) if i % 2 else -units(i)      # typed by units' return contract (a guard)
        total += u
    return total


def rebind_units_to_str():
    global units
    saved = units
    units = lambda n: "u"
    try:
        return uses_units(4)
    except TypeError as e:
        return "TypeError", str(e)
    finally:
        units = saved


def test_uses_units():
    return uses_units(7), rebind_units_to_str(), uses_units(3)
