"""Recursion through the dunders of @frozen classes (issue 13): __eq__ and __repr__ reached from
CPython's C slots (PyObject_RichCompare, PyObject_Repr) with compiled frames in between, generated
(interpreted) dunders called from compiled code, and compiled methods recursing on a chain.

Compared: shallow chains (every side succeeds) and chains far beyond the recursion limit (every
side raises RecursionError). In between the depth at which CPython's own C-level limits fire
differs between interpreted and compiled frames (spec 6.8 excludes it); after
setrecursionlimit(10**5), in a thread with a 512 MiB stack (CPython 3.11 itself has no C stack
guard for slot recursion, so the main thread's stack is not used for that), the comparable fact is
"the right value or RecursionError"."""
import sys
import threading
from spyc import checked, frozen


# too slow to repeat in the leak check (tests/harness/leakrun.py)
__leak_skip__ = ("test_deep_limit_big_thread", "test_beyond_default_limit", "test_recovers")


@frozen
class Link:
    # generated __eq__/__repr__ (interpreted): recursion through them from compiled callers
    val: int
    nxt: "Link | None" = None

    @checked
    def length(self) -> int:
        return 1 if self.nxt is None else 1 + self.nxt.length()


@frozen
class Node:
    # compiled __eq__/__repr__ reached through CPython's slots
    val: int
    nxt: "Node | None" = None

    @checked
    def __eq__(self, other: object) -> object:
        if type(other) is not Node:
            return NotImplemented
        return self.val == other.val and self.nxt == other.nxt

    @checked
    def __repr__(self) -> str:
        return "Node(" + str(self.val) + ", " + repr(self.nxt) + ")"


def link_chain(n):
    c = None
    for i in range(n):
        c = Link(i, c)
    return c


def node_chain(n):
    c = None
    for i in range(n):
        c = Node(i, c)
    return c


@checked
def same(a: object, b: object) -> bool:
    return a == b


@checked
def show(a: object) -> str:
    return repr(a)


def outcome(fn, *args):
    try:
        r = fn(*args)
        return ("ok", r if not isinstance(r, str) else len(r))
    except RecursionError:
        return ("RecursionError",)


def cases(n):
    ls, ns = link_chain(n), node_chain(n)
    return [
        outcome(same, ls, link_chain(n)), outcome(same, ns, node_chain(n)),
        outcome(same, ns, node_chain(n + 1)), outcome(lambda: ns == node_chain(n)),
        outcome(show, ls), outcome(show, ns), outcome(repr, ns), outcome(Link.length, ls),
    ]


def test_shallow():
    return cases(60)


def test_beyond_default_limit():
    return cases(20000)


def test_shallow_results():
    ns = node_chain(3)
    return repr(ns), ns == node_chain(3), ns == node_chain(2), ns != node_chain(3), link_chain(3)


def test_recovers():
    cases(20000)
    return cases(10)


def test_deep_limit_big_thread():
    out = []
    old = threading.stack_size()
    threading.stack_size(512 * 1024 * 1024)

    def body():
        oldlim = sys.getrecursionlimit()
        sys.setrecursionlimit(10**5)
        try:
            n = 4000
            out.append([r == ("RecursionError",) or r[0] == "ok" for r in cases(n)])
            out.append(outcome(Link.length, link_chain(120000)))  # beyond the limit: compiled frames only
        finally:
            sys.setrecursionlimit(oldlim)
    try:
        t = threading.Thread(target=body)
        t.start()
        t.join()
    finally:
        threading.stack_size(old)
    return out
