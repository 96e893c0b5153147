"""Calls into plain (--all compiled) functions: the exact-positional fast path next to every
binding that is not one (wrong counts, keywords, defaults used or overridden, *args), and
recursion that runs out in a worker thread with its own smaller stack."""
import threading


def add3(a, b, c):
    return a + b + c


def with_default(a, b=10):
    return a * b


def star(a, *rest):
    return a, rest


def kwonly(a, *, k=5):
    return a - k


def none():
    return "none"


def deep(n):
    if n == 0:
        return 0
    return deep(n - 1) + 1


def forever(n):
    return forever(n + 1) + 1


def test_exact():
    s = 0
    for i in range(1000):
        s += add3(i, 1, 2)
    return s, none()


def test_defaults():
    return with_default(3), with_default(3, 4), with_default(b=2, a=7)


def test_star_and_kwonly():
    return star(1), star(1, 2, 3), kwonly(9), kwonly(9, k=1)


def test_too_few():
    try:
        add3(1, 2)
    except TypeError as e:
        return str(e)


def test_too_many():
    try:
        add3(1, 2, 3, 4)
    except TypeError as e:
        return str(e)


def test_keyword_mix():
    return add3(1, c=3, b=2)


def test_bad_keyword():
    try:
        add3(1, 2, d=3)
    except TypeError as e:
        return str(e)


def test_no_args_extra():
    try:
        none(1)
    except TypeError as e:
        return str(e)


def _worker(out):
    try:
        forever(0)
    except RecursionError as e:
        out.append(type(e).__name__)
    out.append(deep(100))


def test_thread_recursion():
    out = []
    old = threading.stack_size()
    threading.stack_size(1 << 20)
    try:
        t = threading.Thread(target=_worker, args=(out,))
        t.start()
        t.join()
    finally:
        threading.stack_size(old)
    # the main thread's stack checks still work after the worker's
    out.append(deep(200))
    return out
