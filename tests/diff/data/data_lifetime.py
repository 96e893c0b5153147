"""Object lifetime under reference counting, as observed through __del__ and weakref
callbacks: temporaries die right after use, rebinding or `del` releases the old object at
that statement, locals die when the function returns, exceptions release their frames' locals.
(CPython guarantees none of this in the language spec, but every CPython program observes it:
files closed by refcount, context-free cleanup. Divergence is reported, see 6.8 "timing".)"""
import weakref
from spyc import checked

LOG = []


class Tracker:
    def __init__(self, name):
        self.name = name
        self.value = len(name)

    def __del__(self):
        LOG.append("del " + self.name)


def take():
    out = LOG[:]
    del LOG[:]
    return out


@checked
def temporary_attribute() -> int:
    v = Tracker("temp").value
    LOG.append("after temp")
    return v


@checked
def rebinding() -> int:
    a = Tracker("first")
    LOG.append("bound first")
    a = Tracker("second")
    LOG.append("bound second")
    return a.value


@checked
def explicit_del() -> str:
    a = Tracker("deleted")
    del a
    LOG.append("after del")
    return "done"


@checked
def temp_in_call_args() -> int:
    n = len([Tracker("in-list")])
    LOG.append("after call")
    return n


@checked
def loop_rebinding(n: int) -> int:
    for i in range(n):
        t = Tracker("loop%d" % i)
        LOG.append("made loop%d" % i)
    return n


@checked
def returned_object_survives() -> object:
    keep = Tracker("kept")
    tmp = Tracker("local")
    LOG.append("returning")
    return keep


@checked
def exception_releases_locals() -> None:
    t = Tracker("in-raising-frame")
    raise ValueError("boom")


def weakref_probe():
    obj = Tracker("weak")
    ref = weakref.ref(obj, lambda r: LOG.append("callback"))
    return ref, obj


@checked
def drop_strong(flag: bool) -> bool:
    ref, obj = weakref_probe()
    obj = None
    LOG.append("dropped")
    return ref() is None


def test_temporary_dies_immediately():
    take()
    r = temporary_attribute()
    return r, take()


def test_rebinding_releases_old():
    take()
    r = rebinding()
    return r, take()


def test_explicit_del():
    take()
    r = explicit_del()
    return r, take()


def test_temp_in_call_args():
    take()
    r = temp_in_call_args()
    return r, take()


def test_loop_rebinding():
    take()
    r = loop_rebinding(3)
    return r, take()


def test_returned_object_survives():
    take()
    r = returned_object_survives()
    log = take()
    name = r.name
    del r
    return name, log, take()


def test_exception_frame_locals():
    take()
    try:
        exception_releases_locals()
    except ValueError as e:
        msg = str(e)
    return msg, take()


def test_weakref_callback_order():
    take()
    r = drop_strong(True)
    return r, take()
