"""Spec 6.5: frozen(cls)."""
import copy
import dataclasses
import math
import pickle
import weakref

import pytest
from _props import given, st

from conftest import define, expect
from spyc import checked, frozen

FIE = dataclasses.FrozenInstanceError

m = define('''
    import typing
    from typing import ClassVar, Optional
    from spyc import checked, frozen, i64

    @frozen
    class P:
        """A point."""
        x: int
        y: float = 0.0
        LIMIT: ClassVar[int] = 10
        SCALE = 2  # a plain class constant

        def norm1(self):
            return abs(self.x) + abs(self.y)

        @checked
        def scaled(self, k: int) -> "P":
            return P(self.x * k, self.y * k)

        @classmethod
        @checked
        def origin(cls, z: int = 0) -> "P":
            return cls(z)

        @staticmethod
        @checked
        def add(a: int, b: int) -> int:
            return a + b

        @property
        @checked
        def twice(self) -> int:
            return self.x * 2

    @frozen
    class Node:
        value: int
        next: "Optional[Node]" = None

    @frozen
    class Init:
        a: int
        b: str = "dflt"
        def __init__(self, a, b=None, *, twice=False):
            self.a = a
            self.a = a * 2 if twice else a   # repeatable
            if b is not None:
                self.b = b

    @frozen
    class Post:
        lo: float
        hi: float
        span: float = 0.0
        def __post_init__(self):
            self.span = self.hi - self.lo

    @frozen
    class Pair:
        left: "Leaf"
        right: "Leaf | None"

    @frozen
    class Leaf:
        tag: str

    @frozen
    class Flt:
        v: float
        t: tuple[float, ...] = ()
        n: "float | None" = None

    @frozen
    class Empty:
        pass

    @frozen
    class WithSuper:
        x: int
        def __repr__(self):
            return "WS:" + super().__repr__()[:0] + str(self.x) + ":" + __class__.__name__
        def cls_ok(self):
            return __class__ is WithSuper
''')


# ---------------------------------------------------------------- preconditions

def test_preconditions():
    with expect(TypeError, "frozen() argument must be a class, not int"):
        frozen(1)
    with expect(TypeError, "frozen() argument must be a class, not function"):
        frozen(lambda: 0)

    class Meta(type):
        pass

    class M(metaclass=Meta):
        pass
    with expect(TypeError, f"frozen class '{M.__qualname__}' cannot have a custom metaclass"):
        frozen(M)

    class Base:
        pass

    class D(Base):
        pass
    with expect(TypeError, f"frozen class '{D.__qualname__}' cannot inherit from 'Base'"):
        frozen(D)
    for name in ("__slots__", "__setattr__", "__delattr__", "__new__"):
        C = type("C", (), {name: ()})
        with expect(TypeError, f"frozen class 'C' cannot define {name}"):
            frozen(C)


def test_non_default_after_default():
    mod = define('''
        class X:
            a: int = 1
            b: int
    ''')
    with expect(TypeError, "non-default field 'b' follows default field in frozen class 'X'"):
        frozen(mod.X)
    mod2 = define('''
        class Y:
            a: int = 1
            b: int
            def __init__(self):
                self.b = 2
    ''')
    assert frozen(mod2.Y)().a == 1  # allowed with a user __init__


# ---------------------------------------------------------------- the class

def test_class_shape():
    P = m.P
    assert P.__name__ == "P" and P.__qualname__ == "P" and P.__module__ == m.__name__
    assert P.__doc__ == "A point."
    assert P.__slots__ == ("x", "y", "__weakref__")
    assert P.LIMIT == 10 and P.SCALE == 2
    p = P(1)
    assert not hasattr(p, "__dict__")
    assert weakref.ref(p)() is p
    assert P.__match_args__ == ("x", "y")
    assert m.Empty() == m.Empty() and repr(m.Empty()) == "Empty()"


def test_generated_init_checks_and_promotes():
    p = m.P(1, 2)
    assert p.x == 1 and p.y == 2.0 and type(p.y) is float
    assert m.P(3).y == 0.0
    with expect(TypeError, "P.x must be int, not bool"):
        m.P(True, "also bad")  # field order: x first
    with expect(TypeError, "P.y must be float, not str"):
        m.P(1, "a")
    with expect(OverflowError, "int too large to convert to float"):
        m.P(1, 10**400)


