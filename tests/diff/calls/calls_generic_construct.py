"""Generic `C(args)` through the per-site instantiation cache (spz/generic.h spz_vcall): object.__new__
plus a Python/compiled __init__; every change that must leave the cached path: __init__ replaced,
__new__ added, bases changed, abstract classes, metaclasses, builtin bases, bad __init__ results,
keyword arguments, errors raised by __init__, and many classes through one site."""
import abc


class A:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y

    def __repr__(self):
        return "A(%r, %r)" % (self.x, self.y)


class B(A):
    pass


class Sl:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


def make(cls, n):
    return [cls(i) for i in range(n)]


def make_kw(cls):
    return cls(1, y=5)


def test_basic():
    return make(A, 3), make(B, 2), make_kw(A), [s.a for s in make(Sl, 3)], vars(make(A, 1)[0])


def test_init_replaced_mid_loop():
    class C:
        def __init__(self, v):
            self.v = v

    out = []
    for i in range(5):
        if i == 2:
            C.__init__ = lambda self, v: setattr(self, "v", ("new", v))
        out.append(C(i).v)
    return out


def test_new_added_later():
    class C:
        def __init__(self, v):
            self.v = v

    out = []
    for i in range(5):
        if i == 3:
            def new(cls, v):
                o = object.__new__(cls)
                o.pre = v * 10
                return o
            C.__new__ = new
        o = C(i)
        out.append(sorted(vars(o).items()))
    return out


def test_new_returns_other():
    class C:
        def __new__(cls, v):
            return v

        def __init__(self, v):
            raise AssertionError("not called")

    return [C(i) for i in range(3)]


def test_init_returns_value():
    class C:
        def __init__(self):
            return 1

    out = []
    for i in range(3):
        try:
            C()
        except TypeError as e:
            out.append(str(e))
    return out


def test_init_raises_and_arity():
    class C:
        def __init__(self, a):
            if a < 0:
                raise ValueError(a)
            self.a = a

    out = []
    for args in ((1,), (-1,), (), (1, 2)):
        try:
            out.append(C(*args).a if False else C(args[0]).a if len(args) == 1 else C(*args))
        except (TypeError, ValueError) as e:
            out.append((type(e).__name__, str(e)))
    for i in range(2):
        try:
            out.append(C().a)
        except TypeError as e:
            out.append(str(e))
    return out


def test_abstract_class():
    class Base(abc.ABC):
        @abc.abstractmethod
        def f(self):
            pass

        def __init__(self, v):
            self.v = v

    class Impl(Base):
        def f(self):
            return self.v

    out = []
    for cls in (Impl, Base, Impl):
        try:
            out.append(cls(1).f())
        except TypeError as e:
            out.append(str(e))
    return out


def test_metaclass_call():
    class Meta(type):
        def __call__(cls, *a):
            return ("meta", a)

    class M(metaclass=Meta):
        def __init__(self, v):
            self.v = v

    return [M(i) for i in range(3)]


def test_builtin_base():
    class L(list):
        def __init__(self, n):
            super().__init__(range(n))
            self.n = n

    class L2(list):
        pass

    return [L(i) + [i] for i in range(3)], [L2((i, i)) for i in range(2)]


def test_bases_changed():
    class P1:
        def __init__(self):
            self.who = "P1"

    class P2:
        def __init__(self):
            self.who = "P2"

    class C(P1):
        pass

    out = []
    for i in range(4):
        if i == 2:
            C.__bases__ = (P2,)
        out.append(C().who)
    return out


def test_many_classes_one_site():
    classes = [A, B, A, B, Sl, A, dict, int, str]
    out = []
    for cls in classes:
        o = cls(7) if cls not in (dict,) else cls(a=7)
        out.append(repr(o) if cls is not Sl else o.a)
    return out


def test_init_with_kwonly_and_defaults():
    class C:
        def __init__(self, a, *rest, k=3, **kw):
            self.t = (a, rest, k, sorted(kw.items()))

    return [C(1).t, C(1, 2, 3).t, C(1, k=4, z=5).t]
