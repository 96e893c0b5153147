"""When values an interrupted expression computed are released, seen through finalizers that log.

CPython pops the value stack when an exception leaves an expression: before an `except` or
`finally` body runs, before a `with` block's `__exit__`, and before the function's locals when it
leaves the function; newest value first. A `return` inside a loop releases the loop's iterator
(a generator runs its `finally`) before the locals, and before an enclosing `with` block's exit."""
from spyc import checked

LOG = []


class D:
    def __init__(self, n):
        self.n = n

    def __del__(self):
        LOG.append(("del", self.n))


class Ctx:
    def __enter__(self):
        LOG.append("enter")
        return self

    def __exit__(self, *exc):
        LOG.append(("exit", exc[0].__name__ if exc[0] else None))
        return True


def g(a=None, b=None, c=None, d=None):
    # positional parameters: after a completed call CPython releases the arguments in order (the
    # callee's frame took them); a `*args` callee's tuple would release them newest first
    return 1


def gen(n):
    try:
        for i in range(n):
            yield D(100 + i)
    finally:
        LOG.append("gen finally")


def taken():
    out = list(LOG)
    LOG.clear()
    return out


@checked
def in_try(x: int) -> int:
    try:
        g(D(1), D(2), 1 // x)
    except ZeroDivisionError:
        LOG.append("handler")
    LOG.append("after")
    return 0


@checked
def in_finally(x: int) -> int:
    try:
        g(D(3), 1 // x)
    finally:
        LOG.append("finally")
    return 1


@checked
def escapes(x: int) -> int:
    a = D(10)
    g(D(11), D(12), D(13), 1 // x)
    return 0


@checked
def in_with(x: int) -> int:
    with Ctx():
        g(D(20), 1 // x)
    LOG.append("after with")
    return 0


@checked
def loop_continues(xs: list) -> int:
    n = 0
    for x in xs:
        try:
            n += g(D(30 + x), 10 // x)
        except ZeroDivisionError:
            LOG.append(("handler", x))
    return n


@checked
def nested(x: int) -> int:
    try:
        try:
            g(D(40), 1 // x)
        except KeyError:
            LOG.append("inner")
        g(D(41))
    except ZeroDivisionError:
        LOG.append("outer")
    return 0


@checked
def return_in_loop(n: int) -> int:
    keep = D(50)
    for d in gen(n):
        if d.n >= 101:
            return d.n
    return -1


@checked
def return_through_with(n: int) -> int:
    # the loops' iterators go (inner first) before the with block's exit runs
    with Ctx():
        for a in gen(n):
            for b in gen(n):
                if a.n + b.n == 201:
                    return a.n * 1000 + b.n
    return -1


@checked
def break_then(n: int) -> int:
    for d in gen(n):
        if d.n == 101:
            break
    LOG.append("after loop")
    return 0


def _run(f, *args):
    try:
        r = f(*args)
    except Exception as e:
        r = type(e).__name__
    LOG.append("returned")
    return (r, taken())


def test_in_try():
    return [_run(in_try, 0), _run(in_try, 1)]


def test_in_finally():
    return [_run(in_finally, 0), _run(in_finally, 2)]


def test_escapes():
    return _run(escapes, 0)


def test_in_with():
    return [_run(in_with, 0), _run(in_with, 1)]


def test_loop_continues():
    return _run(loop_continues, [1, 0, 2, 0])


def test_nested():
    return [_run(nested, 0), _run(nested, 1)]


def test_return_in_loop():
    return [_run(return_in_loop, 3), _run(return_in_loop, 1)]


def test_return_through_with():
    return [_run(return_through_with, 3), _run(return_through_with, 1)]


def test_break_then():
    return [_run(break_then, 3), _run(break_then, 1)]
