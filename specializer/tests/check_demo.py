"""Differential checks for the spz_demo extension (run by tests/unit/specializer.test.ts).

Imports the compiled `spz_demo` and the same source interpreted as `spz_demo_py`, then compares
results, error texts and tracebacks. Prints "OK <n>" on success; any failure raises."""
import importlib.util
import inspect
import pickle
import sys
import os
import traceback

# This directory holds spz_demo.py itself: keep it off sys.path so the extension is imported.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

import spz_demo as C  # noqa: E402

SRC = sys.argv[1]
spec = importlib.util.spec_from_file_location("spz_demo_py", SRC)
P = importlib.util.module_from_spec(spec)
spec.loader.exec_module(P)

n = 0


def outcome(fn):
    try:
        return ("ok", fn())
    except Exception as e:
        return ("err", type(e).__name__, str(e))


def same(label, fc, fp):
    global n
    a, b = outcome(fc), outcome(fp)
    # the interpreted copy is imported as spz_demo_py; CPython quotes module names in some texts
    b = tuple(x.replace("spz_demo_py.", "spz_demo.") if isinstance(x, str) else x for x in b)
    assert a == b, f"{label}: compiled {a!r} != interpreted {b!r}"
    n += 1


def tb_lines(fn):
    try:
        fn()
    except Exception as e:
        return [(fs.filename, fs.lineno, fs.name) for fs in traceback.extract_tb(e.__traceback__)][2:]
    raise AssertionError("no exception")


# --- the compiled functions really are compiled ---------------------------------------------
for name in ("add", "boom", "guarded", "scaled"):
    assert type(getattr(C, name)).__name__ == "spyc_function", name
assert type(C.Point.__dict__["norm1"]).__name__ == "spyc_function"
assert type(C.interpreted).__name__ == "function"
assert "__spyc_native__" not in vars(C)

# --- results and binding errors, against CPython's own ---------------------------------------
calls = {
    "add(1)": lambda m: m.add(1),
    "add(1, 5)": lambda m: m.add(1, 5),
    "add(a=3, b=4)": lambda m: m.add(a=3, b=4),
    "add(b=4, a=3)": lambda m: m.add(b=4, a=3),
    "add()": lambda m: m.add(),
    "add(1, 2, 3)": lambda m: m.add(1, 2, 3),
    "add(1, c=2)": lambda m: m.add(1, c=2),
    "add(1, a=2)": lambda m: m.add(1, a=2),
    "add(1.5)": lambda m: m.add(1.5),
    "add(True)": lambda m: m.add(True),
    "add(1, b='x')": lambda m: m.add(1, b="x"),
    "add(2**70)": lambda m: m.add(2**70),
    "boom()": lambda m: m.boom(),
    "boom(1, key=2, x=3)": lambda m: m.boom(1, key=2, x=3),
    "boom(x=1)": lambda m: m.boom(x=1),
    "guarded(1, 2)": lambda m: m.guarded(1, 2),
    "guarded(1.5, 0.5)": lambda m: m.guarded(1.5, 0.5),
    "guarded(1, 0)": lambda m: m.guarded(1, 0),
    "guarded('a', 1)": lambda m: m.guarded("a", 1),
    "guarded(1, True)": lambda m: m.guarded(1, True),
    "guarded(2**2000, 1)": lambda m: m.guarded(2**2000, 1),
    "guarded(1)": lambda m: m.guarded(1),
    "scaled(3)": lambda m: m.scaled(3),
    "scaled('ab')": lambda m: m.scaled("ab"),
    "Point(3,-4).norm1(1)": lambda m: m.Point(3, -4).norm1(1),
    "Point(3,-4).norm1(k=1)": lambda m: m.Point(3, -4).norm1(k=1),
    "Point.norm1(Point(1,1), 2)": lambda m: m.Point.norm1(m.Point(1, 1), 2),
    "Point(3,-4).norm1(1.0)": lambda m: m.Point(3, -4).norm1(1.0),
    "Point(3,-4).norm1()": lambda m: m.Point(3, -4).norm1(),
    "plain(5)": lambda m: m.plain(5),
}
for label, call in calls.items():
    same(label, lambda: call(C), lambda: call(P))

