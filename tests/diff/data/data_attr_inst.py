"""Instance-attribute caches of ordinary classes (spz/attrcache.h + objlayout.h): values arrays
indexed by the shared keys, class attributes and methods keyed on the type version and the shared
keys, data descriptors; every way a warmed-up site can become wrong. All functions are plain, so
`--all` compiles them to generic code."""
import builtins


class P:
    k = 10

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def norm1(self):
        return abs(self.x) + abs(self.y)

    def scaled(self, f):
        return P(self.x * f, self.y * f)


class Q(P):
    pass


def read_xy(objs):
    out = []
    for o in objs:
        out.append((o.x, o.y))
    return out


def read_k(objs):
    return [o.k for o in objs]


def call_norm(objs):
    return [o.norm1() for o in objs]


def store_x(objs, v):
    for o in objs:
        o.x = v
    return [vars(o) for o in objs]


def test_basic_and_subclass():
    objs = [P(1, 2), Q(3, 4), P(5, 6), Q(7, 8)]
    return read_xy(objs), read_k(objs), call_norm(objs), store_x(objs, 0)


def test_class_attr_reassigned_mid_loop():
    o = P(1, 2)
    out = []
    for i in range(6):
        if i == 3:
            P.k = 99
        out.append(o.k)
    P.k = 10
    return out


def test_instance_shadows_class_attr():
    o, p = P(1, 2), P(3, 4)
    out = [o.k, p.k]
    o.k = "mine"
    out += [o.k, p.k]
    del o.k
    out += [o.k, p.k]
    return out


def test_instance_shadows_method():
    o = P(1, -2)
    out = []
    for i in range(6):
        if i == 2:
            o.norm1 = lambda: "shadowed"
        if i == 4:
            del o.norm1
        out.append(o.norm1())
    return out


def test_method_replaced_on_class():
    o = P(1, -2)
    out = []
    saved = P.norm1
    for i in range(5):
        if i == 2:
            P.norm1 = lambda self: ("replaced", self.x)
        out.append(o.norm1())
    P.norm1 = saved
    out.append(o.norm1())
    return out


def test_getattr_added_later():
    class G:
        def __init__(self):
            self.a = 1

    out = []
    g = G()
    for i in range(5):
        if i == 2:
            G.__getattr__ = lambda self, name: ("ga", name)
        try:
            out.append(g.b)
        except AttributeError as e:
            out.append(str(e))
        out.append(g.a)
    return out


def test_getattribute_added_later():
    class G:
        def __init__(self):
            self.a = 1

        def m(self):
            return "m"

    out = []
    g = G()
    for i in range(5):
        if i == 3:
            G.__getattribute__ = lambda self, name: ("gab", name)
        out.append(g.a)
        r = g.m
        out.append(r if isinstance(r, tuple) else r())
    return out


def test_setattr_added_later():
    class G:
        def __init__(self):
            self.a = 0

    log = []
    g = G()
    for i in range(4):
        if i == 2:
            def sa(self, name, v):
                log.append((name, v))
                object.__setattr__(self, name, v * 10)
            G.__setattr__ = sa
        g.a = i
        log.append(g.a)
    return log


def test_properties():
    class R:
        def __init__(self, v):
            self._v = v

        @property
        def v(self):
            return self._v * 2

        @v.setter
        def v(self, x):
            self._v = x + 1

    r = R(3)
    out = []
    for i in range(4):
        out.append(r.v)
        r.v = i
    out.append(vars(r))
    try:
        R.v = property(lambda self: "new")
        out.append(r.v)
        r.v = 5
    except AttributeError as e:
        out.append(type(e).__name__)
    return out


def test_data_descriptor_added_later_wins():
    class Dsc:
        def __get__(self, o, t=None):
            return "descr"

        def __set__(self, o, v):
            o.__dict__["seen"] = v

    class H:
        def __init__(self):
            self.a = 1

    h = H()
    out = []
    for i in range(4):
        if i == 2:
            H.a = Dsc()
        out.append(h.a)
        h.a = i
    out.append(sorted(vars(h).items()))
    return out


