"""Spec 6.11: record(cls) -- typed mutable records (and their rows of the 6.7 catalogue)."""
import copy
import dataclasses
import math
import pickle
import threading
import weakref

import pytest
from _props import given, st

import spyc
from conftest import define, expect
from spyc import checked, frozen, record

m = define('''
    import typing
    from typing import Any, ClassVar, Optional
    from spyc import checked, frozen, i64, record

    @record
    class Body:
        """A body."""
        x: float
        vx: float
        mass: float = 1.0
        name: str = "b"
        G: ClassVar[float] = 6.67
        SCALE = 2  # a plain class constant

        def speed2(self):
            return self.vx * self.vx

        @checked
        def kick(self, dv: float) -> None:
            self.vx += dv

        @checked
        def moved(self, dt: float) -> "Body":
            return Body(self.x + self.vx * dt, self.vx, self.mass, self.name)

        @classmethod
        @checked
        def at(cls, x: float) -> "Body":
            return cls(x, 0.0)

        @staticmethod
        @checked
        def add(a: int, b: int) -> int:
            return a + b

        @property
        @checked
        def momentum(self) -> float:
            return self.vx * self.mass

    @record
    class Counter:
        n: i64
        flag: bool
        tags: list
        ref: "Optional[Counter]"
        any: object
        anything: Any
        pt: "Pt | None"
        pair: tuple[int, float]

        def __init__(self, n=0, flag=False):
            self.n = n
            self.flag = flag
            self.tags = []
            self.ref = None
            self.any = None
            self.anything = None
            self.pt = None
            self.pair = (0, 0.0)

    @frozen
    class Pt:
        a: int

    @record
    class Node:
        value: int
        nxt: "Optional[Node]" = None

    @record
    class Post:
        lo: float
        hi: float
        span: float = 0.0
        calls: int = 0

        def __post_init__(self):
            self.span = self.hi - self.lo
            self.calls += 1

    @record
    class Empty:
        pass

    @record
    class WithSuper:
        x: int

        def __repr__(self):
            return "WS:" + super().__repr__()[:0] + str(self.x) + ":" + __class__.__name__

        def cls_ok(self):
            return __class__ is WithSuper

    class Plain:
        pass

    class PlainSub(Plain):
        pass

    @record
    class Holder:
        p: Plain
        xs: "list[Body]"

    @checked
    def total_mass(bodies: "list[Body]", extra: Body) -> float:
        return sum(b.mass for b in bodies) + extra.mass

    @checked
    def push(b: Body, dv: float) -> None:
        b.vx = b.vx + dv
''')

B = m.Body


# ---------------------------------------------------------------- preconditions

def test_preconditions():
    with expect(TypeError, "record() argument must be a class, not int"):
        record(1)
    with expect(TypeError, "record() argument must be a class, not function"):
        record(lambda: 0)

    class Meta(type):
        pass

    class M(metaclass=Meta):
        pass
    with expect(TypeError, f"record class '{M.__qualname__}' cannot have a custom metaclass"):
        record(M)

    class Base:
        pass

    class D(Base):
        pass
    with expect(TypeError, f"record class '{D.__qualname__}' cannot inherit from 'Base'"):
        record(D)
    for name in ("__slots__", "__setattr__", "__delattr__", "__new__", "__hash__"):
        C = type("C", (), {name: (lambda self: 0) if name == "__hash__" else ()})
        with expect(TypeError, f"record class 'C' cannot define {name}"):
            record(C)
    # __hash__ = None (also what defining __eq__ alone implies) is allowed
    assert record(type("H", (), {"__hash__": None})).__hash__ is None
    mod = define('''
        class X:
            a: int = 1
            b: int
        class Y:
            a: int = 1
            b: int
            def __init__(self):
                self.b = 2
    ''')
    with expect(TypeError, "non-default field 'b' follows default field in record class 'X'"):
        record(mod.X)
    assert record(mod.Y)().a == 1  # allowed with a user __init__


# ---------------------------------------------------------------- the class

