"""Generic int `+ - *` on temporaries (--all): a consumed one-digit int that nothing else holds
receives a one-digit result in place (spz/num.h spz_int_reuse). Results at the small-int cache
bounds, the one-digit bound (2**30), sign changes, zero, operands still referenced elsewhere."""


def chain(a, b, c):
    return (a * b + c) - (a + b) * c, (a + b) + (b + c), (a - b) - (c - b)


def bounds():
    out = []
    for base in (2**30 - 3, -(2**30) + 3, 250, -300, 1000, 7):
        for d in (-2000, -262, -6, -1, 0, 1, 5, 6, 262, 2000, 3):
            out.append(((base + d) + d, (base - d) - d, (base * 1 + d) * 2, (d + base) * -1))
    return out


def kept_alive():
    keep = []
    x = 1000
    for i in range(5):
        t = x + i
        keep.append(t)
        u = (t + 1) + (t + 2)
        keep.append(u)
    return keep


def accumulate(n):
    s = 0
    p = 1
    for i in range(n):
        s = (s + i * 3) - (i - 7)
        p = (p * 3 + 1) % 1000003
    return s, p


def mixed():
    return (1000 + 2**31) + 5, (2**40 - 1) + 1, (-1000 - 2**30) - 1, (999 + 1.5) + 1000, (True + 1000) + 1


def test_chain():
    return chain(1000, 2000, 3000), chain(-1000, 7, 300), chain(2**29, 2, 1), chain(0, 0, 0)


def test_bounds():
    return bounds()


def test_kept_alive():
    return kept_alive()


def test_accumulate():
    return accumulate(1000)


def test_mixed():
    return mixed()
