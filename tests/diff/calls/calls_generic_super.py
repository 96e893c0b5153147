"""super() in compiled methods (--all): the zero-argument form reads the method's __class__ cell
and its current first argument, like CPython's super_init; explicit two-argument super; errors."""


class Base:
    def __init__(self, x):
        self.x = x

    def describe(self):
        return ("Base", self.x)

    @classmethod
    def make(cls, x):
        return ("Base.make", cls.__name__, x)

    def total(self, k):
        return self.x + k


class Mid(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y

    def describe(self):
        return ("Mid", super().describe(), self.y)

    @classmethod
    def make(cls, x):
        return ("Mid.make", super().make(x))

    def total(self, k):
        return super().total(k) * 2


class Leaf(Mid):
    def describe(self):
        return ("Leaf", super().describe())

    def explicit(self):
        return super(Mid, self).describe()

    def rebinds_self(self, other):
        self = other
        return super().describe()

    def deletes_self(self):
        del self
        return super().describe()

    def loop(self, n):
        s = 0
        for i in range(n):
            s += super().total(i)
        return s


class A:
    def who(self):
        return ["A"]


class B(A):
    def who(self):
        return ["B"] + super().who()


class C(A):
    def who(self):
        return ["C"] + super().who()


class D(B, C):
    def who(self):
        return ["D"] + super().who()


def outside():
    try:
        return super()
    except RuntimeError as e:
        return str(e)


def test_chain():
    o = Leaf(1, 2)
    return o.x, o.y, o.describe(), o.explicit(), Leaf.make(5), o.total(3), o.loop(10)


def test_mro_diamond():
    return D().who()


def test_rebound_and_deleted_first_arg():
    o = Leaf(1, 2)
    out = [o.rebinds_self(Leaf(7, 8))]
    try:
        out.append(o.rebinds_self(Base(3)))
    except TypeError as e:
        out.append(str(e))
    try:
        out.append(o.deletes_self())
    except RuntimeError as e:
        out.append(str(e))
    return out


def test_outside_class():
    return outside()


def test_super_shadowed_globally():
    global super
    saved = Leaf(1, 2)
    super = lambda *a: ("fake super", a)
    try:
        try:
            return saved.describe()
        except AttributeError as e:
            return str(e)
    finally:
        del super


def test_method_reassigned_class():
    class E(Base):
        def describe(self):
            return ("E", super().describe())

    f = E.describe

    class F:
        pass

    o = E(4)
    out = [o.describe()]
    try:
        out.append(f(F()))
    except TypeError as e:
        out.append(str(e))
    return out
