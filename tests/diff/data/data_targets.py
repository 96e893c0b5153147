"""Assignment targets and subscript forms: chained assignment (order, shared object), for-loop
targets that are attributes/subscripts/starred/nested, augmented assignment on slices and
attribute chains, tuple keys, Ellipsis, slice objects, del of slices and tuple keys."""
from spyc import checked

LOG = []


class Rec:
    def __init__(self):
        self.items = {}
        self.child = None

    def __setattr__(self, name, value):
        LOG.append("set " + name)
        object.__setattr__(self, name, value)


class Grid:
    def __init__(self):
        self.cells = {}

    def __getitem__(self, key):
        LOG.append(("get", key))
        return self.cells.get(key, 0)

    def __setitem__(self, key, value):
        LOG.append(("set", key, value))
        self.cells[key] = value

    def __delitem__(self, key):
        LOG.append(("del", key))
        self.cells.pop(key, None)


def take():
    out = LOG[:]
    del LOG[:]
    return out


def make_list():
    LOG.append("make_list called")
    return []


@checked
def chained_assignment() -> tuple:
    a = b = make_list()
    a.append(1)
    r = Rec()
    r.x = r.y = len(a)
    return a is b, b, r.x, r.y


@checked
def for_targets(r: Rec, d: dict) -> tuple:
    for r.last in range(3):
        pass
    for d["k"] in "xy":
        pass
    out = []
    for first, *rest in ([1, 2, 3], "ab", (9,)):
        out.append((first, rest))
    for (p, q), s in [((1, 2), 3), ((4, 5), 6)]:
        out.append(p + q + s)
    return r.last, d, out


@checked
def aug_on_slices_and_chains(xs: list) -> tuple:
    xs[1:3] += ["extra"]
    r = Rec()
    r.child = Rec()
    r.child.items = {"n": 1}
    r.child.items["n"] += 10
    return xs, r.child.items


@checked
def tuple_keys(g: Grid) -> tuple:
    g[1, 2] = "a"
    g[1, 2] += "b"
    v = g[1, 2]
    g[0:2, ...] = "slice"
    w = g[::2, 1]
    del g[1, 2]
    return v, w, sorted(map(repr, g.cells))


@checked
def slice_objects(xs: list) -> tuple:
    s = slice(1, None, 2)
    ys = xs[s]
    del xs[s]
    e = ...
    return ys, xs, e, repr(s), s.indices(10)


@checked
def del_slices(xs: list) -> list:
    del xs[:2]
    del xs[-1:]
    del xs[::-2]
    return xs


@checked
def star_in_middle_assign(seq: tuple) -> tuple:
    *init, last = seq
    a, *mid, z = seq
    [x, y], *_ = [seq[:2], 0]
    return init, last, a, mid, z, x, y


def test_chained_assignment():
    take()
    r = chained_assignment()
    return r, take()


def test_for_targets():
    take()
    r = for_targets(Rec(), {})
    return r, take()


def test_aug_on_slices_and_chains():
    take()
    r = aug_on_slices_and_chains([1, 2, 3, 4])
    return r, take()


def test_tuple_keys():
    take()
    r = tuple_keys(Grid())
    return r, take()


def test_slice_objects():
    return slice_objects(list(range(7)))


def test_del_slices():
    return del_slices(list(range(10)))


def test_star_in_middle():
    return star_in_middle_assign((1, 2, 3, 4)), star_in_middle_assign((1, 2))


def test_star_assign_too_short():
    return star_in_middle_assign((1,))
