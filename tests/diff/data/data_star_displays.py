"""Star-unpacking in list, tuple and set displays (issue 15: `[*v[1:]]` and `x = 1, *v[2:]` used to
stop the build with an internal error): values, evaluation order, CPython's error texts for a
non-iterable after `*` (LIST_EXTEND vs SET_UPDATE), unhashable items before and after the first
star (BUILD_SET adds the items it pushed only after evaluating them all), displays of more than
30 items (built item by item), stars of generators, dicts, strs, sets and ranges."""
from spyc import checked

LOG = []


def note(x):
    LOG.append(x)
    return x


def rest(v):
    return [*v[1:]]


def cons(v):
    x = 1, *v[2:]
    return x


@checked
def mixed(a: list, b: tuple) -> list:
    return [0, *a, 1, *b, *a[::-1], 2]


def tuples(a, b):
    return (*a,), (*a, *b), (*b, 9), (9, *b, 8, *"xy")


def sets(a, b):
    s = {*a, 7, *b}
    return sorted(s), len({*a, *a}), sorted({1, *b})


def set_order(a):
    return list({*a, 17, 9}), list({9, *a}), list({17, 9, 1, *a})


def kinds(g):
    d = {"k": 1, "j": 2}
    return [*d], [*d.values()], [*range(3)], [*g], (*"ab", *b"c"), [*{3: 0}]


def nested(v):
    return [*[*v, *v], *[[*v]]]


def star_in_subscript(d, k):
    return d[*k]


def not_iterable_list(x):
    return [1, *x]


def not_iterable_tuple(x):
    return (*x, 1)


def not_iterable_set(x):
    return {1, *x}


def not_iterable_only(x):
    return [*x]


def unhashable_prefix():
    del LOG[:]
    try:
        return {note(1), note([]), note(2), *note([3])}
    finally:
        LOG.append("end")


def unhashable_no_star():
    del LOG[:]
    try:
        return {note(1), note([]), note(2)}
    except TypeError as e:
        return str(e), list(LOG)


def unhashable_after_star():
    del LOG[:]
    try:
        return {note(1), *note([2]), note([]), note(3)}
    except TypeError as e:
        return str(e), list(LOG)


def unhashable_in_star(v):
    return {1, *v}


def big_set(bad):
    del LOG[:]
    try:
        return sorted({note(0), bad, note(2), note(3), note(4), note(5), note(6), note(7), note(8), note(9),
                       note(10), note(11), note(12), note(13), note(14), note(15), note(16), note(17), note(18),
                       note(19), note(20), note(21), note(22), note(23), note(24), note(25), note(26), note(27),
                       note(28), note(29), note(30)})
    except TypeError as e:
        return str(e), list(LOG)


def order():
    del LOG[:]
    r = [note("a"), *note(["b"]), note("c")], (note("d"), *note(("e",))), {note("f"), *note({"g"})}
    return r, list(LOG)


def test_rest():
    return rest([1, 2, 3]), rest("abc"), rest(()), rest(range(5))


def test_cons():
    return cons([1, 2, 3, 4]), cons("xyz"), cons([])


def test_mixed():
    return mixed([1, 2], (3, 4))


def test_tuples():
    return tuples([1, 2], (3,)), tuples("", ())


def test_sets():
    return sets([5, 3], (1, 2))


def test_set_order():
    return set_order([25, 1, 33]), set_order(range(40, 0, -8))


def test_kinds():
    return kinds(i * i for i in range(4))


def test_nested():
    return nested([1, 2])


def test_star_in_subscript():
    return star_in_subscript({(1, 2): "a", (): "b"}, [1, 2]), star_in_subscript({(): "b"}, [])


def test_not_iterable_list():
    return not_iterable_list(5)


def test_not_iterable_tuple():
    return not_iterable_tuple(None)


def test_not_iterable_set():
    return not_iterable_set(2.5)


def test_not_iterable_only():
    return not_iterable_only(3)


def test_unhashable_prefix():
    try:
        return unhashable_prefix()
    except TypeError as e:
        return str(e), list(LOG)


def test_unhashable_no_star():
    return unhashable_no_star()


def test_unhashable_after_star():
    return unhashable_after_star()


def test_unhashable_in_star():
    return unhashable_in_star([2, {}])


def test_big_set():
    return big_set(1), big_set([])


def test_order():
    return order()
