"""f_locals of compiled frames (spz/frames.h): traceback frames show the function's locals at the
error (and their final values when the function went on after handling it), unbound locals are
absent, a callee sees its caller's current locals through sys._getframe(1) and
inspect.currentframe().f_back, a method using zero-argument super() shows its `__class__` cell,
and specialized functions show their unboxed locals in tracebacks. The interpreted @checked
wrapper adds frames of its own named like the function: runs of one name collapse to the
innermost frame."""
import inspect
import sys
from spyc import checked


def show(d):
    return sorted((k, v if isinstance(v, (int, float, str, list, tuple, type(None))) else type(v).__name__)
                  for k, v in d.items())


def tb_locals(fn, *args):
    try:
        fn(*args)
    except Exception as e:
        out = []
        tb = e.__traceback__.tb_next
        while tb is not None:
            name = tb.tb_frame.f_code.co_name
            if out and out[-1][0] == name:
                out.pop()
            out.append((name, tb.tb_lineno, show(tb.tb_frame.f_locals)))
            tb = tb.tb_next
        return type(e).__name__, out
    return "no error"


def fails(a, b):
    x = a + 1
    y = [x, b]
    z = y[a]
    w = z
    return w


def maybe(flag, v):
    if flag:
        u = v
    r = [v]
    return r[len(r) + 1]


def handled(n):
    k = n * 2
    try:
        v = [][n]
    except IndexError as e:
        err = e
    k = "after"
    return err


def nested_outer(n):
    m = n - 1
    return nested_inner(m) + 1


def nested_inner(m):
    q = m * 3
    return q // 0


def caller_locals():
    return show(sys._getframe(1).f_locals)


def back_locals():
    return show(inspect.currentframe().f_back.f_locals)


def live(a):
    b = a * 2
    first = caller_locals()
    b = "changed"
    c = [a, b]
    second = back_locals()
    return first, second


def own_locals(a):
    t = (a, a)
    return show(sys._getframe().f_locals)


def loop_locals(xs):
    seen = []
    for x in xs:
        seen.append(caller_locals())
    return seen


class Base:
    def size(self):
        return 1


class Child(Base):
    def size(self):
        s = super().size()
        return caller_locals(), s


def boom(v):
    raise ValueError(v)


@checked
def spec_sum(n: int) -> int:
    s = 0
    f = 0.5
    for i in range(n):
        s += i
        f += 1.0
    boom(s)
    return s


@checked
def spec_div(n: int) -> int:
    s = n * 3
    return s // (n - n)


def test_traceback_locals():
    return tb_locals(fails, 5, "b")


def test_traceback_unbound():
    return tb_locals(maybe, False, 3), tb_locals(fails, 7, None)


def test_handled_final_values():
    e = handled(3)
    return show(e.__traceback__.tb_frame.f_locals)


def test_nested_traceback():
    return tb_locals(nested_outer, 4)


def test_live_caller_locals():
    return live(7)


def test_own_frame_locals():
    return own_locals(2)


def test_loop_locals():
    return loop_locals([1, "two", 3.0])


def test_super_class_cell():
    (loc, s) = Child().size()
    return [k for k, _ in loc], s


def test_specialized_traceback():
    return tb_locals(spec_sum, 4)


def test_specialized_deopt_traceback():
    return tb_locals(spec_div, 6)


KEPT = []


def grab():
    KEPT.append(sys._getframe(1))


def keeps(a):
    b = a + 1
    grab()
    b = b * 10
    return b


def test_frame_kept_after_return():
    KEPT.clear()
    keeps(4)
    return show(KEPT.pop().f_locals)