# --- try/except helpers (boom's C body implements the protocol by hand) ----------------------
r = C.boom("catch", 1, 2, key=3, z=4)
assert r == (True, (1, 2), 3, {"z": 4}), r
assert sys.exc_info() == (None, None, None)
for x, exp in [("reraise", ("ValueError", "")), ("chain", ("KeyError", "'chain'")),
               ("unbound", ("UnboundLocalError", "cannot access local variable 'r' where it is not associated with a value")),
               ("global", ("NameError", "name 'missing_name' is not defined")),
               ("badexc", ("TypeError", "catching classes that do not inherit from BaseException is not allowed")),
               ("plain", ("ValueError", "plain"))]:
    try:
        C.boom(x)
    except Exception as e:
        assert (type(e).__name__, str(e)) == exp, (x, e)
        if x == "chain":
            assert type(e.__context__) is ZeroDivisionError and e.__cause__ is None and not e.__suppress_context__
        if x == "badexc":
            assert type(e.__context__) is ValueError
        if x == "global":
            assert e.name == "missing_name"
        n += 1
    else:
        raise AssertionError(x)
    assert sys.exc_info() == (None, None, None), x
try:
    C.boom("chain", q=1)  # raise ... from None
except KeyError as e:
    assert e.__suppress_context__ and e.__cause__ is None
# the handled exception is visible in the handler and restored afterwards
try:
    raise OSError("outer")
except OSError as outer:
    assert C.boom("catch")[0] is True
    assert sys.exc_info()[1] is outer
    try:
        C.boom("finally", q=1)
    except ValueError as e:
        assert e.__context__ is outer
    assert sys.exc_info()[1] is outer
d = {}
try:
    C.boom("finally", **d)
except ValueError:
    pass

# --- tracebacks: compiled frames point at the source lines -----------------------------------
assert tb_lines(lambda: C.boom("plain")) == [(SRC, 30, "boom")], tb_lines(lambda: C.boom("plain"))
assert tb_lines(lambda: C.boom("reraise")) == [(SRC, 40, "boom")]
assert tb_lines(lambda: C.guarded(1, 0)) == [(SRC, 35, "guarded")]
assert tb_lines(lambda: C.scaled(None)) == [(SRC, 39, "scaled")]
assert tb_lines(lambda: C.interpreted(0)) == [(SRC, 20, "interpreted")]
assert tb_lines(lambda: C.calls_compiled(0)) == [(SRC, 52, "calls_compiled"), (SRC, 35, "guarded")]
assert tb_lines(lambda: C.call_star(len, 5)) == [(SRC, 74, "call_star")]
try:
    C.boom("plain")
except ValueError:
    text = traceback.format_exc()
assert f'File "{SRC}", line 30, in boom\n    raise ValueError(x)' in text, text
n += 6

# --- attributes ------------------------------------------------------------------------------
f = C.add
assert f.__name__ == "add" and f.__qualname__ == "add" and f.__module__ == "spz_demo"
assert f.__doc__ == "Add two ints."
assert f.__defaults__ == (2,) and f.__kwdefaults__ is None
assert f.__annotations__ == {"a": int, "b": int, "return": int}
assert inspect.isfunction(f.__wrapped__) and f.__wrapped__.__name__ == "add"
assert repr(f).startswith("<function add at 0x")
assert str(inspect.signature(f)) == str(inspect.signature(P.add)) == "(a: int, b: int = 2) -> int"
assert str(inspect.signature(C.boom)) == "(x, *rest, key=None, **kw)"
assert str(inspect.signature(C.Point(1, 2).norm1)) == "(k: int) -> int"
assert C.boom.__kwdefaults__ == {"key": None}
f.custom = 5
assert f.__dict__["custom"] == 5 and f.custom == 5
assert C.add.__dict__ is not C.add.__wrapped__.__dict__
assert C.tagged.tag == "T"  # __dict__ copied from the Python function
assert C.Point.__dict__["norm1"].__get__(None, C.Point) is C.Point.__dict__["norm1"]
assert C.Point.norm1 is C.Point.__dict__["norm1"]
bm = C.Point(1, 2).norm1
assert bm.__self__.x == 1 and bm.__func__ is C.Point.__dict__["norm1"]
assert pickle.loads(pickle.dumps(C.add)) is C.add
assert pickle.loads(pickle.dumps(C.Point.norm1)) is C.Point.norm1
import copy
assert copy.deepcopy(C.add) is C.add
# settable attributes behave like a function's
C.scaled.__qualname__ = "renamed"
same("renamed", lambda: C.scaled(), lambda: (_ for _ in ()).throw(TypeError("renamed() missing 1 required positional argument: 'v'")))
C.scaled.__qualname__ = "scaled"
C.scaled.__defaults__ = (7,)
assert C.scaled() == 70
C.scaled.__defaults__ = None
for attr, val, msg in [("__qualname__", 5, "__qualname__ must be set to a string object"),
                       ("__name__", None, "__name__ must be set to a string object"),
                       ("__defaults__", [1], "__defaults__ must be set to a tuple object"),
                       ("__kwdefaults__", (1,), "__kwdefaults__ must be set to a dict object")]:
    same(attr, lambda: setattr(C.scaled, attr, val), lambda: setattr(P.scaled, attr, val))