def test_class_shape():
    assert B.__name__ == "Body" and B.__qualname__ == "Body" and B.__module__ == m.__name__
    assert B.__doc__ == "A body."
    assert B.__slots__ == ("x", "vx", "mass", "name", "__weakref__")
    assert B.__match_args__ == ("x", "vx", "mass", "name")
    assert B.G == 6.67 and B.SCALE == 2
    b = B(1.0, 2.0)
    assert not hasattr(b, "__dict__")
    assert weakref.ref(b)() is b
    assert m.Empty() == m.Empty() and repr(m.Empty()) == "Empty()"
    assert B.__hash__ is None
    assert isinstance(B.__dict__, type(type.__dict__))


def test_match_args_in_match_statement():
    ns = {}
    exec("def f(b):\n    match b:\n        case Body(x, vx):\n            return (x, vx)\n", {"Body": B}, ns)
    assert ns["f"](B(1, 2)) == (1.0, 2.0)


def test_class_immutability_finality_new():
    with expect(TypeError, "cannot set 'SCALE' attribute of immutable type 'Body'"):
        B.SCALE = 3
    with expect(TypeError, "cannot set 'speed2' attribute of immutable type 'Body'"):
        del B.speed2
    with expect(TypeError, "type 'Body' is not an acceptable base type"):
        class Sub(B):
            pass
    with expect(TypeError, "type 'Body' is not an acceptable base type"):
        type("Sub", (B,), {})
    with expect(TypeError, "type 'Counter' is not an acceptable base type"):
        class Sub2(int, m.Counter):
            pass
    with expect(TypeError, "cannot create 'Body' instances"):
        B.__new__(B)
    with expect(TypeError, "cannot create 'Counter' instances"):
        m.Counter.__new__(m.Counter, 1)
    assert B.SCALE == 2


# ---------------------------------------------------------------- construction

def test_generated_init_checks_and_promotes():
    b = B(1, 2)
    assert (b.x, b.vx, b.mass, b.name) == (1.0, 2.0, 1.0, "b")
    assert type(b.x) is float and type(b.vx) is float
    with expect(TypeError, "Body.x must be float, not bool"):
        B(True, "also bad")  # field order: x first
    with expect(TypeError, "Body.vx must be float, not str"):
        B(1, "a")
    with expect(TypeError, "Body.name must be str, not int"):
        B(1, 2, 3, 4)
    with expect(OverflowError, "int too large to convert to float"):
        B(1, 10**400)


def test_generated_init_binding_errors():
    with expect(TypeError, "Body.__init__() missing 2 required positional arguments: 'x' and 'vx'"):
        B()
    with expect(TypeError, "Body.__init__() takes from 3 to 5 positional arguments but 6 were given"):
        B(1, 2, 3, "n", 5)
    with expect(TypeError, "Body.__init__() got an unexpected keyword argument 'z'"):
        B(1, 2, z=2)
    assert B(vx=1.5, x=2) == B(2, 1.5)


def test_reinit_is_allowed_and_checked():
    b = B(1, 2)
    b.__init__(3, 4, 5, "q")
    assert (b.x, b.vx, b.mass, b.name) == (3.0, 4.0, 5.0, "q")
    with expect(TypeError, "Body.mass must be float, not str"):
        b.__init__(7, 8, "heavy")
    assert b.x == 3.0  # arguments are checked before anything is stored
    p = m.Post(1, 4)
    assert (p.span, p.calls) == (3.0, 1) and type(p.lo) is float
    p.__init__(0, 10)
    assert (p.span, p.calls) == (10.0, 1)  # re-init stores calls=0, post_init runs again


def test_post_init_stores_are_checked():
    mod = define('''
        from spyc import record
        @record
        class Q:
            a: int
            b: int = 0
            def __post_init__(self):
                self.b = "no"
    ''')
    with expect(TypeError, "Q.b must be int, not str"):
        mod.Q(1)


def test_user_init():
    c = m.Counter()
    assert (c.n, c.flag, c.tags, c.ref) == (0, False, [], None)
    assert m.Counter(5, True).n == 5
    with expect(TypeError, "Counter.n must be i64, not str"):
        m.Counter("5")
    with expect(OverflowError, "Counter.n out of range for i64"):
        m.Counter(2**63)
    with expect(TypeError, "Counter.__init__() takes from 1 to 3 positional arguments but 4 were given"):
        m.Counter(1, 2, 3)
    assert m.Counter().tags is not m.Counter().tags


