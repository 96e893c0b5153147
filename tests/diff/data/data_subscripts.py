"""Subscripts and slices (step, negative), augmented assignment on items, del of items."""
from spyc import checked


@checked
def index(xs: list, i: int) -> object:
    return xs[i]


@checked
def tindex(t: tuple, i: int) -> object:
    return t[i]


@checked
def sindex(s: str, i: int) -> str:
    return s[i]


@checked
def slc(xs: list, a: object, b: object, c: object) -> list:
    return xs[a:b:c]


@checked
def sslc(s: str, a: int, b: int) -> str:
    return s[a:b] + "|" + s[::-1] + "|" + s[::2] + "|" + s[-2:]


@checked
def set_item(xs: list, i: int, v: int) -> list:
    xs[i] = v
    xs[i] += 10
    return xs


@checked
def set_slice(xs: list, a: int, b: int, vals: list) -> list:
    xs[a:b] = vals
    return xs


@checked
def ext_slice_assign(xs: list, vals: list) -> list:
    xs[::2] = vals
    return xs


@checked
def del_items(xs: list) -> list:
    del xs[0]
    del xs[-1]
    del xs[::2]
    return xs


@checked
def dict_ops(d: dict, k: str) -> dict:
    d[k] = d.get(k, 0) + 1
    d[k] *= 3
    if "gone" in d:
        del d["gone"]
    return d


@checked
def dict_get(d: dict, k: object) -> object:
    return d[k]


@checked
def nested_aug(m: list) -> list:
    m[0][1] += 5
    m[-1][-1] *= 2
    return m


def test_index_negative():
    xs = [10, 20, 30]
    return index(xs, 0), index(xs, -1), index(xs, -3), tindex((1, 2), -2), sindex("abc", -1)


def test_index_out_of_range():
    return index([1, 2], 2)


def test_tuple_index_out_of_range():
    return tindex((), -1)


def test_str_index_out_of_range():
    return sindex("", 0)


def test_big_index():
    return index([1], 2**70)


def test_slices():
    xs = list(range(10))
    return (slc(xs, None, None, None), slc(xs, 2, 8, 2), slc(xs, -3, None, None), slc(xs, None, None, -1),
            slc(xs, 8, 2, -3), slc(xs, 100, -100, -1), slc(xs, -100, 100, 4), slc(xs, 2**70, None, None))


def test_slice_zero_step():
    return slc([1, 2, 3], None, None, 0)


def test_slice_bad_type():
    return slc([1, 2, 3], "a", None, None)


def test_str_slices():
    return sslc("hello world", 2, -2), sslc("", 0, 0)


def test_set_item_aug():
    return set_item([1, 2, 3], -1, 7)


def test_set_item_out_of_range():
    return set_item([1, 2, 3], 3, 7)


def test_set_slice():
    return set_slice([1, 2, 3, 4], 1, 3, [9, 9, 9]), set_slice([1, 2], 5, 6, [3])


def test_ext_slice_assign_ok():
    return ext_slice_assign([0, 0, 0, 0, 0], [1, 2, 3])


def test_ext_slice_assign_wrong_size():
    return ext_slice_assign([0, 0, 0, 0], [1, 2, 3])


def test_del_items():
    return del_items(list(range(8)))


def test_dict_ops():
    return dict_ops({"gone": 1, "x": 2}, "x"), dict_ops({}, "y")


def test_dict_missing_key():
    return dict_get({"a": 1}, "b")


def test_dict_unhashable_key():
    return dict_get({}, [1])


def test_dict_equal_keys():
    return dict_get({1: "int"}, 1.0), dict_get({1: "int"}, True)


def test_nested_aug():
    return nested_aug([[1, 2], [3, 4]])


def test_subscript_non_subscriptable():
    return dict_get(5, 1)
