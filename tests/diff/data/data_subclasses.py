"""Plain (unannotated) functions, compiled under --all, called with values whose type only looks
like a builtin: bool, IntEnum, int/float/str/list/dict subclasses overriding operators, objects
with __index__. Specialized code must guard exact types and fall back."""
from enum import IntEnum


class Level(IntEnum):
    LOW = 1
    HIGH = 2


class LoudInt(int):
    def __add__(self, other):
        return "loud add"

    def __lt__(self, other):
        return "loud lt"


class HalfFloat(float):
    def __mul__(self, other):
        return float(self) * other / 2


class WeirdList(list):
    def __getitem__(self, i):
        return ("custom", i)

    def __len__(self):
        return 99


class DefaultDict(dict):
    def __missing__(self, key):
        return "missing:" + repr(key)


class ShoutStr(str):
    def __add__(self, other):
        return ShoutStr(str.__add__(self, other).upper())

    def upper(self):
        return "nope"


class Idx:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


def add_one(x):
    return x + 1


def less(a, b):
    return a < b


def mul(a, b):
    return a * b


def first(xs):
    return xs[0]


def length(xs):
    return len(xs)


def lookup(d, k):
    return d[k]


def concat(a, b):
    return a + b


def div_all(a, b):
    return a / b, a // b, a % b


def bitops(a, b):
    return a & b, a | b, a ^ b, ~a, -a


def loop_sum(n):
    s = 0
    for i in range(n):
        s += i
    return s


def type_changing_local(n):
    acc = 0
    for i in range(n):
        acc += i * 0.5
        if i == 3:
            acc = str(acc)
            break
    return acc


def kinds(v):
    return type(v).__name__, repr(v)


def test_bool_arith():
    return kinds(add_one(True)), kinds(mul(True, True)), kinds(concat(True, False)), kinds(bitops(True, False))


def test_intenum_arith():
    return kinds(add_one(Level.HIGH)), kinds(mul(Level.LOW, 3)), kinds(bitops(Level.HIGH, Level.LOW)), less(Level.LOW, Level.HIGH)


def test_int_subclass_overrides():
    return add_one(LoudInt(5)), less(LoudInt(1), 2), kinds(mul(LoudInt(3), 4))


def test_float_subclass_overrides():
    return mul(HalfFloat(3.0), 4.0), kinds(mul(4.0, HalfFloat(3.0))), kinds(add_one(HalfFloat(1.5)))


def test_list_subclass():
    return first(WeirdList([1, 2])), length(WeirdList([1, 2])), first([7]), length([1, 2, 3])


def test_dict_subclass_missing():
    return lookup(DefaultDict(a=1), "a"), lookup(DefaultDict(), "zz")


def test_str_subclass():
    r = concat(ShoutStr("ab"), "cd")
    return r, type(r).__name__, concat("ab", "cd")


def test_index_objects():
    return first(["a", "b"][Idx(1):]), lookup(["x", "y", "z"], Idx(-1)), mul([0], Idx(3))


def test_mixed_numeric_division():
    return div_all(7, 2), div_all(7.0, 2), div_all(-7, 2.0), div_all(True, 2), div_all(2**70, 3)


def test_int_then_float_then_str():
    return loop_sum(10), loop_sum(0), type_changing_local(2), type_changing_local(10)


def test_add_one_types():
    return [kinds(add_one(v)) for v in (1, 1.5, 2**63 - 1, -(2**63), 10**30)]


def test_add_one_to_str():
    return add_one("a")


def test_compare_incompatible():
    return less(1, "a")


def test_compare_mixed():
    return less(1, 1.5), less(2**64, 1e19), less("a", "b"), less((1, 2), (1, 3)), less([1], [0, 9])
