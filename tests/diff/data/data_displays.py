"""list/tuple/dict/set displays, unpacking (incl. star and errors), augmented assignment."""
from spyc import checked


@checked
def displays(a: int, b: str) -> tuple:
    lst = [a, b, [a], (), {}]
    tup = (a,)
    d = {b: a, "k": [1, 2], a: b}
    s = {a, a, 2 * a}
    return lst, tup, d, sorted(s), (), {1: 1, 1: 2, True: 3}


@checked
def star_displays(xs: list, t: tuple, d: dict) -> tuple:
    return [*xs, *t, 0], (*t, *xs), {**d, "z": 26}, {*xs, *t}


@checked
def unpack(seq: object) -> tuple:
    a, b, c = seq
    return c, b, a


@checked
def star_unpack(seq: object) -> tuple:
    first, *middle, last = seq
    return first, middle, last


@checked
def nested_unpack(seq: list) -> tuple:
    (a, b), [c, *d] = seq
    return a, b, c, d


@checked
def swap(a: int, b: int) -> tuple:
    a, b = b, a
    return a, b


@checked
def aug_list(xs: list, ys: list) -> list:
    alias = xs
    xs += ys
    xs *= 2
    return [alias is xs, alias]


@checked
def aug_tuple(t: tuple) -> tuple:
    orig = t
    t += (9,)
    return orig, t


@checked
def aug_ints(x: int, y: int) -> list:
    out = []
    x += y
    out.append(x)
    x -= 3 * y
    out.append(x)
    x *= -y
    out.append(x)
    x //= 7
    out.append(x)
    x %= 5
    out.append(x)
    x **= 3
    out.append(x)
    x <<= 65
    out.append(x)
    x >>= 3
    out.append(x)
    x |= 1
    x &= 0xFFFF
    x ^= 0x0F0F
    out.append(x)
    return out


@checked
def aug_str(s: str, n: int) -> str:
    s += "!"
    s *= n
    return s


def test_displays():
    return displays(3, "x")


def test_star_displays():
    return star_displays([1, 2], (3,), {"a": 1})


def test_unpack_ok():
    return unpack([1, 2, 3]), unpack("abc"), unpack(range(3)), unpack({7: 0, 8: 0, 9: 0})


def test_unpack_too_many():
    return unpack([1, 2, 3, 4])


def test_unpack_too_few():
    return unpack((1, 2))


def test_unpack_non_iterable():
    return unpack(5)


def test_unpack_generator_too_many():
    return unpack(x for x in range(10))


def test_star_unpack():
    return star_unpack([1, 2]), star_unpack("hello"), star_unpack(range(5))


def test_star_unpack_too_few():
    return star_unpack([1])


def test_nested_unpack():
    return nested_unpack([(1, 2), [3, 4, 5]]), nested_unpack([[1, 2], "c"])


def test_nested_unpack_error():
    return nested_unpack([(1, 2, 3), [3]])


def test_swap():
    return swap(1, 2)


def test_aug_list_in_place():
    return aug_list([1], [2, 3])


def test_aug_tuple_rebinds():
    return aug_tuple((1, 2))


def test_aug_ints():
    return aug_ints(10, 4), aug_ints(-2**62, 2**62)


def test_aug_str():
    return aug_str("ab", 3), aug_str("", 0)


def test_aug_list_with_non_iterable():
    return aug_list([1], 5)
