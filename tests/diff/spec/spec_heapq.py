"""heapq.heappush / heapq.heappop in @checked code: on an exact list whose compared items are
exact ints in int64, the sift runs in C (spz/heapq.h, stdcoll.c); it must leave the very same
objects in the very same places as _heapq (ties included: equal ints that are distinct objects).
Everything else -- floats, tuples, mixed ints and floats, big ints beyond int64, bools, a list
subclass, an empty heap, items whose __lt__ logs, `heapq` rebound to another object mid-run,
`heapq.heappush` replaced by a Python function -- must give exactly what CPython gives."""
import heapq

from spyc import checked

LOG: list[str] = []


class Loud:
    def __init__(self, v: int) -> None:
        self.v = v

    def __lt__(self, other: "Loud") -> bool:
        LOG.append(f"{self.v}<{other.v}")
        return self.v < other.v

    def __repr__(self) -> str:
        return f"Loud({self.v})"


class SubList(list):
    pass


class FakeHeapq:
    @staticmethod
    def heappush(h, v):
        LOG.append(f"fake push {v!r}")
        h.append(v)

    @staticmethod
    def heappop(h):
        LOG.append("fake pop")
        return h.pop()


@checked
def push_all(h: object, xs: object) -> int:
    n = 0
    for x in xs:
        heapq.heappush(h, x)
        n += 1
    return n


@checked
def pop_n(h: object, n: int) -> list[object]:
    out = []
    for i in range(n):
        out.append(heapq.heappop(h))
    return out


@checked
def sort_ints(xs: list[int]) -> list[int]:
    h: list[int] = []
    for x in xs:
        heapq.heappush(h, x)
    out = []
    while h:
        out.append(heapq.heappop(h))
    return out


@checked
def best(h: list[int], is_bid: bool) -> int:
    total = 0
    while h:
        p = -h[0] if is_bid else h[0]
        heapq.heappop(h)
        total = total * 3 + p
    return total


