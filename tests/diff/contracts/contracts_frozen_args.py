"""@frozen classes as argument/return contracts, user classes (isinstance), *args/**kwargs."""
from spyc import checked, frozen


@frozen
class Vec:
    x: float
    y: float


@frozen
class Tag:
    name: str


class Base:
    pass


class Derived(Base):
    pass


@checked
def norm1(v: Vec) -> float:
    return abs(v.x) + abs(v.y)


@checked
def make_vec(x: float, y: float) -> Vec:
    return Vec(x, y)


@checked
def bad_make(x: float) -> Vec:
    return Tag("x")


@checked
def base_only(b: Base) -> str:
    return type(b).__name__


@checked
def sum_all(*vs: Vec) -> float:
    t = 0.0
    for v in vs:
        t += v.x + v.y
    return t


@checked
def tagged(**tags: Tag) -> list:
    return sorted(t.name for t in tags.values())


@checked
def maybe_vec(v: Vec | None = None) -> str:
    return "none" if v is None else repr(v)


def test_frozen_arg_ok():
    return norm1(Vec(3, -4.5)), make_vec(1, 2)


def test_frozen_arg_wrong_type():
    return norm1((3.0, 4.0))


def test_frozen_arg_other_frozen():
    return norm1(Tag("v"))


def test_frozen_return_wrong():
    return bad_make(1.0)


def test_user_class_isinstance():
    return base_only(Base()), base_only(Derived())


def test_user_class_rejects():
    return base_only(object())


def test_star_args_frozen():
    return sum_all(), sum_all(Vec(1, 2), Vec(3, 4))


def test_star_args_frozen_bad_index():
    return sum_all(Vec(1, 2), Vec(3, 4), Tag("no"))


def test_kwargs_frozen():
    return tagged(a=Tag("x"), b=Tag("y"))


def test_kwargs_frozen_bad():
    return tagged(a=Tag("x"), b=Vec(1, 1))


def test_optional_frozen_default():
    return maybe_vec(), maybe_vec(Vec(0, 0))


def test_optional_frozen_bad():
    return maybe_vec(0)