def test_user_init_errors():
    mod = define('''
        from spyc import record
        @record
        class U:
            a: int
            b: int
            c: str = "dflt"
            def __init__(self, mode):
                if mode == "extra":
                    self.z = 1
                elif mode == "ret":
                    self.a = self.b = 0
                    return 5
                elif mode == "unset":
                    self.a = 1
                elif mode == "ok":
                    self.a = 1
                    self.b = 2
                elif mode == "badc":
                    self.a = self.b = 1
                    self.c = 3
    ''')
    with expect(AttributeError, "'U' object has no attribute 'z'"):
        mod.U("extra")
    with expect(TypeError, "__init__() should return None, not 'int'"):
        mod.U("ret")
    with expect(TypeError, "U.__init__() did not set field 'b'"):
        mod.U("unset")
    with expect(TypeError, "U.c must be str, not int"):
        mod.U("badc")
    u = mod.U("ok")
    assert (u.a, u.b, u.c) == (1, 2, "dflt")


def test_checked_user_init():
    mod = define('''
        from spyc import checked, record
        @record
        class R:
            lo: float
            hi: float
            @checked
            def __init__(self, lo: float, hi: float = 1) -> None:
                self.lo = lo
                self.hi = hi
    ''')
    r = mod.R(0)
    assert (r.lo, r.hi) == (0.0, 1.0) and type(r.lo) is float
    with expect(TypeError, "R.__init__() argument 'lo' must be float, not str"):
        mod.R("0")
    with expect(TypeError, "R.__init__() argument 'self' must be R, not int"):
        mod.R.__init__(5, 1.0)


def test_user_init_defaults_are_checked():
    mod = define('''
        from spyc import record
        @record
        class D:
            a: int = "not an int"
            def __init__(self):
                pass
    ''')
    with expect(TypeError, "D.a must be int, not str"):
        mod.D()


# ---------------------------------------------------------------- stores

def test_stores_are_checked_and_promoted():
    b = B(1.0, 2.0)
    b.x = 5
    assert b.x == 5.0 and type(b.x) is float
    b.vx -= 1
    assert b.vx == 1.0 and type(b.vx) is float
    setattr(b, "mass", 3)
    assert type(b.mass) is float
    for bad, tn in ((True, "bool"), ("1", "str"), (None, "NoneType"), (1j, "complex")):
        with expect(TypeError, f"Body.x must be float, not {tn}"):
            b.x = bad
    with expect(TypeError, "Body.name must be str, not int"):
        b.name = 1
    with expect(OverflowError, "int too large to convert to float"):
        b.vx = 10**400
    assert (b.x, b.vx, b.mass, b.name) == (5.0, 1.0, 3.0, "b")  # failed stores wrote nothing


def test_store_kinds():
    c = m.Counter()
    c.n = 2**63 - 1
    with expect(OverflowError, "Counter.n out of range for i64"):
        c.n = 2**63
    with expect(TypeError, "Counter.n must be i64, not float"):
        c.n = 1.0
    assert c.n == 2**63 - 1
    with expect(TypeError, "Counter.flag must be bool, not int"):
        c.flag = 1
    c.flag = True
    c.tags = [1, "mixed"]  # containers: exact type, elements unchecked
    with expect(TypeError, "Counter.tags must be list, not tuple"):
        c.tags = (1,)

    class L(list):
        pass
    with expect(TypeError, f"Counter.tags must be list, not {__name__}.{L.__qualname__}"):
        c.tags = L()
    c.ref = c  # records may refer to themselves
    assert c.ref is c
    with expect(TypeError, "Counter.ref must be Counter | None, not int"):
        c.ref = 1
    for v in (1, "s", [1], c, None):  # object / Any: unchecked
        c.any = v
        c.anything = v
        assert c.any is v and c.anything is v
    c.pt = m.Pt(1)
    with expect(TypeError, "Counter.pt must be Pt | None, not tuple"):
        c.pt = (1,)
    c.pair = (1, 2)
    assert c.pair == (1, 2.0) and type(c.pair[1]) is float
    with expect(TypeError, "Counter.pair[1] must be float, not str"):
        c.pair = (1, "2")
    with expect(TypeError, "Counter.pair must be tuple of length 2, not tuple of length 1"):
        c.pair = (1,)


