"""`with` in compiled functions (--all): BEFORE_WITH's lookups and error texts, __enter__'s value
bound by `as` (names, tuples, attributes, subscripts), __exit__'s arguments on every way out
(normal, exception, return, break, continue), suppression by a true result (and a failing
__bool__), exceptions in __enter__/__exit__ with their context and traceback lines, nested and
multi-item statements, sys.exception() inside __exit__, try/finally around and inside."""
import sys
import traceback

from spyc import checked

LOG = []


class CM:
    def __init__(self, name, suppress=False, fail_enter=False, fail_exit=False, value=None):
        self.name, self.suppress, self.fail_enter, self.fail_exit, self.value = name, suppress, fail_enter, fail_exit, value

    def __enter__(self):
        LOG.append(("enter", self.name))
        if self.fail_enter:
            raise KeyError("enter " + self.name)
        return self if self.value is None else self.value

    def __exit__(self, t, v, tb):
        handled = sys.exc_info()[1]
        LOG.append(("exit", self.name, t.__name__ if t else None, repr(v), tb is not None, repr(handled)))
        if self.fail_exit:
            raise RuntimeError("exit " + self.name)
        return self.suppress


class Falsy:
    def __bool__(self):
        raise ValueError("no truth")


class OddCM:
    def __enter__(self):
        return "odd"

    def __exit__(self, *a):
        LOG.append(("odd exit", len(a)))
        return Falsy() if a[0] is not None else None


class NoEnter:
    def __exit__(self, *a):
        return False


class NoExit:
    def __enter__(self):
        return 1


class InstanceOnly:
    pass


def tb_lines(e, base):
    return [(fr.name, fr.lineno - base) for fr in traceback.extract_tb(e.__traceback__) if fr.name != "run"]


def run(f, *args):
    LOG.clear()
    try:
        r = ("ok", f(*args))
    except BaseException as e:
        r = ("raised", type(e).__name__, str(e), repr(e.__context__), tb_lines(e, f.__code__.co_firstlineno))
    return r, list(LOG)


def plain(mode):
    with CM("a", suppress=mode == "suppress", fail_exit=mode == "fail_exit") as c:
        LOG.append(("body", c.name))
        if mode in ("raise", "suppress", "fail_exit"):
            raise ValueError("body")
    LOG.append("after")
    return c.name


def targets():
    d = {}
    obj = CM("holder")
    with CM("t", value=(1, (2, 3))) as (a, (b, c)), CM("s", value=9) as d["k"], CM("u", value=7) as obj.attr:
        LOG.append((a, b, c))
    return a, b, c, d, obj.attr


def bad_target():
    with CM("bt", value=5) as (x, y):
        LOG.append("unreached")


def ways_out(mode):
    for i in range(3):
        with CM(f"w{i}"):
            if mode == "return" and i == 1:
                return "returned"
            if mode == "break" and i == 1:
                break
            if mode == "continue":
                continue
            LOG.append(("tail", i))
    return "end"


def return_value_first():
    with CM("r"):
        return LOG.append("return value evaluated") or len(LOG)


def enter_fails():
    with CM("e", fail_enter=True):
        LOG.append("unreached")


def missing(kind):
    obj = {"noenter": NoEnter, "noexit": NoExit, "none": InstanceOnly}[kind]()
    with obj:
        LOG.append("unreached")


def not_a_cm():
    with 42:
        pass


def instance_attrs_ignored():
    o = InstanceOnly()
    o.__enter__ = lambda: 1
    o.__exit__ = lambda *a: None
    with o:
        pass


def odd(mode):
    with OddCM() as v:
        if mode:
            raise IndexError("odd")
        return v


def nested_suppress():
    with CM("outer"):
        with CM("inner", suppress=True):
            raise ValueError("swallowed")
        LOG.append("after inner")
    return "done"


def exit_error_context():
    with CM("x", fail_exit=True):
        raise ValueError("original")


def in_try_finally():
    try:
        with CM("tf"):
            try:
                raise ValueError("inner")
            finally:
                LOG.append("inner finally")
    except ValueError as e:
        LOG.append(("caught", str(e)))
    finally:
        LOG.append("outer finally")
    return "tf"


def with_in_except():
    try:
        raise KeyError("first")
    except KeyError:
        with CM("ex"):
            LOG.append(("inside", repr(sys.exc_info()[1])))
    return repr(sys.exc_info()[1])


def loop_many(n):
    total = 0
    for i in range(n):
        with CM("m", suppress=True):
            total += i
            if i % 3 == 0:
                raise ValueError(i)
    return total, len(LOG)


def test_plain():
    return [run(plain, m) for m in ("ok", "raise", "suppress", "fail_exit")]


def test_targets():
    return run(targets), run(bad_target)


def test_ways_out():
    return [run(ways_out, m) for m in ("return", "break", "continue", "none")]


def test_return_value_first():
    return run(return_value_first)


def test_enter_fails():
    return run(enter_fails)


def test_missing():
    return [run(missing, k) for k in ("noenter", "noexit", "none")], run(not_a_cm), run(instance_attrs_ignored)


def test_odd():
    return run(odd, False), run(odd, True)


def test_nested():
    return run(nested_suppress)


def test_exit_error_context():
    return run(exit_error_context)


def test_try_finally():
    return run(in_try_finally), run(with_in_except)


def test_loop():
    return run(loop_many, 10)


@checked
def checked_with(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    with CM("chk", suppress=True):
        s += 1
        if n > 3:
            raise ValueError(n)
        s += 10
    return s * 2


def test_checked():
    return run(checked_with, 3), run(checked_with, 5)
