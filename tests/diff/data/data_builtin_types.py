"""Operators and methods on builtin types from compiled code: str, list, tuple, dict, set,
membership, identity with None, container comparisons, sorting, conversions."""
from spyc import checked


@checked
def str_ops(s: str, t: str) -> tuple:
    return (s + t, s * 3, s * -1, t in s, s.find(t), s.replace("a", "<a>"), s.split(), s.upper(),
            s.strip("xa"), "-".join([s, t]), s < t, s == t, len(s), s[1:] * 2, s.count("a"),
            s.startswith(("x", "ba")), ord(s[0]) if s else None, s.encode())


@checked
def list_ops(xs: list) -> tuple:
    ys = xs + [0]
    ys.sort()
    zs = list(reversed(xs))
    xs.extend((7, 8))
    xs.insert(0, -1)
    popped = xs.pop()
    xs.remove(7)
    return ys, zs, xs, popped, xs.index(-1), xs.count(1), 3 in xs, xs * 2, [] == [], [1, 2] < [1, 3], xs[::-1]


@checked
def list_remove_missing(xs: list) -> list:
    xs.remove(12345)
    return xs


@checked
def dict_ops(d: dict) -> tuple:
    d2 = dict(d)
    d2.update(z=26)
    d2.setdefault("y", 25)
    keys = list(d2)
    popped = d2.pop("z")
    missing = d2.pop("nope", "dflt")
    item = d2.popitem()
    return keys, popped, missing, item, d2, "a" in d, d | {"w": 1}, sorted(d.items()), d.get("q")


@checked
def set_ops(a: set, b: set) -> tuple:
    return sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), a <= b, a < a, 3 in a, len(a), frozenset(a) == a


@checked
def tuple_ops(t: tuple) -> tuple:
    return t + (1,), t * 2, t.index(2), t.count(2), t < (9,), hash(t) == hash(tuple(list(t))), t[-1:], tuple(reversed(t))


@checked
def none_checks(v: object) -> tuple:
    return v is None, v is not None, v == None, not v  # noqa: E711


@checked
def conversions(s: str) -> tuple:
    return int(s), float(s), str(int(s)), repr(float(s)), bool(s), list(s), tuple(s), int(s, 16), int("-0x" + s, 0)


@checked
def bad_conversion(s: str) -> int:
    return int(s)


@checked
def sort_mixed(xs: list) -> list:
    return sorted(xs)


@checked
def minmax(xs: list) -> tuple:
    return min(xs), max(xs), sum(xs), any(xs), all(xs), sorted(xs, reverse=True), max(xs, key=abs)


def test_str_ops():
    return str_ops("banana", "an"), str_ops("", "x")


def test_list_ops():
    return list_ops([3, 1, 2])


def test_list_remove_missing():
    return list_remove_missing([1])


def test_dict_ops():
    return dict_ops({"a": 1, "b": 2})


def test_set_ops():
    return set_ops({1, 2, 3}, {2, 3, 4})


def test_tuple_ops():
    return tuple_ops((5, 2, 2))


def test_tuple_index_missing():
    return tuple_ops((1,))


def test_none_checks():
    return none_checks(None), none_checks(0), none_checks([])


def test_conversions():
    return conversions("10"), conversions("7")


def test_bad_conversion():
    return bad_conversion("1.5")


def test_sort_mixed_error():
    return sort_mixed([1, "a"])


def test_minmax():
    return minmax([3, -7, 2])


def test_min_empty():
    return minmax([])