def test_isinstance_and_record_fields():
    h = m.Holder(m.PlainSub(), [B(1, 2)])
    assert type(h.p) is m.PlainSub  # other classes: isinstance
    with expect(TypeError, "Holder.p must be Plain, not int"):
        h.p = 1
    n = m.Node(1, m.Node(2))
    with expect(TypeError, "Node.nxt must be Node | None, not " + m.__name__ + ".Body"):
        n.nxt = B(1, 2)


def test_non_field_names_and_deletes():
    b = B(1, 2)
    with expect(AttributeError, "'Body' object has no attribute 'z'"):
        b.z = 1
    with expect(AttributeError, "'Body' object has no attribute '__class__'"):
        b.__class__ = m.Node
    with expect(AttributeError, "'Body' object has no attribute 'G'"):
        b.G = 1.0  # a ClassVar is not a field
    with expect(TypeError, "cannot delete field 'x' of record 'Body'"):
        del b.x
    with expect(AttributeError, "'Body' object has no attribute 'nope'"):
        del b.nope
    assert b.x == 1.0 and type(b) is B


def test_bypassing_methods_do_not_see_a_dict():
    b = B(1, 2)
    with pytest.raises(AttributeError):
        b.__dict__
    assert vars(B)["x"].__get__(b, B) == 1.0


# ---------------------------------------------------------------- lazy resolution

def test_lazy_field_resolution():
    mod = define('''
        from spyc import record
        @record
        class A:
            b: "Later"
    ''')
    with expect(NameError, "name 'Later' is not defined"):
        mod.A(1)
    with expect(NameError, "name 'Later' is not defined"):
        mod.A(1)  # retried

    class Later:
        pass
    mod.Later = Later
    a = mod.A(Later())
    with expect(TypeError, f"A.b must be {Later.__qualname__}, not int"):
        a.b = 1


def test_lazy_resolution_on_first_store_and_unpickle():
    mod = define('''
        from spyc import record
        @record
        class S:
            v: "Thing"
            def __init__(self):
                self.v = 1
    ''')
    with expect(NameError, "name 'Thing' is not defined"):
        mod.S()
    with expect(NameError, "name 'Thing' is not defined"):
        spyc._reconstruct_record(mod.S, (1,))
    mod.Thing = int
    assert mod.S().v == 1


@pytest.mark.parametrize("ann", ["typing.Literal[1]", "typing.TypeVar('T')", "'1 +'"])
def test_unsupported_field_annotation(ann):
    mod = define(f'''
        import typing
        from spyc import record
        @record
        class F:
            v: {ann}
    ''')
    with expect(TypeError, f"F.v: unsupported annotation {mod.F.__annotations__['v']!r}"):
        mod.F(1)


def test_record_annotation_in_checked_and_frozen():
    b = B(1, 2, 3)
    assert m.total_mass([b, b], b) == 9.0
    with expect(TypeError, "total_mass() argument 'extra' must be Body, not " + m.__name__ + ".Node"):
        m.total_mass([], m.Node(1))
    m.push(b, 1)
    assert b.vx == 3.0
    mod = define('''
        from spyc import frozen, record
        @record
        class R:
            v: int
        @frozen
        class F:
            r: R
    ''')
    with expect(TypeError, f"F.r: unsupported annotation {mod.F.__annotations__['r']!r}"):
        mod.F(mod.R(1))  # frozen fields stay deeply immutable (P5)


# ---------------------------------------------------------------- generated members

def test_eq():
    a = B(1, 2.0)
    assert a == B(1.0, 2) and a != B(1, 3)
    assert a.__eq__(m.Node(1)) is NotImplemented and a != (1.0, 2.0, 1.0, "b")
    nan = float("nan")
    q = B(1, nan)
    assert q == q  # identity shortcut
    assert not (q == B(1, nan))
    c = m.Counter()
    c.ref = c
    d = m.Counter()
    d.ref = d
    with pytest.raises(RecursionError):
        c == d  # no cycle guard beyond identity


def test_never_hashable():
    b = B(1, 2)
    for thunk in (lambda: hash(b), lambda: {b}, lambda: {b: 1}):
        with expect(TypeError, "unhashable type: 'Body'"):
            thunk()


