"""Attribute sites on instances whose __dict__ has been materialized (o.__dict__, vars(o)) and
on classes whose shared keys keep growing after a method site was cached: the values must
always be what CPython finds, whatever happens to the dict, the class or the instance."""


class Node:
    def __init__(self, name, weight):
        self.name = name
        self.weight = weight
        self.next = None

    def label(self):
        return "%s:%d" % (self.name, self.weight)


def total(nodes):
    s = 0
    out = []
    for n in nodes:
        s += n.weight
        out.append(n.label())
    return s, out


def test_materialized_dict():
    nodes = [Node("n%d" % i, i) for i in range(6)]
    first = total(nodes)
    for n in nodes[::2]:
        n.__dict__.get("weight")  # materializes the dict on 3.11/3.12
    second = total(nodes)
    for n in nodes[1::2]:
        vars(n)["weight"] = 100  # write through the dict
    third = total(nodes)
    return first, second, third


def test_dict_gains_shadowing_method():
    nodes = [Node("a", 1), Node("b", 2), Node("c", 3)]
    before = total(nodes)
    nodes[1].__dict__["label"] = lambda: "shadowed"
    after = total(nodes)
    del nodes[1].__dict__["label"]
    again = total(nodes)
    return before, after, again


def test_dict_replaced():
    nodes = [Node("a", 1), Node("b", 2)]
    before = total(nodes)
    nodes[0].__dict__ = {"name": "z", "weight": 50, "next": None}
    mid = total(nodes)
    nodes[1].__dict__ = {"name": "y", "weight": 7, "extra": 1, "next": None}
    return before, mid, total(nodes)


def test_dict_attribute_deleted():
    n = Node("a", 5)
    n.__dict__
    s = [n.weight]
    del n.weight
    try:
        s.append(n.weight)
    except AttributeError as e:
        s.append(str(e))
    n.weight = 9
    s.append(n.weight)
    return s


def test_class_attribute_reassigned():
    nodes = [Node("a", 1), Node("b", 2)]
    before = total(nodes)
    old = Node.label
    Node.label = lambda self: "new-" + self.name
    try:
        mid = total(nodes)
    finally:
        Node.label = old
    return before, mid, total(nodes)


class Base:
    def __init__(self, x):
        self.x = x

    def get(self):
        return self.x

    def kind(self):
        return "base"


class Grower(Base):
    pass


def call_all(objs):
    return [(o.get(), o.kind()) for o in objs]


def test_keys_grow_after_cache():
    objs = [Grower(i) for i in range(3)]
    first = call_all(objs)
    # new names enter the shared keys after the method sites were cached
    for i, o in enumerate(objs):
        setattr(o, "extra%d" % i, i)
    second = call_all(objs)
    # ... and one of them shadows a method on one instance only
    objs[1].kind = lambda: "instance"
    third = call_all(objs)
    fresh = Grower(9)
    fourth = call_all(objs + [fresh])
    return first, second, third, fourth


class WithGetattr:
    def __init__(self):
        self.real = 1

    def __getattr__(self, name):
        return "missing-" + name


def test_getattr_with_dict():
    o = WithGetattr()
    out = [o.real, o.other]
    o.__dict__["other"] = 2
    out += [o.real, o.other]
    vars(o).clear()
    out += [o.real, o.other]
    return out


class Prop:
    def __init__(self, v):
        self._v = v

    @property
    def v(self):
        return self._v * 2


class SlotsAndDict:
    __slots__ = ("a", "__dict__")

    def __init__(self):
        self.a = 1
        self.b = 2


def test_descriptors_and_slots():
    p = Prop(3)
    out = [p.v]
    p.__dict__["v"] = "ignored"  # a data descriptor wins over the dict
    out.append(p.v)
    s = SlotsAndDict()
    out += [s.a, s.b]
    s.__dict__["a"] = "dict-a"  # the slot wins
    s.__dict__["b"] = "dict-b"
    out += [s.a, s.b]
    return out
