"""Type creation makes a plain function stored as __new__ a staticmethod and __init_subclass__ /
__class_getitem__ classmethods; compiled ones (--all, or @checked as the only decorator) must
behave the same, and so must such methods under another decorator (which stay interpreted)."""
import functools
from spyc import checked

SEEN = []


class Base:
    def __new__(cls, *args):
        inst = object.__new__(cls)
        inst.args = args
        return inst

    def __init_subclass__(cls, tag="none"):
        SEEN.append((cls.__name__, tag))

    @checked
    def __class_getitem__(cls, item: str) -> str:
        return cls.__name__ + "[" + item + "]"


def passthrough(fn):
    return fn


class Decorated:
    @passthrough
    def __class_getitem__(cls, item):
        return ("decorated", cls.__name__, item)

    @functools.lru_cache
    def __init_subclass__(cls):
        SEEN.append(("lru", cls.__name__))


def test_new_is_static():
    b = Base(1, 2)
    return type(b).__name__, b.args, type(Base.__dict__["__new__"]).__name__


def test_init_subclass_is_class():
    SEEN.clear()

    class Child(Base, tag="c"):
        pass

    class Other(Base):
        pass
    return list(SEEN), type(Base.__dict__["__init_subclass__"]).__name__


def test_class_getitem_is_class():
    class Sub(Base):
        pass
    return Base["x"], Sub["y"], type(Base.__dict__["__class_getitem__"]).__name__


def test_decorated_passthrough():
    return Decorated["z"], type(Decorated.__dict__["__class_getitem__"]).__name__


def test_decorated_not_a_function():
    SEEN.clear()
    try:
        class D(Decorated):
            pass
    except TypeError as e:
        return "TypeError", str(e)
    return list(SEEN)