def test_repr():
    assert repr(B(1, 2.5)) == "Body(x=1.0, vx=2.5, mass=1.0, name='b')"
    assert repr(m.Node(1, m.Node(2))) == "Node(value=1, nxt=Node(value=2, nxt=None))"
    n = m.Node(1)
    n.nxt = m.Node(2, n)
    assert repr(n) == "Node(value=1, nxt=Node(value=2, nxt=...))"
    assert repr(n.nxt) == "Node(value=2, nxt=Node(value=1, nxt=...))"
    assert repr(m.WithSuper(3)) == "WS:3:WithSuper" and m.WithSuper(3).cls_ok()


def test_repr_guard_is_per_thread():
    outer = m.Counter()
    seen = []

    class Probe:
        spawned = False

        def __repr__(self):
            if not Probe.spawned:  # while this thread is inside repr(outer) ...
                Probe.spawned = True
                t = threading.Thread(target=lambda: seen.append(repr(outer)))
                t.start()
                t.join()
            return "P"
    outer.any = Probe()
    text = repr(outer)
    # ... another thread's repr(outer) is a full repr, not '...'
    assert seen == [text] and "..." not in text and "any=P" in text


def test_user_members_kept():
    mod = define('''
        from spyc import record
        @record
        class E:
            x: int
            def __eq__(self, other):
                return True
            def __repr__(self):
                return "E!"
            def __copy__(self):
                return "copied"
    ''')
    e = mod.E(1)
    assert e == 5 and repr(e) == "E!" and copy.copy(e) == "copied"
    with pytest.raises(TypeError):
        hash(e)


def test_copy_and_deepcopy():
    b = B(1, 2)
    c = copy.copy(b)
    assert c == b and c is not b and type(c) is B
    c.x = 9
    assert b.x == 1.0
    h = m.Holder(m.Plain(), [b])
    h2 = copy.copy(h)
    assert h2.xs is h.xs
    h3 = copy.deepcopy(h)
    assert h3.xs is not h.xs and h3.xs[0] is not b and h3.xs[0] == b
    assert type(h3.p) is m.Plain and h3.p is not h.p
    n = m.Node(1)
    n.nxt = m.Node(2, n)
    n2 = copy.deepcopy(n)
    assert n2 is not n and n2.nxt.nxt is n2  # cycles are copied as cycles
    p = m.Post(1, 3)
    assert copy.copy(p).calls == 1  # no __post_init__ on copy


def test_deepcopy_rechecks_fields():
    class Liar:
        def __deepcopy__(self, memo):
            return "not a Plain"
    mod = define('''
        from spyc import record
        @record
        class W:
            v: object
            p: "Base"
        class Base:
            pass
    ''')
    Liar2 = type("Liar2", (mod.Base,), {"__deepcopy__": lambda self, memo: 5})
    w = mod.W(Liar(), Liar2())
    with expect(TypeError, "W.p must be Base, not int"):
        copy.deepcopy(w)


def test_pickle():
    b = B(1, 2.5, 3, "sun")
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(b, proto))
        assert q == b and type(q) is B and q is not b
    assert b.__reduce__() == (spyc._reconstruct_record, (B, (1.0, 2.5, 3.0, "sun")))
    assert b.__reduce__()[0].__module__ == "spyc"
    c = m.Counter(3)
    c.tags = [B(1, 2)]
    c2 = pickle.loads(pickle.dumps(c))
    assert c2.tags == c.tags and c2.n == 3
    n = m.Node(1)
    n.nxt = n
    with pytest.raises(RecursionError):
        pickle.dumps(n)


def test_reconstruct_rechecks_without_init():
    r = spyc._reconstruct_record(m.Counter, (4, True, [], None, 1, 2, None, (1, 2)))
    assert (r.n, r.flag, r.pair) == (4, True, (1, 2.0))
    with expect(TypeError, "Counter.flag must be bool, not int"):
        spyc._reconstruct_record(m.Counter, (4, 1, [], None, 1, 2, None, (1, 2)))
    p = spyc._reconstruct_record(m.Post, (1, 2, 0, 0))
    assert p.calls == 0 and type(p.lo) is float  # no __post_init__
    with expect(TypeError, "_reconstruct_record() argument must be a record class, not type"):
        spyc._reconstruct_record(m.Plain, (1,))
    with expect(TypeError, "_reconstruct_record() argument must be a record class, not int"):
        spyc._reconstruct_record(3, ())
    with expect(TypeError, "_reconstruct_record() expected a tuple of 2 field values"):
        spyc._reconstruct_record(m.Node, (1,))
    with expect(TypeError, "_reconstruct_record() expected a tuple of 2 field values"):
        spyc._reconstruct_record(m.Node, [1, None])


