"""Attribute get/set/del on plain objects, augmented assignment on attributes, del, pass."""
from spyc import checked


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Slotted:
    __slots__ = ("a",)


class Prop:
    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v

    @v.setter
    def v(self, value):
        print("setting", value)
        self._v = value * 2


@checked
def move(p: Point, dx: int, dy: int) -> Point:
    p.x += dx
    p.y = p.y + dy
    return p


@checked
def get_attr(o: object) -> object:
    return o.x


@checked
def del_attr(o: object) -> object:
    del o.x
    return o


@checked
def set_new(o: object, v: int) -> object:
    o.brand_new = v
    return o.brand_new


@checked
def slot_roundtrip(s: Slotted, v: int) -> int:
    s.a = v
    s.a += 1
    return s.a


@checked
def prop_use(p: Prop) -> int:
    p.v = 5
    p.v += 1
    return p.v


@checked
def nothing() -> None:
    pass


@checked
def del_local(x: int) -> int:
    y = x + 1
    del x
    return y


def test_move():
    return move(Point(1, 2), 3, -4)


def test_get_missing_attr():
    return get_attr(Point(1, 2)), get_attr(object())


def test_del_attr():
    p = del_attr(Point(1, 2))
    return hasattr(p, "x"), p.y


def test_del_attr_twice():
    p = del_attr(Point(1, 2))
    return del_attr(p)


def test_set_new_attr():
    return set_new(Point(0, 0), 5)


def test_set_attr_on_object_instance():
    return set_new(object(), 1)


def test_slots():
    return slot_roundtrip(Slotted(), 41)


@checked
def get_slot(s: Slotted) -> object:
    return s.a


def test_slots_unset_read():
    return get_slot(Slotted())


def test_property():
    return prop_use(Prop())


def test_pass_returns_none():
    return nothing()


def test_del_local():
    return del_local(4)


def test_attr_on_int():
    return get_attr(5)
