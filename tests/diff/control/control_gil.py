"""Other threads must get the GIL while compiled code loops (CPython hands the GIL over every
switch interval, 5 ms by default): a loop that waits for a flag set by another thread must
see it long before its iteration limit."""
import threading
import time
from spyc import checked

FLAG = [False]


@checked
def wait_for_flag(limit: int) -> str:
    i = 0
    while not FLAG[0] and i < limit:
        i += 1
    if FLAG[0] and i < limit:
        return "saw the flag set by the other thread"
    return "ran to the limit: the other thread never ran"


def setter(started):
    started.set()
    time.sleep(0.01)  # releases the GIL; the loop below is running when it wants it back
    FLAG[0] = True


def test_other_thread_runs_during_compiled_loop():
    FLAG[0] = False
    started = threading.Event()
    t = threading.Thread(target=setter, args=(started,))
    t.start()
    try:
        return wait_for_flag(5 * 10**6)
    finally:
        t.join()