def lcg(n: int, seed: int, mod: int) -> list[int]:
    out = []
    x = seed
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        out.append(x % mod - mod // 2)
    return out


def test_sort_ints():
    xs = lcg(300, 7, 1000)
    return sort_ints(xs) == sorted(xs), sort_ints([]), sort_ints([5]), sort_ints([2, 1, 2, 1])


def test_layout_ints():
    h: list[object] = []
    push_all(h, lcg(200, 3, 50))
    popped = pop_n(h, 70)
    return h, popped


def test_ties_identity():
    a = int("1000000000000")
    b = int("1000000000000")
    c = int("1000000000000")
    h: list[object] = []
    push_all(h, [a, 5, b, 7, c, 1, a, 1000000000000])
    where = [(x is a, x is b, x is c) for x in h]
    popped = pop_n(h, 4)
    return where, [(x is a, x is b, x is c) for x in h], [(x is a, x is b, x is c) for x in popped]


def test_pop_empty():
    return pop_n([], 1)


def test_pop_too_many():
    h = [3, 1, 2]
    try:
        pop_n(h, 5)
    except IndexError as e:
        return str(e), h


def test_floats():
    h: list[object] = []
    push_all(h, [3.5, -1.0, 2.25, float("inf"), 0.0, -0.0])
    return list(h), pop_n(h, 6)


def test_nan():
    h: list[object] = []
    push_all(h, [2, float("nan"), 1, 3])
    return [repr(x) for x in h], [repr(x) for x in pop_n(h, 4)]


def test_tuples():
    h: list[object] = []
    push_all(h, [(3, "c"), (1, "a"), (2, "b"), (1, "z")])
    return list(h), pop_n(h, 4)


def test_mixed_int_float():
    h: list[object] = []
    push_all(h, [5, 2.5, 3, 1, 4.0, 1.0])
    return list(h), pop_n(h, 6)


def test_float_deep_in_heap():
    h: list[object] = [1, 2, 3, 4, 5.5, 6, 7, 8, 9, 10]
    push_all(h, [0, 5])
    return list(h), pop_n(h, 12)


def test_big_ints():
    big = 2**63
    h: list[object] = []
    push_all(h, [big, 5, -big - 1, big + 1, 2**63 - 1, -(2**63), 10**30, 0])
    return list(h), pop_n(h, 8)


def test_bools():
    h: list[object] = []
    push_all(h, [True, 0, False, 1, 2])
    return [repr(x) for x in h], [repr(x) for x in pop_n(h, 5)]


def test_str_items():
    h: list[object] = []
    push_all(h, ["b", "a", "c"])
    return list(h), pop_n(h, 3)


def test_incomparable():
    h: list[object] = [1, 2]
    return push_all(h, ["x"])


def test_incomparable_pop():
    h: list[object] = [1, 2, 3, "x"]
    return pop_n(h, 1)


def test_loud():
    LOG.clear()
    h: list[object] = []
    push_all(h, [Loud(3), Loud(1), Loud(2), Loud(0)])
    popped = pop_n(h, 4)
    return popped, LOG[:]


def test_sublist():
    h = SubList()
    push_all(h, [3, 1, 2])
    return type(h).__name__, list(h), pop_n(h, 3)


def test_not_a_list():
    return push_all((), [1])


def test_not_a_list_pop():
    return pop_n(None, 1)


def test_best():
    return best([1, 3, 2, 5], False), best([-9, -3, -7], True), best([], True)


def test_rebound_module():
    global heapq
    real = heapq
    LOG.clear()
    h: list[object] = []
    push_all(h, [3, 1])
    try:
        heapq = FakeHeapq()
        push_all(h, [2, 0])
        popped = pop_n(h, 2)
    finally:
        heapq = real
    popped += pop_n(h, 2)
    return h, popped, LOG[:]


def test_rebound_mid_run():
    global heapq
    real = heapq

    class Flip:
        def __iter__(self):
            global heapq
            yield 4
            heapq = FakeHeapq()
            yield 2
            heapq = real
            yield 1

    LOG.clear()
    h: list[object] = []
    try:
        push_all(h, Flip())
    finally:
        heapq = real
    return h, LOG[:]


def test_replaced_function():
    real_push = heapq.heappush

    def my_push(h, v):
        LOG.append(f"my push {v!r}")
        real_push(h, v)
        h.append(-1)

    LOG.clear()
    h: list[object] = []
    push_all(h, [5, 3])
    heapq.heappush = my_push
    try:
        push_all(h, [4])
    finally:
        heapq.heappush = real_push
    push_all(h, [0])
    return h, LOG[:]


def test_replaced_pop():
    real_pop = heapq.heappop
    heapq.heappop = lambda h: h.pop(0)
    try:
        r = pop_n([3, 1, 2], 2)
    finally:
        heapq.heappop = real_pop
    return r, pop_n([3, 1, 2], 2)


def test_module_without_push():
    global heapq
    real = heapq
    heapq = object()
    try:
        push_all([], [1])
    finally:
        heapq = real


def test_replaced_by_c_functions():
    real_push, real_pop = heapq.heappush, heapq.heappop
    heapq.heappush = heapq.heappushpop
    heapq.heappop = getattr(heapq, "_heappop_max")
    try:
        h = [1, 5, 3]
        n = push_all(h, [4, 0])
        r = pop_n([1, 5, 3, 2], 2)
    finally:
        heapq.heappush, heapq.heappop = real_push, real_pop
    return n, h, r, pop_n([4, 2, 3], 1)


def test_rebound_to_module():
    global heapq
    import types
    real = heapq
    fake = types.ModuleType("fakeheap")
    fake.heappush = real.heappushpop
    fake.heappop = max
    heapq = fake
    try:
        h = [2, 7]
        push_all(h, [9, 1])
        r = pop_n([[3], [8]], 1)
    finally:
        heapq = real
    return h, r
