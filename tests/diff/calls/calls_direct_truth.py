"""The truth of boxed locals and parameters inside typed tests (`if not queue:`, `while n > 0 and
heap:`) and `x is None` / `x is not None` of them: read in C for exact lists, tuples, dicts,
deques, None and bools, the generic test for anything else. Hostile cases: `__bool__`/`__len__`
that raise or count their calls (short-circuiting must skip them exactly as CPython does), a
list subclass, an unbound local, a value that changes type inside the loop."""
from collections import deque

from spyc import checked

calls = []


class Truthy:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        calls.append(("bool", self.v))
        if self.v == "boom":
            raise RuntimeError("bool exploded")
        return bool(self.v)


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        calls.append(("len", self.n))
        if self.n < 0:
            raise ValueError("negative length")
        return self.n


class MyList(list):
    def __len__(self):
        calls.append(("mylen", list.__len__(self)))
        return list.__len__(self)


@checked
def drain(heap: list, n: int) -> int:
    taken = 0
    while n > 0 and heap:
        heap.pop()
        n -= 1
        taken += 1
    return taken


@checked
def count_truth(x: object, k: int) -> int:
    s = 0
    for i in range(k):
        if x:
            s += i
        if not x:
            s -= 1
        if i > 2 or x:
            s += 100
    return s


@checked
def local_truth(d: dict, key: int, k: int) -> int:
    s = 0
    for i in range(k):
        q = d.get(key + i)
        if q is None:
            s += 1
        elif not q:
            s += 10
        if q is not None and q:
            s += 1000
    return s


@checked
def maybe_unbound(flag: bool, n: int) -> int:
    if flag:
        q = deque([1])
    s = 0
    for i in range(n):
        if q:
            s += i
    return s


@checked
def maybe_unbound_none(flag: bool) -> int:
    if flag:
        q = None
    return 1 if q is None else 2


@checked
def changes_type(n: int) -> int:
    q = deque([1, 2, 3])
    s = 0
    while n > 0 and q:
        s += n
        n -= 1
        if n == 4:
            q = Truthy(1)
        elif n == 2:
            q = Truthy(0)
    return s


@checked
def not_value(x: object, y: object) -> bool:
    b = not x
    return b == (not y)


def test_containers():
    return [count_truth(v, 5) for v in ([], [0], (), (1,), {}, {1: 2}, deque(), deque([1]), None, True, False)]


def test_drain():
    h = [1, 2, 3]
    d = deque([4, 5])
    return drain(h, 2), h, drain([1, 2], 5), drain([], 3)


def test_drain_non_list():
    try:
        return drain(deque([1]), 2)
    except TypeError as e:
        return "TypeError", str(e)


def test_dunders():
    calls.clear()
    r = [count_truth(Truthy(1), 4), count_truth(Truthy(0), 4), count_truth(Sized(0), 4), count_truth(Sized(3), 4),
         count_truth(MyList([]), 3), count_truth(MyList([1]), 3)]
    return r, list(calls)


def test_bool_raises():
    calls.clear()
    try:
        return count_truth(Truthy("boom"), 3)
    except RuntimeError as e:
        return "RuntimeError", str(e), list(calls)


def test_len_raises():
    calls.clear()
    try:
        return count_truth(Sized(-1), 3)
    except ValueError as e:
        return "ValueError", str(e), list(calls)


def test_short_circuit_skips():
    calls.clear()
    # i > 2 short-circuits `or x` for the last iterations only
    r = count_truth(Truthy("boom"), 0)
    return r, list(calls)


def test_is_none():
    d = {1: None, 2: [], 3: [5], 4: deque(), 5: {}, 6: Truthy(1), 7: Truthy(0), 8: Sized(2)}
    calls.clear()
    return local_truth(d, 0, 10), local_truth(d, 3, 4), list(calls)


def test_unbound():
    out = [maybe_unbound(True, 4), maybe_unbound_none(True)]
    for f, args in ((maybe_unbound, (False, 3)), (maybe_unbound, (False, 0)), (maybe_unbound_none, (False,))):
        try:
            out.append(f(*args))
        except UnboundLocalError as e:
            out.append(("UnboundLocalError", str(e)))
    return out


def test_changes_type():
    calls.clear()
    return changes_type(7), changes_type(2), list(calls)


def test_not_value():
    calls.clear()
    return not_value([], [1]), not_value(deque(), {}), not_value(Sized(0), None), not_value(Truthy(1), (1,)), list(calls)
