"""`for x in reversed(xs)` over list parameters and list locals, and `for i in reversed(range(...))`,
in specialized bodies (facts/reversed.ts): an index loop from the end, re-reading the list's
length at every step as CPython's list_reverseiterator does. Hostile cases: empty lists, an int,
a bool or a str among floats (the item guard resumes the generic loop at that item), the list
shrunk, cleared, grown and shrunk-then-grown inside the loop (also across a deopt in the body,
whose rebuilt iterator must keep an index past the current length), a list subclass (the contract
refuses it), `reversed` and `range` shadowed, ranges at the int64 edges, negative steps, a zero
step, break/continue/else and nested loops."""
import builtins

from spyc import checked


@checked
def horner(coeffs: list[float], x: float) -> float:
    acc = 0.0
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


@checked
def digits_value(ds: list[int], base: int) -> int:
    v = 0
    for d in reversed(ds):
        v = v * base + d
    return v


@checked
def first_negative_from_end(xs: list[float]) -> float:
    for x in reversed(xs):
        if x < 0.0:
            return x
    return 0.0


@checked
def last_run(xs: list[int], stop: int) -> int:
    n = 0
    for x in reversed(xs):
        if x == stop:
            break
        if x % 2 == 0:
            continue
        n += x
    else:
        n = -n
    return n


@checked
def popping(xs: list[int]) -> list[int]:
    seen = []
    for x in reversed(xs):
        seen.append(x)
        xs.pop()
        xs.pop()
    return seen


@checked
def growing(xs: list[float]) -> float:
    s = 0.0
    for x in reversed(xs):
        s = s * 2.0 + x
        xs.append(x)
    return s


@checked
def front_insert(xs: list[int]) -> list[int]:
    seen = []
    for x in reversed(xs):
        seen.append(x)
        if len(seen) < 4:
            xs.insert(0, x * 10)
    return seen


@checked
def shrink_then_grow(xs: list[int], bump: int) -> list[int]:
    # at 3 the list is emptied, then refilled: the index (1) is past the length in between, and
    # CPython's iterator goes on from it once the list is long enough again
    seen = []
    acc = 1
    for x in reversed(xs):
        seen.append(x)
        if x == 3:
            xs.clear()
            acc = acc + bump
            xs.extend([7, 8, 9, 10, 11])
    seen.append(acc)
    return seen


@checked
def clear_at(xs: list[int], at: int) -> int:
    n = 0
    for x in reversed(xs):
        n += x
        if x == at:
            xs.clear()
    return n


@checked
def scaled_copy(n: int, k: float) -> float:
    ys = [1.5] * n
    t = 0.0
    for y in reversed(ys):
        t = t * k + y
    return t


@checked
def pairs_from_end(xs: list[float]) -> float:
    best = 0.0
    for a in reversed(xs):
        for b in reversed(xs):
            if a - b > best:
                best = a - b
    return best


@checked
def back_sum(n: int) -> int:
    s = 0
    for i in reversed(range(n)):
        s = (s * 31 + i) % 1000003
    return s


@checked
def back_span(a: int, b: int) -> list[int]:
    out = []
    for i in reversed(range(a, b)):
        out.append(i)
    return out


@checked
def back_step(a: int, b: int, step: int) -> list[int]:
    out = []
    for i in reversed(range(a, b, step)):
        out.append(i)
    return out


@checked
def first_back(a: int, b: int, step: int) -> int:
    for i in reversed(range(a, b, step)):
        return i
    return -1


@checked
def first_fwd(a: int, b: int) -> int:
    for i in range(a, b):
        return i
    return -1


@checked
def tri_back(n: int) -> int:
    t = 0
    for i in reversed(range(n)):
        for j in reversed(range(i)):
            t += (i * j) % 7
    return t


@checked
def mod_back(a: int, b: int) -> int:
    t = 0
    for i in reversed(range(a, b)):
        t = t * 3 + i % 7 + i // 4
    return t


class MyList(list):
    def __reversed__(self):
        return iter([100.0])


def test_horner():
    return horner([1.0, 2.0, 3.0], 2.0), horner([0.5], 3.0), horner([1.0, -1.0, 0.25, 4.0], -1.5)


