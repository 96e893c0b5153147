"""Inline-cached attribute sites (spz/attrcache.h): __slots__ loads/stores/deletes, unset slots,
instance dicts, class changes after a site warmed up, descriptors, __getattr__/__getattribute__/
__setattr__ overrides, subclasses, methods replaced or shadowed, classmethod/staticmethod,
module attributes, and many types through one site."""
import math

from spyc import checked


class S:
    __slots__ = ("a", "b")

    def __init__(self, a):
        self.a = a

    def get(self):
        return ("S.get", self.a)


class SSub(S):
    __slots__ = ("c",)


class SDict(S):
    pass


class D:
    def __init__(self, a):
        self.a = a

    def get(self):
        return ("D.get", self.a)


class Prop:
    __slots__ = ("_a",)

    def __init__(self, a):
        self._a = a

    @property
    def a(self):
        return ("prop", self._a)

    @a.setter
    def a(self, v):
        self._a = v * 10


class GetAttr:
    __slots__ = ("a",)

    def __getattr__(self, name):
        return ("__getattr__", name)


class GetAttribute:
    __slots__ = ("a",)

    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        return ("__getattribute__", name)


class SetAttr:
    __slots__ = ("a",)

    def __setattr__(self, name, value):
        object.__setattr__(self, name, ("via __setattr__", value))


class Meths:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    def get(self):
        return ("Meths.get", self.v)

    @classmethod
    def cm(cls, x):
        return ("cm", cls.__name__, x)

    @staticmethod
    def sm(x):
        return ("sm", x)


class MethsSub(Meths):
    __slots__ = ()

    def get(self):
        return ("MethsSub.get", self.v)


@checked
def load_a(o: object) -> object:
    return o.a


@checked
def store_a(o: object, v: object) -> None:
    o.a = v


@checked
def del_a(o: object) -> None:
    del o.a


@checked
def incr_a(o: object) -> None:
    o.a += 1


@checked
def call_get(o: object) -> object:
    return o.get()


@checked
def call_cm(o: object, x: object) -> object:
    return o.cm(x)


@checked
def call_sm(o: object, x: object) -> object:
    return o.sm(x)


def warm(o, n=20):
    for _ in range(n):
        load_a(o)


def test_slot_load_store():
    s = S(1)
    out = []
    for i in range(30):
        store_a(s, i)
        out.append(load_a(s))
    incr_a(s)
    out.append(load_a(s))
    return out


def test_slot_unset_load():
    s = S(1)
    warm(s)
    t = S.__new__(S)
    return load_a(t)


def test_slot_deleted_load():
    s = S(5)
    warm(s)
    del_a(s)
    return load_a(s)


def test_slot_delete_twice():
    s = S(5)
    del_a(s)
    del_a(s)


def test_slot_store_after_delete():
    s = S(5)
    warm(s)
    del_a(s)
    store_a(s, 7)
    return load_a(s)


def test_incr_unset_slot():
    t = S.__new__(S)
    incr_a(t)


def test_slot_missing_attr():
    s = S(1)
    warm(s)
    return getattr(s, "zzz", "default"), load_a(s)


def test_store_unknown_slot():
    class NoA:
        __slots__ = ("b",)
    n = NoA()
    store_a(n, 1)


def test_instance_dict():
    out = []
    d = D(3)
    for i in range(25):
        out.append(load_a(d))
        store_a(d, i)
    incr_a(d)
    out.append(load_a(d))
    del_a(d)
    try:
        load_a(d)
    except AttributeError as e:
        out.append(str(e))
    return out


def test_subclass_miss():
    s, ss, sd = S(1), SSub(2), SDict(3)
    out = []
    for o in [s, ss, sd] * 10:
        out.append(load_a(o))
        store_a(o, load_a(o))
    sd.__dict__["a"] = "dict shadow ignored"
    out.append(load_a(sd))
    return out


def test_class_changed_to_property():
    class C:
        __slots__ = ("a",)
    c = C()
    store_a(c, 1)
    warm(c)
    out = [load_a(c)]
    slot = C.a
    C.a = property(lambda self: ("now a property", slot.__get__(self)))
    out.append(load_a(c))
    try:
        store_a(c, 2)
    except AttributeError as e:
        out.append(str(e))
    C.a = slot
    store_a(c, 3)
    out.append(load_a(c))
    return out


def test_class_attr_removed():
    class C:
        __slots__ = ("a",)
    c = C()
    store_a(c, 1)
    warm(c)
    del C.a
    out = []
    try:
        load_a(c)
    except AttributeError as e:
        out.append(str(e))
    try:
        store_a(c, 2)
    except AttributeError as e:
        out.append(str(e))
    return out


def test_class_gets_getattribute_later():
    class C:
        __slots__ = ("a",)
    c = C()
    store_a(c, 1)
    warm(c)
    C.__getattribute__ = lambda self, name: ("late __getattribute__", name)
    out = [load_a(c)]
    del C.__getattribute__
    out.append(load_a(c))
    return out


def test_class_gets_setattr_later():
    class C:
        __slots__ = ("a",)
    c = C()
    for i in range(20):
        store_a(c, i)
    C.__setattr__ = lambda self, name, v: print("late __setattr__", name, v)
    store_a(c, 99)
    out = [load_a(c)]
    del C.__setattr__
    store_a(c, 100)
    out.append(load_a(c))
    return out


def test_base_class_changed():
    class B:
        __slots__ = ()
    class C(B):
        __slots__ = ("a",)
    c = C()
    store_a(c, 1)
    warm(c)
    B.__getattr__ = lambda self, name: "from base __getattr__"
    out = [load_a(c)]
    del_a(c)
    out.append(load_a(c))
    return out


