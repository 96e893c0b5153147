"""Set displays of constants (issue 16): CPython folds `{c1, c2, c3, ...}` into a frozenset constant
and copies it, and iterates `for x in {...}` / tests `x in {...}` on the frozenset itself, so the
iteration order is that of the frozenset the compiler built, not of adding the items in source
order. Ints, strs (PYTHONHASHSEED=0), mixed types, colliding hashes (-1/-2, 2**61 and 1, multiples
of the table size), sizes around the resize thresholds (5 items: 8 -> 32 slots, 19 items: 32 ->
128), displays that are not folded (two items, a name among them), equal displays in several
functions (the compiler merges them module-wide: the first one wins)."""
from spyc import checked

# seen by the compiler before the functions below: a later {1, 9, 17} is this very frozenset
EARLY = {17, 9, 1}


@checked
def lots() -> list:
    out = []
    for lot in {5, 3, 17, 1, 64, 65, 2}:
        out.append(lot)
    return out


@checked
def lots_list() -> list:
    return list({5, 3, 17, 1, 64, 65, 2})


def merged_later():
    return list({1, 9, 17}), list({17, 9, 1})


@checked
def colliding() -> list:
    return [
        list({17, 9, 1}), list({1, 9, 17}), list({9, 1, 17}),
        list({-1, -2, 1, 2}), list({-2, -1, 2, 1}),
        list({1, 2 ** 61, 2 ** 61 - 1, 0}),
        list({8, 16, 24, 32, 40, 0}), list({32, 64, 96, 0, 128}),
    ]


def sizes():
    return [
        list({7, 15, 23}),
        list({7, 15, 23, 31}),
        list({7, 15, 23, 31, 39}),
        list({7, 15, 23, 31, 39, 47}),
        list({31, 63, 95, 127, 159, 191, 223, 255, 287, 319, 351, 383, 415, 447, 479, 511, 543, 575}),
        list({31, 63, 95, 127, 159, 191, 223, 255, 287, 319, 351, 383, 415, 447, 479, 511, 543, 575, 607}),
        list({31, 63, 95, 127, 159, 191, 223, 255, 287, 319, 351, 383, 415, 447, 479, 511, 543, 575, 607, 639}),
        list({100, 228, 356, 484, 612, 740, 868, 996, 1124, 1252, 1380, 1508, 1636, 1764, 1892, 2020,
              2148, 2276, 2404, 2532, 2660, 2788, 2916, 3044, 3172, 3300, 3428, 3556, 3684, 3812, 3940,
              4068, 4196, 4324, 4452, 4580, 4708, 4836, 4964, 5092, 5220, 5348, 5476, 5604, 5732, 5860,
              5988, 6116, 6244, 6372, 6500, 6628, 6756, 6884, 7012, 7140, 7268, 7396, 7524, 7652, 7780}),
    ]


@checked
def strs() -> list:
    return [
        list({"apple", "pear", "fig", "kiwi", "plum", "date", "lime"}),
        list({"a", "b", "c"}),
        list({"", "x", "xx", "xxx", "xxxx"}),
        list({"é", "😀", "ß", "z"}),
    ]


def mixed():
    return [
        list({1, "1", 1.5, (1, 2), None, True, b"x", 2.0, -0.5, ...}),
        list({1.0, 1, True, 2}),
        list({True, 1, 1.0, 3}),
        list({0, False, 0.0, -0.0, 5}),
        list({(1, (2, 3)), (1,), (), 4}),
        list({-1, -2, not 0, +3, ~4}),
        list({1j, 2j, 0j, -1j}),
    ]


@checked
def loops(n: int) -> list:
    out = []
    for i in range(n):
        s = {11, 3, 19, 27, 35}
        s.add(i)              # a fresh set every time: the constant is never mutated
        out.append(list(s))
        for x in {40, 8, 24, 16}:
            out.append(x * i)
    return out


def pops():
    s = {33, 1, 65, 97, 129, 161}
    out = [s.pop(), s.pop()]
    t = {"k", "j", "i", "h", "g"}
    out.append(sorted(t))
    out.append(t.pop())
    return out


@checked
def membership(x: int) -> list:
    return [
        x in {1, 2, 3}, x not in {1, 2, 3}, x in {9, 17}, x not in {-1},
        x in {1, 2, 3, 9, 17, 2 ** 61}, 0 < x in {1, 5, 9}, 0 < x not in {1, 5, 9},
        1 in {1, 2, 3} in [{1, 2, 3}],
    ]


def membership_unhashable():
    return [] in {1, 2, 3}


def membership_unhashable_2():
    x = {}
    return x not in {"a", "b"}


def not_folded(a):
    return [list({a, 9, 1}), list({9, 1}), list({17, 1}), list({1, 9, a, 17}), list({*[17, 9], 1}), sorted({a, 3, 2})]


@checked
def reprs() -> list:
    return [repr({64, 1, 2, 3, 65, 5, 17}), str({"x", "y", "z"}), repr({(1, 2), (2, 1), (1, 1)})]


def sorted_and_sets():
    a = {9, 5, 1, 13}
    b = {1, 17, 33, 49}
    return [sorted({5, 3, 17, 1}), list(a | b), list(a & {1, 5, 7}), list(a - {5, 6, 7}), list(a ^ b), len({1, 1, 1, 2})]


def in_loop_test(n):
    out = []
    i = 0
    while i < n:
        if i in {3, 7, 11, 15}:
            out.append(i)
        if i not in {0, 1, 2}:
            out.append(-i)
        i += 1
    return out


def test_lots():
    return lots(), lots_list()


def test_merged_later():
    return merged_later(), list(EARLY)


def test_colliding():
    return colliding()


def test_sizes():
    return sizes()


def test_strs():
    return strs()


def test_mixed():
    return mixed()


def test_loops():
    return loops(4)


def test_pops():
    return pops()


def test_membership():
    return [membership(x) for x in (0, 1, 3, 4, 9, 17, 2 ** 61, 5)]


def test_membership_unhashable():
    return membership_unhashable()


def test_membership_unhashable_2():
    return membership_unhashable_2()


def test_not_folded():
    return not_folded(25), not_folded(1)


def test_reprs():
    return reprs()


def test_sorted_and_sets():
    return sorted_and_sets()


def test_in_loop():
    return in_loop_test(20)