# ---------------------------------------------------------------- methods

def test_methods():
    b = B(1, 2, 3)
    assert b.speed2() == 4.0
    b.kick(1)
    assert b.vx == 3.0 and type(b.vx) is float
    assert b.moved(2) == B(7.0, 3.0, 3.0, "b")
    assert B.at(4) == B(4.0, 0.0) and B.add(1, 2) == 3
    assert b.momentum == 9.0
    with expect(TypeError, "Body.kick() argument 'self' must be Body, not int"):
        B.kick(5, 1.0)
    with expect(TypeError, "Body.kick() argument 'dv' must be float, not str"):
        b.kick("1")
    with expect(TypeError, "Body.momentum() argument 'self' must be Body, not str"):
        B.__dict__["momentum"].fget("nope")


def test_metaclass_is_spyc():
    assert type(B).__module__ == "spyc._record"
    assert type(type(m.Counter)).__name__ == "type"


# ---------------------------------------------------------------- the catalogue rows (6.7)

cat = define('''
    from spyc import record, i64
    @record
    class R:
        f: int
        g: float = 0.0
        n: i64 = 0
    @record
    class U:
        a: int
        b: int
        def __init__(self, ret=False):
            self.a = 1
            if ret:
                self.b = 2
                return 1
''')
_r = cat.R(1)

CATALOGUE = [
    ("record field store mismatch", lambda: setattr(_r, "f", "1"), TypeError, "R.f must be int, not str"),
    ("record field store range", lambda: setattr(_r, "n", 2**63), OverflowError, "R.n out of range for i64"),
    ("record store int->float too large", lambda: setattr(_r, "g", 10**310), OverflowError,
     "int too large to convert to float"),
    ("record store to a non-field name", lambda: setattr(_r, "z", 1), AttributeError,
     "'R' object has no attribute 'z'"),
    ("record field delete", lambda: delattr(_r, "g"), TypeError, "cannot delete field 'g' of record 'R'"),
    ("record delete of a non-field name", lambda: delattr(_r, "z"), AttributeError,
     "'R' object has no attribute 'z'"),
    ("record field not set by __init__", lambda: cat.U(), TypeError, "U.__init__() did not set field 'b'"),
    ("record __init__ returned a value", lambda: cat.U(True), TypeError,
     "__init__() should return None, not 'int'"),
    ("hashing a record", lambda: hash(_r), TypeError, "unhashable type: 'R'"),
    ("record class attribute set", lambda: setattr(cat.R, "f", 1), TypeError,
     "cannot set 'f' attribute of immutable type 'R'"),
    ("record class attribute delete", lambda: delattr(cat.R, "f"), TypeError,
     "cannot set 'f' attribute of immutable type 'R'"),
    ("record subclassing", lambda: type("D", (cat.R,), {}), TypeError, "type 'R' is not an acceptable base type"),
    ("record __new__", lambda: cat.R.__new__(cat.R), TypeError, "cannot create 'R' instances"),
    ("bad record target", lambda: spyc.record(3), TypeError, "record() argument must be a class, not int"),
    ("record custom metaclass", lambda: spyc.record(type("M", (type,), {})("X", (), {})), TypeError,
     "record class 'X' cannot have a custom metaclass"),
    ("record base", lambda: spyc.record(type("X", (dict,), {})), TypeError,
     "record class 'X' cannot inherit from 'dict'"),
    ("record forbidden member", lambda: spyc.record(type("X", (), {"__hash__": lambda s: 0})), TypeError,
     "record class 'X' cannot define __hash__"),
    ("record field order", lambda: spyc.record(type("X", (), {"__annotations__": {"a": int, "b": int}, "a": 1})),
     TypeError, "non-default field 'b' follows default field in record class 'X'"),
    ("reconstructor target", lambda: spyc._reconstruct_record(int, ()), TypeError,
     "_reconstruct_record() argument must be a record class, not type"),
    ("reconstructor values", lambda: spyc._reconstruct_record(cat.R, (1,)), TypeError,
     "_reconstruct_record() expected a tuple of 3 field values"),
]