def test_slots_and_dict():
    class SD:
        __slots__ = ("s", "__dict__")

        def __init__(self):
            self.s = 1
            self.d = 2

    o = SD()
    out = []
    for i in range(3):
        o.s = o.s + 1
        o.d = o.d + 10
        out.append((o.s, o.d, vars(o)))
    return out


def test_materialized_dict():
    o = P(1, 2)
    out = [read_xy([o])]
    d = vars(o)
    d["x"] = "via dict"
    out.append(read_xy([o]))
    o.x = "store after vars"
    out.append((d, read_xy([o]), o.k, o.norm1 if False else None))
    o.__dict__["k"] = "dict k"
    out.append(read_k([o]))
    o.__dict__["norm1"] = lambda: "dict method"
    out.append(call_norm([o]))
    return out


def test_dict_replaced():
    o, p = P(1, 2), P(3, 4)
    read_xy([o, p])
    o.__dict__ = {"x": "nx", "y": "ny", "k": "nk"}
    return read_xy([o, p]), read_k([o, p]), store_x([o, p], 7)


def test_many_attrs_combined_dict():
    class M:
        pass

    objs = [M() for _ in range(3)]
    for j, o in enumerate(objs):
        for i in range(40):
            setattr(o, "a%d" % ((i + j) % 40), i)
        o.x = j
        o.y = -j
    return read_xy(objs), [sorted(vars(o))[:5] for o in objs]


def test_delete_and_missing():
    out = []
    objs = [P(1, 2), P(3, 4)]
    read_xy(objs)
    del objs[0].x
    try:
        read_xy(objs)
    except AttributeError as e:
        out.append(str(e))
    objs[0].x = "back"
    out.append(read_xy(objs))
    out.append(list(vars(objs[0])))
    return out


def test_insertion_order():
    class O:
        def __init__(self, first):
            if first:
                self.a = 1
                self.b = 2
            else:
                self.b = 3
                self.a = 4
            self.c = 5

    return [list(vars(O(f)).items()) for f in (True, False, True)]


def test_class_rebound_bases():
    class A:
        k = "A"

        def who(self):
            return "A"

    class B:
        k = "B"

        def who(self):
            return "B"

    class C(A):
        pass

    c = C()
    out = []
    for i in range(4):
        if i == 2:
            C.__bases__ = (B,)
        out.append((c.k, c.who()))
    return out


def test_instance_callable_attr():
    class CB:
        def __init__(self):
            self.f = lambda x: x + 1

    o = CB()
    out = []
    for i in range(4):
        if i == 2:
            o.f = lambda x: x * 100
        out.append(o.f(i))
    return out


def test_staticmethod_classmethod():
    class SC:
        @staticmethod
        def s(x):
            return ("s", x)

        @classmethod
        def c(cls, x):
            return (cls.__name__, x)

    class SC2(SC):
        pass

    return [(o.s(1), o.c(2)) for o in (SC(), SC2(), SC())]


def test_version_tag_exhaustion():
    class T:
        k = 0

        def m(self):
            return 1

    t = T()
    t.a = 5
    s = 0
    for i in range(1200):
        T.k = i
        s += t.k + t.m() + t.a
    return s


def test_type_of_instance_changed():
    class A1:
        def __init__(self):
            self.x = "a1"

        def m(self):
            return "A1.m"

    class A2:
        def m(self):
            return "A2.m"

    o = A1()
    out = []
    for i in range(4):
        if i == 2:
            o.__class__ = A2
        out.append((o.x, o.m()))
    return out


K = 1


def read_global(n):
    s = []
    for i in range(n):
        s.append(K)
    return s


def use_len(n):
    return [len("abc") for i in range(n)]


def test_global_rebound():
    global K
    out = [read_global(2)]
    K = 2
    out.append(read_global(2))
    K = 1
    return out


def test_builtin_shadowed_and_restored():
    global len
    out = [use_len(2)]
    len = lambda x: "shadow"
    out.append(use_len(2))
    del len
    out.append(use_len(2))
    saved = builtins.len
    builtins.len = lambda x: "builtin replaced"
    try:
        out.append(use_len(2))
    finally:
        builtins.len = saved
    out.append(use_len(2))
    return out


def test_global_deleted():
    global K
    read_global(1)
    del K
    try:
        read_global(1)
    except NameError as e:
        r = str(e)
    K = 1
    return r
