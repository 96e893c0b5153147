"""Generic `+ - *` on temporaries (spz/num.h `_s` variants): a refcount-1 float temporary
receives the result in place, locals and shared objects never do; compact-int fast paths at
the digit boundaries; subclasses and mixed types go through the abstract API."""


class F(float):
    def __add__(self, o):
        return ("F.add", float(self), o)


class I(int):
    def __mul__(self, o):
        return ("I.mul", int(self), o)


def chain(x, y):
    a = x + y
    b = a + 1.0
    c = (a * 2.0) - (b * 3.0)
    d = (x + y) + (x + y)
    return a, b, c, d, x, y


def aug(x, y):
    s = x
    t = s
    s += x * y
    s -= (y - x)
    s *= (x + 0.5)
    return s, t, x, y


def shared(xs):
    out = []
    for v in xs:
        w = v
        w += 1.0
        out.append((v, w))
    return out


def attr_aug(o, n):
    for i in range(n):
        o.v += i * 0.5
        o.w -= 1
    return o.v, o.w


def item_aug(l, n):
    for i in range(n):
        l[0] += 0.25 * i
        l[1] *= 3
    return l


class Box:
    def __init__(self):
        self.v = 1.0
        self.w = 10


def test_float_chain():
    return chain(1.5, 2.25), chain(-0.0, 0.0), chain(float("inf"), float("-inf")), chain(1e308, 1e308)


def test_aug():
    return aug(1.5, 2.0), aug(3, 4), aug(2**62, 2**62), aug("ab", 2) if False else aug(True, 3)


def test_shared_not_mutated():
    xs = [1.0, 2.5, 1.0]
    return shared(xs), xs


def test_attr_and_item():
    return attr_aug(Box(), 5), item_aug([1.0, 1], 6)


def test_int_boundaries():
    out = []
    for a in (2**30 - 1, 2**30, -(2**30) + 1, -(2**30), 2**31, -1, 0, 1, 2**62, -(2**63)):
        for b in (1, -1, 2**30 - 1, -(2**30), 0, 2**30):
            out.append((a + b, a - b, a * b, (a + b) * (a - b), a < b, a >= b, a == b, a != b))
    return out


def test_subclasses_and_mixed():
    return [F(1.5) + 2.0, (F(1.5) + 2.0, 1) if False else 2.0 + F(1.5), I(3) * 2, 2 * I(3),
            1 + 2.5, 2.5 * True, 3 - 0.5, "a" * 3, [1] + [2], (1, 2) * 2]


def test_errors():
    out = []
    for a, b in ((1.0, "x"), ("x", 1.0), (None, 1), ([], 1.5)):
        try:
            out.append(a + b)
        except TypeError as e:
            out.append(str(e))
        try:
            c = a
            c -= b
            out.append(c)
        except TypeError as e:
            out.append(str(e))
    return out


def test_float_temp_in_loop():
    s = 0.0
    xs = [0.5, 1.5, 2.5]
    for i in range(100):
        s += xs[i % 3] * 2.0 + xs[(i + 1) % 3]
    return s, xs
