"""for over list/tuple/dict/str/range/generators, including iterables built by interpreted code."""
from spyc import checked


def gen_squares(n):
    for i in range(n):
        yield i * i


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n


@checked
def total(it: object) -> int:
    s = 0
    for x in it:
        s += x
    return s


@checked
def chars(s: str) -> list:
    out = []
    for c in s:
        out.append(c.upper())
    return out


@checked
def dict_walk(d: dict) -> list:
    out = []
    for k in d:
        out.append(k)
    for k, v in d.items():
        out.append((k, v))
    for v in d.values():
        out.append(v)
    return out


@checked
def ranges(a: int, b: int, step: int) -> list:
    out = []
    for i in range(a, b, step):
        out.append(i)
    return out


@checked
def enumerate_zip(xs: list, ys: tuple) -> list:
    out = []
    for i, (x, y) in enumerate(zip(xs, ys)):
        out.append(i * 100 + x * 10 + y)
    return out


@checked
def mutate_while_iterating(d: dict) -> int:
    n = 0
    for k in d:
        d[k * 10] = 1
        n += 1
    return n


@checked
def loop_var_after(n: int) -> int:
    i = -1
    for i in range(n):
        pass
    return i


def test_sum_list_tuple():
    return total([1, 2, 3]), total((4, 5, 6)), total([]), total([2**70, -(2**70), 1])


def test_sum_generator_from_interpreted():
    return total(gen_squares(10))


def test_sum_custom_iterator():
    return total(Countdown(5))


def test_sum_range_and_set():
    return total(range(100)), total({1, 2, 3}), total(range(10, 0, -3))


def test_chars():
    return chars("héllo"), chars("")


def test_dict_walk():
    return dict_walk({"b": 1, "a": 2, 3: "c"})


def test_ranges():
    return ranges(0, 5, 1), ranges(5, 0, -2), ranges(-3, 3, 4), ranges(0, 0, 1), ranges(2**64, 2**64 + 3, 1)


def test_range_zero_step():
    return ranges(0, 5, 0)


def test_enumerate_zip():
    return enumerate_zip([1, 2, 3, 4], (7, 8, 9))


def test_dict_changed_during_iteration():
    return mutate_while_iterating({1: 0})


def test_iterate_non_iterable():
    return total(5)


def test_loop_var_after():
    return loop_var_after(4), loop_var_after(0)


def test_sum_type_error_in_loop():
    return total([1, "x"])