def test_property():
    p = Prop(2)
    out = []
    for i in range(20):
        out.append(load_a(p))
        store_a(p, i)
    return out


def test_getattr_class():
    g = GetAttr()
    out = [load_a(g)]
    store_a(g, 5)
    out.append(load_a(g))
    del_a(g)
    out.append(load_a(g))
    return out


def test_getattribute_class():
    g = GetAttribute()
    out = []
    for _ in range(3):
        out.append(load_a(g))
        try:
            call_get(g)
        except TypeError as e:
            out.append(str(e))
    return out


def test_setattr_class():
    s = SetAttr()
    out = []
    for i in range(3):
        store_a(s, i)
        out.append(load_a(s))
    return out


def test_polymorphic_site():
    class A1:
        __slots__ = ("a",)
    class A2:
        __slots__ = ("x", "a")
    class A3:
        def __init__(self):
            self.a = "A3"
    objs = []
    for k, cls in enumerate([S, SSub, A1, A2, A3, D, Prop]):
        o = cls.__new__(cls)
        if not isinstance(o, Prop):
            store_a(o, (cls.__name__, k))
        else:
            store_a(o, k)
        objs.append(o)
    out = []
    for _ in range(5):
        for o in objs:
            out.append(load_a(o))
    return out


def test_methods_no_dict():
    m, ms, s = Meths(1), MethsSub(2), S(3)
    out = []
    for o in [m, ms, s, D(4)] * 5:
        out.append(call_get(o))
    return out


def test_method_replaced_on_class():
    class C:
        __slots__ = ()
        def get(self):
            return "old"
    c = C()
    out = [call_get(c) for _ in range(20)][-1:]
    C.get = lambda self: "new"
    out.append(call_get(c))
    C.get = staticmethod(lambda: "static now")
    out.append(call_get(c))
    del C.get
    try:
        call_get(c)
    except AttributeError as e:
        out.append(str(e))
    return out


def test_method_shadowed_in_instance():
    d = D(1)
    out = [call_get(d) for _ in range(20)][-1:]
    d.get = lambda: "instance shadow"
    out.append(call_get(d))
    del d.get
    out.append(call_get(d))
    return out


def test_method_removed_during_call():
    class C:
        __slots__ = ()
        def get(self):
            del C.get
            return "removed itself"
    c = C()
    out = [call_get(c)]
    C.get = lambda self: "back"
    for _ in range(3):
        out.append(call_get(c))
    return out


def test_classmethod_staticmethod():
    m = Meths(1)
    out = []
    for i in range(15):
        out.append(call_cm(m, i))
        out.append(call_sm(m, i))
    out.append(call_cm(MethsSub(2), "sub"))
    out.append(call_cm(Meths, "on class"))
    out.append(call_sm(Meths, "on class"))
    return out


def test_builtin_methods():
    out = []
    for o in [[1, 2], {"get": 1}, (1,), "abc"] * 3:
        try:
            out.append(call_get(o))
        except (AttributeError, TypeError) as e:
            out.append(str(e))
    return out


def test_data_descriptor_beats_dict():
    class Desc:
        def __get__(self, obj, owner):
            return "data descriptor"
        def __set__(self, obj, v):
            print("Desc.__set__", v)
    class C:
        a = Desc()
    c = C()
    c.__dict__["a"] = "in dict"
    out = []
    for i in range(3):
        out.append(load_a(c))
        store_a(c, i)
    return out, c.__dict__


def test_non_data_descriptor_loses_to_dict():
    class NonData:
        def __get__(self, obj, owner):
            return "non-data descriptor"
    class C:
        a = NonData()
    c = C()
    out = [load_a(c)]
    store_a(c, "in dict")
    out.append(load_a(c))
    del_a(c)
    out.append(load_a(c))
    return out


def test_member_descriptor_foreign():
    class Other:
        __slots__ = ("a",)
    class C:
        __slots__ = ("b",)
    C.a = Other.a
    c = C()
    try:
        load_a(c)
    except TypeError as e:
        return str(e)


def test_class_assignment():
    class A:
        __slots__ = ("a",)
    class B:
        __slots__ = ("a",)
        def get(self):
            return "B.get"
    o = A()
    store_a(o, 1)
    warm(o)
    o.__class__ = B
    return load_a(o), call_get(o)


@checked
def pi_of(m: object) -> object:
    return m.pi


@checked
def sqrt_of(m: object, x: float) -> object:
    return m.sqrt(x)


@checked
def load_start(o: object) -> object:
    return o.start


@checked
def store_start(o: object, v: object) -> None:
    o.start = v


def test_module_attr():
    out = [pi_of(math) for _ in range(10)][-1:]
    out += [sqrt_of(math, 16.0) for _ in range(10)][-1:]
    import types
    fake = types.ModuleType("fake")
    fake.pi = "fake pi"
    fake.sqrt = lambda x: ("fake sqrt", x)
    out.append(pi_of(fake))
    out.append(sqrt_of(fake, 4.0))
    fake.pi = "changed"
    fake.sqrt = lambda x: ("changed sqrt", x)
    out.append(pi_of(fake))
    out.append(sqrt_of(fake, 4.0))
    del fake.pi
    try:
        pi_of(fake)
    except AttributeError as e:
        out.append(str(e))
    fake.__getattr__ = lambda name: ("module __getattr__", name)
    out.append(pi_of(fake))
    out.append(pi_of(math))
    return out


def test_readonly_member():
    out = []
    for i in range(3):
        out.append(load_start(slice(i, 5)))
        out.append(load_start(slice(5)))
        try:
            store_start(slice(i), i)
        except AttributeError as e:
            out.append(str(e))
    return out