@pytest.mark.parametrize("thunk,exc,message", [row[1:] for row in CATALOGUE], ids=[row[0] for row in CATALOGUE])
def test_catalogue_row(thunk, exc, message):
    with pytest.raises(BaseException) as info:
        thunk()
    assert type(info.value) is exc
    assert str(info.value) == message


def test_catalogue_failures_leave_the_record_unchanged():
    r = cat.R(1, 2.5, 7)
    for _, thunk, _, _ in CATALOGUE[:6]:
        try:
            thunk()
        except BaseException:  # noqa: B036
            pass
    assert (_r.f, _r.g, _r.n) == (1, 0.0, 0) and (r.f, r.g, r.n) == (1, 2.5, 7)


# ---------------------------------------------------------------- properties

floats = st.floats(allow_nan=True, allow_infinity=True)
values = (floats | st.integers() | st.booleans() | st.none()
          | st.integers(min_value=0, max_value=5).map(lambda i: "s" * i)
          | st.lists(st.integers(), max_size=2).map(tuple))


def _model(ann, v):
    """The acceptance table (6.3) for the annotations used below, written independently."""
    t = type(v)
    if ann == "float":
        if t is float:
            return v
        if t is int:
            return float(v)  # may raise OverflowError, like the record
        raise TypeError
    if ann == "int":
        if t is int:
            return v
        raise TypeError
    if ann == "i64":
        if t is int:
            if -2**63 <= v < 2**63:
                return v
            raise OverflowError
        raise TypeError
    if ann == "bool":
        if v is True or v is False:
            return v
        raise TypeError
    if ann == "str|None":
        if t is str or v is None:
            return v
        raise TypeError
    raise AssertionError(ann)


prop = define('''
    from spyc import record, i64
    @record
    class All:
        f: float = 0.0
        i: int = 0
        b64: i64 = 0
        flag: bool = False
        s: "str | None" = None
''')
ANNS = {"f": "float", "i": "int", "b64": "i64", "flag": "bool", "s": "str|None"}


def _same(a, b):
    return type(a) is type(b) and (a == b or (a != a and b != b))


@given(st.lists(st.integers(min_value=0, max_value=4), max_size=6), st.lists(values, max_size=6))
def test_property_store_sequence_matches_the_acceptance_table(which, vals):
    r = prop.All()
    state = {f: getattr(r, f) for f in ANNS}
    names = list(ANNS)
    for k, v in zip(which, vals):
        f = names[k]
        try:
            expected = _model(ANNS[f], v)
        except (TypeError, OverflowError) as e:
            with pytest.raises(type(e)) as info:
                setattr(r, f, v)
            assert type(info.value) is type(e)
            if type(e) is TypeError:
                assert str(info.value).startswith(f"All.{f} must be ")
        else:
            setattr(r, f, v)
            state[f] = expected
        for g in ANNS:
            assert _same(getattr(r, g), state[g])


@given(floats | st.integers(min_value=-2**60, max_value=2**60), floats, st.booleans())
def test_property_pickle_copy_roundtrip(x, vx, deep):
    b = B(x, vx)
    q = pickle.loads(pickle.dumps(b))
    c = copy.deepcopy(b) if deep else copy.copy(b)
    for o in (q, c):
        assert type(o) is B and o is not b and repr(o) == repr(b)
        assert all(_same(getattr(o, f), getattr(b, f)) for f in B.__match_args__)
    if not (math.isnan(b.x) or math.isnan(b.vx)):
        assert q == b and c == b


def test_frozen_instance_error_is_not_used():
    b = B(1, 2)
    try:
        b.z = 1
    except AttributeError as e:
        assert type(e) is AttributeError and not isinstance(e, dataclasses.FrozenInstanceError)
    assert frozen is spyc.frozen and checked is spyc.checked


def test_field_names_that_shadow_generated_parameters():
    mod = define('''
        from spyc import record
        @record
        class T:
            self: int
            name: str
            value: float = 0.0
    ''')
    t = mod.T(1, "a")
    t.value = 3
    t.name = "b"
    t.self = 5
    assert repr(t) == "T(self=5, name='b', value=3.0)"
    with expect(TypeError, "T.value must be float, not str"):
        t.value = "x"
    with expect(TypeError, "T.self must be int, not str"):
        t.self = "x"
    t.__init__(self=2, name="c", value=1)
    assert repr(t) == "T(self=2, name='c', value=1.0)"