def test_horner_empty():
    return horner([], 2.0)


def test_horner_int_and_bool_items():
    return horner([1.0, 2, 3.0], 2.0), horner([True, 2.0, 3.0], 2.0), horner([1.0, 2.0, 3], 0.5)


def test_horner_str_item():
    try:
        return horner([1.0, "x", 3.0], 2.0)
    except TypeError as e:
        return "TypeError", str(e)


def test_horner_subclass():
    try:
        return horner(MyList([1.0, 2.0]), 2.0)
    except TypeError as e:
        return "TypeError", str(e)


def test_digits():
    return digits_value([3, 2, 1], 10), digits_value([], 7), digits_value([1] * 70, 2), digits_value([5, 2**70, 1], 3)


def test_first_negative():
    return first_negative_from_end([1.0, -2.0, 3.0, -4.0, 5.0]), first_negative_from_end([1.0]), first_negative_from_end([])


def test_last_run():
    return last_run([1, 3, 5, 4, 7, 9, 2, 11], 5), last_run([1, 3, 5], 99), last_run([], 0)


def test_popping():
    xs = [1, 2, 3, 4, 5, 6, 7]
    return popping(xs), xs


def test_growing():
    xs = [1.0, 2.0, 3.0]
    return growing(xs), xs


def test_front_insert():
    xs = [1, 2, 3]
    return front_insert(xs), xs


def test_shrink_then_grow():
    a = [1, 2, 3, 4, 5]
    b = [1, 2, 3, 4, 5]
    return shrink_then_grow(a, 5), a, shrink_then_grow(b, 2**63 - 1), b


def test_clear_at():
    return clear_at([1, 2, 3, 4], 3), clear_at([1, 2, 3, 4], 4), clear_at([1, 2, 3, 4], 1)


def test_scaled_copy():
    return scaled_copy(4, 0.5), scaled_copy(0, 2.0)


def test_pairs_from_end():
    return pairs_from_end([3.0, 1.0, 4.0, 1.5, 9.0]), pairs_from_end([])


def test_back_sum():
    return back_sum(10), back_sum(0), back_sum(-5), back_sum(1)


def test_back_span():
    return back_span(3, 9), back_span(-4, 2), back_span(5, 5), back_span(9, 3)


def test_back_step():
    return (back_step(0, 10, 3), back_step(10, 0, -3), back_step(-7, 8, 5), back_step(0, 10, -1),
            back_step(1, 2, 2**62), back_step(2**62, -(2**62), -(2**61)))


def test_back_step_zero():
    try:
        return back_step(0, 10, 0)
    except ValueError as e:
        return "ValueError", str(e)


def test_int64_edges():
    lo, hi = -(2**63), 2**63 - 1
    return (first_back(lo, hi, 1), first_back(hi, lo, -1), first_back(lo, hi, 2**62),
            first_back(hi, lo, lo), first_back(0, 1, lo), back_step(hi, lo, lo), back_step(lo, hi, hi),
            first_fwd(lo, hi), first_fwd(hi - 1, hi), first_back(hi - 2, hi, 1))


def test_big_bounds():
    return first_back(0, 2**70, 1), back_step(2**64, 2**64 + 3, 1)


def test_mod_back():
    return mod_back(-20, 5), mod_back(3, 30), mod_back(-3, -1)


def test_tri_back():
    return tri_back(12), tri_back(0)


def test_reversed_shadowed():
    real = builtins.reversed
    builtins.reversed = lambda xs: iter([10, 20])
    try:
        return horner([1.0, 2.0, 3.0], 2.0), back_sum(5)
    finally:
        builtins.reversed = real


def test_range_shadowed():
    real = builtins.range
    builtins.range = lambda *a: [5, 6]
    try:
        return back_span(0, 3)
    finally:
        builtins.range = real



def test_reversed_module_global():
    global reversed
    reversed = lambda xs: [0.5]
    try:
        return horner([1.0, 2.0, 3.0], 2.0), back_step(0, 4, 1)
    finally:
        del reversed
