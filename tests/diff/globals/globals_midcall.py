"""Globals and builtins rebound *during* a call of a compiled function (by a callee, by __eq__,
by __del__-free hooks, by another thread): later reads in the same call must see the new value.
Also threads calling compiled code concurrently."""
import builtins
import threading
from spyc import checked

G = "before"
COUNTER = 0


def rebind_g(value):
    global G
    G = value
    return value


class Sneaky:
    def __eq__(self, other):
        global G
        G = "set by __eq__"
        return True

    __hash__ = object.__hash__


class IndexRebinder:
    def __index__(self):
        global G
        G = "set by __index__"
        return 0


@checked
def read_twice_around_call() -> tuple:
    a = G
    rebind_g("after")
    b = G
    return a, b


@checked
def read_around_eq(o: object) -> tuple:
    a = G
    same = o == 1
    b = G
    return a, same, b


@checked
def read_around_index(xs: list, i: object) -> tuple:
    a = G
    v = xs[i]
    b = G
    return a, v, b


def fake_len(x):
    return -1


def shadow_len():
    globals()["len"] = fake_len


def unshadow_len():
    del globals()["len"]


@checked
def len_twice(xs: list) -> tuple:
    a = len(xs)
    shadow_len()
    b = len(xs)
    unshadow_len()
    c = len(xs)
    return a, b, c


@checked
def builtins_patched_midcall(xs: list) -> tuple:
    a = len(xs)
    orig = builtins.len
    builtins.len = fake_len
    try:
        b = len(xs)
    finally:
        builtins.len = orig
    return a, b, len(xs)


@checked
def global_in_loop(n: int) -> list:
    out = []
    for i in range(n):
        out.append(G)
        if i == 1:
            rebind_g("changed in loop")
    return out


@checked
def work(seed: int) -> int:
    total = 0
    for i in range(20000):
        total = (total * 31 + i + seed) % 1000003
    return total


@checked
def bump(n: int) -> None:
    global COUNTER
    for _ in range(n):
        lock.acquire()
        COUNTER += 1
        lock.release()


lock = threading.Lock()


def test_rebind_by_callee():
    rebind_g("before")
    return read_twice_around_call()


def test_rebind_by_eq():
    rebind_g("before")
    return read_around_eq(Sneaky())


def test_rebind_by_index():
    rebind_g("before")
    return read_around_index([42], IndexRebinder())


def test_len_shadowed_midcall():
    return len_twice([1, 2, 3])


def test_builtins_patched_midcall():
    return builtins_patched_midcall([1, 2])


def test_global_changed_inside_loop():
    rebind_g("start")
    return global_in_loop(4)


def test_threads_compute():
    results = {}

    def run(k):
        results[k] = work(k)
    threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results.items())


def test_threads_shared_global():
    global COUNTER
    COUNTER = 0
    threads = [threading.Thread(target=bump, args=(500,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return COUNTER