def test_generated_init_binding_errors():
    with expect(TypeError, "P.__init__() missing 1 required positional argument: 'x'"):
        m.P()
    with expect(TypeError, "P.__init__() takes from 2 to 3 positional arguments but 4 were given"):
        m.P(1, 2, 3)
    with expect(TypeError, "P.__init__() got an unexpected keyword argument 'z'"):
        m.P(1, z=2)
    assert m.P(y=1.5, x=2) == m.P(2, 1.5)


def test_user_init():
    i = m.Init(3)
    assert (i.a, i.b) == (3, "dflt")
    assert m.Init(3, "x", twice=True).a == 6
    with expect(TypeError, "Init.a must be int, not str"):
        m.Init("3")
    with expect(TypeError, "Init.__init__() missing 1 required positional argument: 'a'"):
        m.Init()
    with expect(FIE, "cannot assign to field 'a'"):
        i.__init__(5)  # re-init raises at the first store
    assert i.a == 3


def test_user_init_errors():
    mod = define('''
        from spyc import frozen
        @frozen
        class U:
            a: int
            b: int
            def __init__(self, mode):
                if mode == "extra":
                    self.z = 1
                elif mode == "ret":
                    self.a = self.b = 0
                    return 5
                elif mode == "unset":
                    self.a = 1
                elif mode == "self":
                    self.a = 1
                    self.b = 2
    ''')
    with expect(AttributeError, "'U' object has no attribute 'z'"):
        mod.U("extra")
    with expect(TypeError, "__init__() should return None, not 'int'"):
        mod.U("ret")
    with expect(TypeError, "U.__init__() did not set field 'b'"):
        mod.U("unset")
    assert mod.U("self").b == 2


def test_post_init():
    p = m.Post(1, 4)
    assert p.span == 3.0 and type(p.lo) is float
    with expect(FIE, "cannot assign to field 'span'"):
        p.span = 0.0
    with expect(FIE, "cannot assign to field 'lo'"):
        p.__init__(1.0, 2.0)  # generated __init__ refuses immediately
    assert p.lo == 1.0


def test_after_construction_immutable():
    p = m.P(1)
    with expect(FIE, "cannot assign to field 'x'"):
        p.x = 2
    with expect(FIE, "cannot assign to field 'new'"):
        p.new = 2
    with expect(FIE, "cannot assign to field '__class__'"):
        p.__class__ = m.Node
    with expect(FIE, "cannot delete field 'x'"):
        del p.x
    with expect(FIE, "cannot delete field 'nope'"):
        del p.nope
    assert isinstance(FIE("x"), AttributeError)
    assert p.x == 1


def test_new_is_refused():
    with expect(TypeError, "cannot create 'P' instances"):
        m.P.__new__(m.P)
    with expect(TypeError, "cannot create 'Init' instances"):
        m.Init.__new__(m.Init, 1)


def test_class_immutability():
    with expect(TypeError, "cannot set 'SCALE' attribute of immutable type 'P'"):
        m.P.SCALE = 3
    with expect(TypeError, "cannot set 'SCALE' attribute of immutable type 'P'"):
        del m.P.SCALE
    with expect(TypeError, "cannot set 'other' attribute of immutable type 'Init'"):
        m.Init.other = 1
    assert m.P.SCALE == 2
    with pytest.raises(TypeError):
        m.P.__dict__["SCALE"] = 3  # read-only mappingproxy


def test_finality():
    with expect(TypeError, "type 'P' is not an acceptable base type"):
        class Sub(m.P):
            pass
    with expect(TypeError, "type 'P' is not an acceptable base type"):
        type("Sub", (m.P,), {})
    with expect(TypeError, "type 'Init' is not an acceptable base type"):
        class Sub2(int, m.Init):
            pass


# ---------------------------------------------------------------- acyclicity and lazy fields