C.boom.__kwdefaults__ = {}
same("kwdefaults-missing", lambda: C.boom(1), lambda: (_ for _ in ()).throw(
    TypeError("boom() missing 1 required keyword-only argument: 'key'")))
C.boom.__kwdefaults__ = {"key": None}

# --- staticmethod / classmethod re-wrapping ---------------------------------------------------
assert type(C.Shape.__dict__["origin"]) is staticmethod
assert type(C.Shape.__dict__["origin"].__func__).__name__ == "spyc_function"
assert C.Shape.origin() == (0, 0) and C.Shape().origin() == (0, 0)
assert type(C.Shape.__dict__["make"]) is classmethod
assert type(C.Shape.__dict__["make"].__func__).__name__ == "spyc_function"
same("classmethod", lambda: C.Shape.make(5).x, lambda: P.Shape.make(5).x)
same("classmethod bad", lambda: C.Shape.make(5.0), lambda: P.Shape.make(5.0))
same("classmethod inst", lambda: C.Shape().make(x=2).x, lambda: P.Shape().make(x=2).x)


# --- call-site, unpacking and f-string helpers, against CPython ---------------------------------
def f3(a, b=2, *c, d=0, **e):
    return (a, b, c, d, e)


class M:
    def keys(self):
        return ["d", "z"]

    def __getitem__(self, k):
        return k * 2


class BadKeys:
    def keys(self):
        raise AttributeError("inner")


def gen():
    yield 1
    raise KeyError("from gen")


cases = [
    ("call_star", (f3, 5)), ("call_star", (f3, [1, 2])), ("call_star", (f3, (1, 2, 3, 4))), ("call_star", (f3, gen())),
    ("call_star", (len, 5)), ("call_star", (dict.get, 5)), ("call_star", (print, None)), ("call_star", (f3, "ab")),
    ("call_star", (C.add, 5)), ("call_star", (C.Point(1, 2).norm1, 5)), ("call_star", (f3, ())),
    ("call_one_star", (f3, 5)), ("call_one_star", (f3, [2, 3])), ("call_one_star", (f3, iter([2]))),
    ("call_kw", (f3, 5)), ("call_kw", (f3, {"a": 1})), ("call_kw", (f3, M())), ("call_kw", (f3, BadKeys())),
    ("call_kw", (len, 5)), ("call_kw", (f3, {1: 2})), ("call_kw", (C.add, [1])),
    ("call_d_kw", (f3, {"d": 2})), ("call_d_kw", (f3, {"a": 0, "x": 1})), ("call_d_kw", (f3, M())),
    ("call_kw2", (f3, {"a": 1}, {"a": 2})), ("call_kw2", (f3, {1: 1}, {1: 2})), ("call_kw2", (f3, {"a": 1}, {"d": 2})),
    ("call_kw2", (f3, {"a": 1}, 7)),
    ("unpack2", ([1, 2],)), ("unpack2", ([1, 2, 3],)), ("unpack2", (5,)), ("unpack2", (iter([1]),)), ("unpack2", ("ab",)),
    ("unpack2", (None,)), ("unpack2", ({"k": 1, "j": 2},)), ("unpack2", (gen(),)),
    ("unpack3", ((1, 2),)), ("unpack3", ((1, 2, 3),)), ("unpack3", (range(4),)),
    ("unpack_ex", ((1, 2),)), ("unpack_ex", (range(5),)), ("unpack_ex", ("xyz",)), ("unpack_ex", (iter([1, 2, 3]),)),
    ("unpack_ex", (5,)), ("unpack_ex", ([1, 2, 3, 4, 5, 6],)),
    ("unpack_ex0", ([],)), ("unpack_ex0", ([1],)), ("unpack_ex0", ("abc",)),
    ("fmt", (3.5, "")), ("fmt", (3.5, ">10")), ("fmt", ("é", "^9")), ("fmt", (None, "d")), ("fmt", (42, "x")),
]
for name, args in cases:
    # generators and iterators are single-use: give each run a fresh one
    def fresh(a):
        if type(a).__name__ == "generator":
            return lambda: gen()
        if type(a).__name__.endswith("iterator"):
            items = list(a)
            return lambda: iter(items)
        return lambda: a
    makers = [fresh(a) for a in args]
    args = tuple(m() for m in makers)
    args_p = tuple(m() for m in makers)
    pa = tuple(P.add if a is C.add else a for a in args_p)
    same(f"{name}{args!r}", lambda: getattr(C, name)(*args), lambda: getattr(P, name)(*pa))

# --- module globals ---------------------------------------------------------------------------
C.SCALE = 3
assert C.scaled(2) == 6
del C.SCALE
same("missing global", lambda: C.scaled(2), lambda: (_ for _ in ()).throw(NameError("name 'SCALE' is not defined")))
C.SCALE = 10
print("OK", n)
