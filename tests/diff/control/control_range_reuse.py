"""Generic `for` over range (--all): the range iterator is advanced inline and the loop
variable's int is reused in place when nothing else holds it (spz/iter.h). Values, the loop
variable after the loop, ints kept by the body, digit and sign boundaries, long ranges."""


def kept(n):
    out = []
    for i in range(n):
        out.append(i)
    return out


def summed(a, b, step):
    s = 0
    for i in range(a, b, step):
        s += i
    return s, i


def boundaries():
    res = []
    for lo, hi, st in [(2**30 - 3, 2**30 + 3, 1), (-3, 4, 1), (5, -5, -2), (2**30 + 2, 2**30 - 3, -1),
                       (0, 1, 1), (1, 1, 1), (2**62, 2**62 + 3, 1), (2**63 - 2, 2**63 + 2, 1), (-2**63 - 2, -2**63 + 1, 1)]:
        last = None
        acc = []
        for i in range(lo, hi, st):
            acc.append(i - lo)
            last = i
        res.append((acc, last))
    return res


def shared_then_reused():
    keep = None
    total = 0
    for i in range(1000, 1010):
        if i == 1003:
            keep = i
        total += i
    return keep, total, i


def in_dict_keys():
    d = {}
    for i in range(100, 105):
        d[i] = i * 2
    return d


def rebinding_inside():
    out = []
    for i in range(10, 15):
        i = i * 3
        out.append(i)
    return out, i


def del_inside():
    n = 0
    for i in range(5, 8):
        n += i
        del i
    return n


def iter_obj_reused():
    r = iter(range(3, 9))
    first = next(r)
    rest = []
    for i in r:
        rest.append(i)
    return first, rest, list(r)


def nested_loops():
    s = 0
    for i in range(1, 50):
        for j in range(i, 60):
            s += i * j
    return s


def test_kept():
    return kept(5)


def test_summed():
    return summed(0, 100000, 3), summed(10, -10, -3), summed(2**30 - 10, 2**30 + 10, 1)


def test_boundaries():
    return boundaries()


def test_shared():
    return shared_then_reused()


def test_dict_keys():
    return in_dict_keys()


def test_rebinding():
    return rebinding_inside()


def test_del():
    return del_inside()


def test_iter_obj():
    return iter_obj_reused()


def test_nested():
    return nested_loops()


def test_empty():
    return summed(5, 5, 1) if False else kept(0)
