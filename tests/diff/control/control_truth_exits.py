"""Truth tests of every kind of value in if/while/and/or/not (bools and None decide inline, others
through __bool__/__len__, which may raise), and functions that fail in the middle of an
expression holding temporaries (the epilogue releases them only on the failing path)."""


class Flag:
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        print("bool", self.v)
        return self.v


class Sized:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Broken:
    def __bool__(self):
        raise RuntimeError("no truth")


class BadBool:
    def __bool__(self):
        return 1


def pick(x):
    if x:
        return "yes"
    return "no"


def both(a, b):
    return (a and b), (a or b), (not a)


def count_down(n):
    out = []
    while n:
        out.append(n)
        n -= 1
    return out


def first_true(items):
    for it in items:
        if it:
            return it
    return None


def test_plain_values():
    vals = [True, False, None, 0, 1, -1, 0.0, 2.5, "", "a", [], [0], (), {}, {1: 2}, set(), 10**30, 0j]
    return [pick(v) for v in vals]


def test_objects():
    return [pick(Flag(True)), pick(Flag(False)), pick(Sized(0)), pick(Sized(3))]


def test_and_or_not():
    return [both(a, b) for a in (True, False, None, 0, 7, "") for b in (False, None, "x")]


def test_while():
    return count_down(5), count_down(True), count_down(0)


def test_first_true():
    return first_true([0, None, False, "", Flag(False), 9]), first_true([None, False])


def test_raising_bool():
    return pick(Broken())


def test_raising_bool_in_while():
    n = 0
    x = Broken()
    try:
        while x:
            n += 1
    except RuntimeError as e:
        return n, str(e)


def test_bool_wrong_type():
    return pick(BadBool())


def test_len_negative():
    return pick(Sized(-1))


def mid_expression(a, b):
    return (a + 1, b * 2, a.missing, b)


def test_fail_mid_expression():
    out = []
    for _ in range(3):
        try:
            mid_expression(1, [1, 2])
        except AttributeError as e:
            out.append(str(e))
    return out


def tuple_then_fail(d, k):
    t = (k, k + 1, [k])
    return t, d[k]


def test_fail_after_temps():
    d = {1: "one"}
    out = [tuple_then_fail(d, 1)]
    try:
        tuple_then_fail(d, 2)
    except KeyError as e:
        out.append(repr(e))
    return out


def loop_return(xs):
    for x in xs:
        for y in xs:
            if x * y > 6:
                return x, y
    return None


def test_return_inside_loops():
    return loop_return([1, 2, 3, 4]), loop_return([1]), loop_return(range(5))
