"""x[i] / x[i] = v in generic code: exact list, tuple and dict take an inline path; every other
case (and every error) must behave exactly like CPython's abstract API."""


class L(list):
    def __getitem__(self, i):
        return ("L", i)

    def __setitem__(self, i, v):
        list.__setitem__(self, 0, (i, v))


class D(dict):
    def __missing__(self, k):
        return ("missing", k)


def get(x, i):
    return x[i]


def put(x, i, v):
    x[i] = v
    return x


def outcome(f, *args):
    try:
        return repr(f(*args))
    except Exception as e:
        return f"{type(e).__name__}: {e}"


def test_lists():
    xs = [10, 20, 30]
    return [outcome(get, xs, i) for i in (0, 2, -1, -3, 3, -4, True, 2**63, -2**70, 1.0, "a")]


def test_tuples_and_str():
    t = (1, 2, 3)
    return [outcome(get, t, i) for i in (0, -1, 3, False)] + [outcome(get, "abc", 1), outcome(get, range(5), -1)]


def test_dicts():
    d = {1: "a", "k": "b", (1, 2): "c"}
    return [outcome(get, d, k) for k in (1, "k", (1, 2), 2, [1], True, 1.0)]


def test_subclasses():
    return outcome(get, L([1, 2]), 0), outcome(get, D(a=1), "a"), outcome(get, D(), "zz"), outcome(put, L([1, 2]), 1, 9)


def test_stores():
    out = [outcome(put, [1, 2, 3], -1, "x"), outcome(put, [1, 2, 3], 3, "x"), outcome(put, [1], 2**64, 0),
           outcome(put, {}, "k", 1), outcome(put, {}, [], 1), outcome(put, (1,), 0, 2), outcome(put, [0], True, 5)]
    return out


def test_augmented():
    xs = [1, 2, 3]
    d = {"a": 1}
    xs[1] += 10
    xs[-1] *= 2
    d["a"] += 5
    try:
        d["b"] += 1
    except KeyError as e:
        return xs, d, repr(e)