def test_acyclicity():
    mod = define('''
        from typing import Optional
        from spyc import frozen
        @frozen
        class N:
            nxt: "Optional[N]"
            def __init__(self, mode):
                self.nxt = None
                if mode == "self":
                    self.nxt = self
                elif mode == "child":
                    self.nxt = Wrap(self).inner
        @frozen
        class Wrap:
            inner: "N"
        @frozen
        class T:
            items: "tuple[N, ...]"
            def __init__(self):
                self.items = (N("plain"), self)
    ''')
    with expect(TypeError, "N.nxt must not refer to an object under construction"):
        mod.N("self")
    with expect(TypeError, "Wrap.inner must not refer to an object under construction"):
        mod.N("child")
    with expect(TypeError, "T.items[1] must be N, not " + mod.__name__ + ".T"):
        mod.T()
    assert mod.N("plain").nxt is None


def test_lazy_field_resolution():
    mod = define('''
        from spyc import frozen
        @frozen
        class A:
            b: "B"
    ''')
    with expect(NameError, "name 'B' is not defined"):
        mod.A(1)
    with expect(NameError, "name 'B' is not defined"):
        mod.A(1)  # retried

    @frozen
    class B:
        pass
    mod.B = B
    assert mod.A(B()).b.__class__ is B


@pytest.mark.parametrize("ann", ["list[int]", "dict", "object", "typing.Any", "Other", "tuple", "tuple[list, int]"])
def test_mutable_field_annotations_unsupported(ann):
    mod = define(f'''
        import typing
        from spyc import frozen
        class Other: pass
        @frozen
        class F:
            v: {ann}
    ''')
    with expect(TypeError, f"F.v: unsupported annotation {getattr(mod.F, '__annotations__')['v']!r}"):
        mod.F(1)


def test_field_kinds():
    leaf = m.Leaf("a")
    pair = m.Pair(leaf, None)
    assert pair.left is leaf
    with expect(TypeError, "Pair.right must be Leaf | None, not str"):
        m.Pair(leaf, "x")
    n = m.Node(1, m.Node(2))
    assert n.next.value == 2
    f = m.Flt(1, (1, 2.5))
    assert f.t == (1.0, 2.5) and type(f.t[0]) is float
    with expect(TypeError, "Flt.t[0] must be float, not str"):
        m.Flt(1.0, ("a",))


# ---------------------------------------------------------------- generated members

def test_eq():
    p = m.P(1, 2.0)
    assert p == m.P(1, 2.0) and p != m.P(1, 3.0)
    assert p.__eq__(m.Node(1)) is NotImplemented and p != (1, 2.0)
    nan = float("nan")
    q = m.P(1, nan)
    assert q == q  # identity shortcut
    assert not (q == m.P(1, nan))  # fieldwise nan == nan is False (3.13 rule, every version)


def test_hash_nan_normalised():
    nan1, nan2 = float("nan"), float("nan")
    a, b = m.Flt(nan1, (nan1,), nan1), m.Flt(nan2, (nan2,), nan2)
    assert hash(a) == hash(b) == hash((0.0, (0.0,), 0.0))
    assert hash(m.P(1, 2.0)) == hash((1, 2.0))
    assert hash(m.Flt(-0.0)) == hash((0.0, (), None))


def test_repr():
    assert repr(m.P(1, 2.5)) == "P(x=1, y=2.5)"
    assert repr(m.Node(1, m.Node(2))) == "Node(value=1, next=Node(value=2, next=None))"
    assert repr(m.Leaf("a'b")) == "Leaf(tag=\"a'b\")"


def test_user_members_kept():
    mod = define('''
        from spyc import frozen
        @frozen
        class E:
            x: int
            def __eq__(self, other):
                return True
            def __repr__(self):
                return "E!"
    ''')
    e = mod.E(1)
    assert e == 5 and repr(e) == "E!"
    with pytest.raises(TypeError):
        hash(e)  # __eq__ without __hash__: unhashable, as in standard Python


def test_copy_pickle():
    p = m.P(1, 2.5)
    assert copy.copy(p) is p and copy.deepcopy(p) is p
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        q = pickle.loads(pickle.dumps(p, proto))
        assert q == p and type(q) is m.P
    assert p.__reduce__()[0].__module__ == "spyc"
    import spyc
    assert p.__reduce__() == (spyc._reconstruct, (m.P, (1, 2.5)))


