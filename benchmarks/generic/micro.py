"""Generic-code micro-benchmarks (issue 14): each function runs one loop body n times.

Nothing is annotated, so `spyc build --all` compiles every function to generic code. The
runner (micro_run.py) times each row under CPython and compiled, ns per loop iteration.
"""


class V:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def dot(self, o):
        return self.x * o.x + self.y * o.y

    def add(self, o):
        return V(self.x + o.x, self.y + o.y)


K = 3


def f(i):
    return i


def attr_load(n):
    v = V(1.0, 2.0)
    s = 0.0
    for i in range(n):
        s += v.x + v.y
    return s


def method_call(n):
    v = V(1.0, 2.0)
    s = 0.0
    for i in range(n):
        s += v.dot(v)
    return s


def construct(n):
    w = None
    for i in range(n):
        w = V(1.0, 2.0)
    return w.x


def method_alloc(n):
    v = V(1.0, 2.0)
    w = V(0.0, 0.0)
    for i in range(n):
        w = w.add(v)
    return w.x


def func_call(n):
    s = 0
    for i in range(n):
        s += f(i)
    return s


def global_load(n):
    s = 0
    for i in range(n):
        s += K
    return s


def empty_loop(n):
    s = 0
    for i in range(n):
        pass
    return s


ROWS = [
    ("s += v.x + v.y", attr_load),
    ("s += v.dot(v)", method_call),
    ("w = V(1.0, 2.0)", construct),
    ("w = w.add(v)", method_alloc),
    ("s += f(i)", func_call),
    ("s += K", global_load),
    ("(empty loop)", empty_loop),
]
