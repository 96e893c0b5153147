"""Direct calls passing lists through: helpers taking list[float]/list[int] called from loops,
lists whose items the helper cannot use, lists mutated between calls, empty lists, a helper
rebound from outside while a caller runs, a helper raising."""
from spyc import checked


@checked
def total(xs: list[float]) -> float:
    s = 0.0
    for i in range(len(xs)):
        s += xs[i]
    return s


@checked
def count_above(xs: list[int], limit: int) -> int:
    n = 0
    for i in range(len(xs)):
        if xs[i] > limit:
            n += 1
    return n


@checked
def scale_into(xs: list[float], k: float) -> int:
    # mutates the caller's list in place
    for i in range(len(xs)):
        xs[i] = xs[i] * k
    return len(xs)


@checked
def pick(xs: list[float], i: int) -> float:
    return xs[i]


@checked
def mean(xs: list[float]) -> float:
    return total(xs) / len(xs)   # ZeroDivisionError for an empty list


@checked
def sum_of_totals(xs: list[float], rounds: int) -> float:
    s = 0.0
    for r in range(rounds):
        s += total(xs) + r
    return s


@checked
def counts(xs: list[int], top: int) -> int:
    c = 0
    for limit in range(top):
        c += count_above(xs, limit)
    return c


@checked
def scale_rounds(xs: list[float], rounds: int) -> float:
    n = 0
    for _ in range(rounds):
        n += scale_into(xs, 0.5)
    return total(xs) + n


@checked
def picks(xs: list[float], n: int) -> float:
    s = 0.0
    for i in range(n):
        s += pick(xs, i)      # IndexError once i passes the end
    return s


@checked
def local_list(n: int) -> float:
    ys = []
    for i in range(n):
        ys.append(i * 1.5)
    return total(ys) + mean(ys)


@checked
def with_local_rep(n: int) -> float:
    ys = [0.5] * n
    return total(ys)


def test_floats():
    return sum_of_totals([1.5, 2.25, -0.75], 5)


def test_ints_in_float_list():
    # ints in a list[float]: the contract is shallow, the sum is what CPython computes
    return sum_of_totals([1, 2, 3], 4), total([1, 2.5, 3])


def test_bad_items():
    return sum_of_totals([1.0, "x", 2.0], 3)


def test_bad_items_late():
    try:
        return sum_of_totals([1.0, 2.0, None], 3)
    except TypeError as e:
        return "TypeError", str(e)


def test_empty():
    return sum_of_totals([], 3), counts([], 4), scale_rounds([], 2)


def test_mean_empty():
    return mean([])


def test_counts():
    return counts([3, 1, 4, 1, 5, 9, 2, 6], 7)


def test_counts_big_ints():
    return counts([3, 2 ** 70, -(2 ** 65), 5], 6)


def test_counts_bools():
    return counts([True, False, 2], 3)


def test_mutated_between_calls():
    xs = [8.0, 4.0, 2.0]
    a = scale_rounds(xs, 3)
    xs.append(1)
    xs[0] = 3
    b = scale_rounds(xs, 2)
    return a, b, xs


def test_picks_ok():
    return picks([0.5, 1.5, 2.5], 3)


def test_picks_raise():
    return picks([0.5, 1.5, 2.5], 5)


def test_not_a_list():
    return sum_of_totals((1.0, 2.0), 2)


def test_list_subclass():
    class L(list):
        pass
    return sum_of_totals(L([1.0, 2.0]), 2)


def test_local_lists():
    return local_list(4), with_local_rep(6), with_local_rep(0)


def test_local_list_empty():
    return local_list(0)


def test_rebound_callee():
    global total
    old = total
    calls = []

    def spy(xs):
        calls.append(len(xs))
        return -1.0

    try:
        a = sum_of_totals([1.0, 2.0], 3)
        total = spy
        b = sum_of_totals([1.0, 2.0], 3)
    finally:
        total = old
    c = sum_of_totals([1.0, 2.0], 3)
    return a, b, c, calls


def test_rebound_mid_run():
    global count_above
    old = count_above
    seen = []

    def flip(xs, limit):
        global count_above
        seen.append(limit)
        if limit == 2:
            count_above = old
        return 100

    count_above = flip
    try:
        return counts([1, 2, 3, 4], 5), seen
    finally:
        count_above = old


def test_callee_mutates_then_raises():
    xs = [1.0, 2.0, 3.0]
    try:
        scale_rounds(xs, 2)
        picks(xs, 4)
    except IndexError as e:
        return "IndexError", str(e), xs
    return xs


@checked
def bsearch(xs: list[int], t: int, lo: int, hi: int) -> int:
    # a self-recursive helper over a list: its recursive calls pass the list through
    if lo >= hi:
        return lo
    mid = (lo + hi) // 2
    if xs[mid] < t:
        return bsearch(xs, t, mid + 1, hi)
    return bsearch(xs, t, lo, mid)


@checked
def rsum(xs: list[float], i: int) -> float:
    if i == len(xs):
        return 0.0
    return xs[i] + rsum(xs, i + 1)


@checked
def positions(xs: list[int], ts: list[int]) -> int:
    s = 0
    for j in range(len(ts)):
        s += bsearch(xs, ts[j], 0, len(xs)) * (j + 1)
    return s


def test_bsearch():
    xs = list(range(0, 200, 3))
    return positions(xs, [0, 1, 5, 99, 198, 500, -4]), bsearch(xs, 50, 0, len(xs))


def test_bsearch_bad_items():
    return positions([1, 2, "a", 4], [3, 0])


def test_bsearch_float_items():
    return positions([1, 2.5, 3, 4.0], [3, 0, 2])


def test_rsum():
    return rsum([0.5] * 50, 0), rsum([], 0), rsum([1, 2, 3.5], 0)


def test_rsum_bad():
    return rsum([1.0, None], 0)


def test_rsum_deep():
    try:
        return rsum([1.0] * 100000, 0)
    except RecursionError:
        return "RecursionError"
