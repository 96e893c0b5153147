"""Loop back edges in compiled code run pending signal handlers: an exception a handler raises
is caught by a `try` around the loop inside the compiled function, loops over generic iterators
are interrupted too, and short loops in nested calls add up (no level runs 4096 iterations of
its own loop before the alarm fires, but together they do)."""
import signal
from spyc import checked


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("alarm")


def with_alarm(fn, *args):
    old = signal.signal(signal.SIGALRM, on_alarm)
    # (0.1 s: long enough that a loaded machine does not fire it before the call is entered)
    signal.setitimer(signal.ITIMER_REAL, 0.1)
    try:
        return fn(*args)
    except Timeout as e:
        return "interrupted: " + str(e)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


@checked
def caught_inside(n: int) -> str:
    i = 0
    try:
        # not `while i < n:`, whose backward jump CPython 3.13 leaves outside the try
        # (python/cpython#130279): the compiled loop does not reproduce that bug
        while True:
            if i >= n:
                break
            i = i + 1
    except Timeout:
        return "caught inside the compiled function"
    return "finished without interruption"


@checked
def over_list(xs: list, rounds: int) -> str:
    total = 0
    for r in range(rounds):
        for x in xs:
            total = total + x
    return "finished without interruption"


@checked
def level3(k: int) -> int:
    s = 0
    for j in range(k):
        s += j & 3
    return s


@checked
def level2(k: int) -> int:
    s = 0
    for j in range(k):
        s += level3(k)
    return s


@checked
def level1(k: int, m: int) -> int:
    s = 0
    for j in range(m):
        s += level2(k)
    return s


def test_handler_exception_caught_by_compiled_try():
    return with_alarm(caught_inside, 10**9)


def test_generic_iterator_loop_interrupted():
    return with_alarm(over_list, list(range(1000)), 10**6)


def test_short_nested_loops_add_up():
    r = with_alarm(level1, 3000, 300)
    return r if isinstance(r, str) else "finished without interruption"


def test_no_alarm_result_unchanged():
    return level1(30, 4), caught_inside(5000)
