"""Signal handlers must run while compiled code loops (CPython checks for pending signals
between bytecodes): an alarm whose handler raises must interrupt a long compiled loop, both
a specialized i64 loop and a generic one. The loop bounds are large enough that the
interpreter is always interrupted long before finishing (a compiled loop that never checks
for signals finishes quickly and only then lets the handler run)."""
import signal
from spyc import checked


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout("alarm")


@checked
def spin_specialized(n: int) -> int:
    i = 0
    while i < n:
        i += 1
    return i


@checked
def spin_range(n: int) -> int:
    s = 0
    for i in range(n):
        s += i & 7
    return s


@checked
def spin_generic(n: int, step: object) -> object:
    i = 0
    while i < n:
        i = i + step
    return i


def interrupted(fn, *args):
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, 0.02)
    try:
        fn(*args)
        return "finished without interruption"
    except Timeout as e:
        return "interrupted: " + str(e)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


STOP = [False]


def on_alarm_flag(signum, frame):
    STOP[0] = True


@checked
def spin_until_flag(limit: int) -> str:
    i = 0
    while not STOP[0] and i < limit:
        i += 1
    if i < limit:
        return "stopped early by the handler"
    return "ran to the limit: the handler did not run during the loop"


def test_alarm_interrupts_specialized_while():
    return interrupted(spin_specialized, 2 * 10**7)


def test_alarm_interrupts_specialized_range():
    return interrupted(spin_range, 2 * 10**7)


def test_alarm_interrupts_generic_loop():
    return interrupted(spin_generic, 5 * 10**6, 1)


def test_handler_runs_during_compiled_loop():
    STOP[0] = False
    old = signal.signal(signal.SIGALRM, on_alarm_flag)
    signal.setitimer(signal.ITIMER_REAL, 0.02)
    try:
        return spin_until_flag(5 * 10**6)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