def test_reconstruct_rechecks_fields_without_init():
    import spyc
    i = spyc._reconstruct(m.Init, (4, "z"))
    assert (i.a, i.b) == (4, "z")
    with expect(TypeError, "Init.a must be int, not str"):
        spyc._reconstruct(m.Init, ("4", "z"))
    p = spyc._reconstruct(m.P, (1, 2))
    assert type(p.y) is float


def test_super_and_class_cells():
    w = m.WithSuper(3)
    assert repr(w) == "WS:3:WithSuper"
    assert w.cls_ok()


# ---------------------------------------------------------------- methods

def test_methods():
    p = m.P(2, 1.0)
    assert p.norm1() == 3.0
    assert p.scaled(3) == m.P(6, 3.0)
    assert m.P.origin() == m.P(0) and m.P.origin(4).x == 4
    assert m.P.add(1, 2) == 3
    assert p.twice == 4
    with expect(TypeError, "P.scaled() argument 'self' must be P, not int"):
        m.P.scaled(5, 1)
    with expect(TypeError, "P.scaled() argument 'k' must be int, not str"):
        p.scaled("1")
    with expect(TypeError, "P.origin() argument 'z' must be int, not str"):
        m.P.origin("a")
    with expect(TypeError, "P.twice() argument 'self' must be P, not str"):
        m.P.__dict__["twice"].fget("nope")


# ---------------------------------------------------------------- hypothesis properties

floats = st.floats(allow_nan=True, allow_infinity=True)


def _n(v):
    if type(v) is float and v != v:
        return 0.0
    if type(v) is tuple:
        return tuple(_n(x) for x in v)
    return v


@given(floats, st.lists(floats, max_size=4).map(tuple), st.none() | floats)
def test_property_hash_is_hash_of_normalised_fields(v, t, n):
    f = m.Flt(v, t, n)
    assert hash(f) == hash(_n((v, t, n)))


@given(st.integers(), floats | st.integers(min_value=-2**60, max_value=2**60))
def test_property_survives_pickle_and_copies(x, y):
    p = m.P(x, y)
    q = pickle.loads(pickle.dumps(p))
    assert type(q) is m.P and q.x == x and repr(q) == repr(p) and hash(q) == hash(p)
    assert copy.copy(p) is p and copy.deepcopy(p) is p
    if y == y:
        assert q == p


def test_checked_user_init_and_post_init():
    mod = define('''
        from spyc import checked, frozen
        @frozen
        class R:
            lo: float
            hi: float
            @checked
            def __init__(self, lo: float, hi: float = 1) -> None:
                self.lo = lo
                self.hi = hi
        @frozen
        class S:
            v: int
            w: int = 0
            @checked
            def __post_init__(self) -> None:
                self.w = self.v + 1
    ''')
    r = mod.R(0)
    assert (r.lo, r.hi) == (0.0, 1.0) and type(r.lo) is float
    with expect(TypeError, "R.__init__() argument 'lo' must be float, not str"):
        mod.R("0")
    with expect(TypeError, "R.__init__() argument 'self' must be R, not int"):
        mod.R.__init__(5, 1.0)
    assert mod.S(4).w == 5


def test_acyclicity_inside_tuple_fields():
    mod = define('''
        from spyc import frozen
        @frozen
        class Box:
            items: "tuple[Item, ...]"
        @frozen
        class Item:
            n: int
            def __init__(self, n):
                self.n = n
                if n < 0:
                    Box((Item(1), self))
    ''')
    assert mod.Box((mod.Item(1),)).items[0].n == 1
    with expect(TypeError, "Box.items must not refer to an object under construction"):
        mod.Item(-1)


def test_store_outside_and_inside_construction_is_checked_per_store():
    mod = define('''
        from spyc import frozen
        @frozen
        class V:
            a: float
            def __init__(self, x):
                self.a = 1          # promoted
                self.a = x          # checked again
    ''')
    v = mod.V(2.5)
    assert v.a == 2.5
    assert type(mod.V(3).a) is float
    with expect(TypeError, "V.a must be float, not str"):
        mod.V("x")


def test_metaclass_is_spyc_and_class_dict_readonly():
    assert type(m.P).__module__ == "spyc._frozen"
    assert isinstance(m.Init, type(m.Init)) and type(type(m.Init)).__name__ == "type"
    assert isinstance(m.P.__dict__, type(type.__dict__))
