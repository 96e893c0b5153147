"""Indexing rows of `list[list[T]]` parameters in specialized bodies: `row = a[i]` (a generic
statement: IndexError and all) and `for row in a`, then `row[j]` read unboxed when row is an exact
list and the item has T's type. Hostile rows: a tuple, a list subclass with its own __getitem__,
an int or bool among floats, a big int, ragged rows (IndexError from row[j]), negative indices,
a row replaced in the outer list while it is being read, and a row that is not a list at all."""
from spyc import checked


@checked
def matvec(a: list[list[float]], x: list[float]) -> list[float]:
    out = []
    for i in range(len(a)):
        row = a[i]
        s = 0.0
        for j in range(len(x)):
            s += row[j] * x[j]
        out.append(s)
    return out


@checked
def trace(a: list[list[int]]) -> int:
    t = 0
    for i in range(len(a)):
        row = a[i]
        t += row[i]
    return t


@checked
def corner_sum(a: list[list[float]]) -> float:
    total = 0.0
    for row in a:
        total += row[0] + row[-1]
    return total


@checked
def matmul_sum(a: list[list[float]], b: list[list[float]]) -> float:
    n, m, p = len(a), len(b), len(b[0])
    total = 0.0
    for i in range(n):
        row = a[i]
        for k in range(m):
            aik = row[k]
            bk = b[k]
            for j in range(p):
                total += aik * bk[j]
    return total


@checked
def mutate_while_reading(a: list[list[int]]) -> int:
    s = 0
    row = a[0]
    for j in range(len(row)):
        s += row[j]
        a[0] = [100, 200, 300, 400]
    return s


@checked
def count_flags(a: list[list[bool]], i: int) -> int:
    row = a[i]
    n = 0
    for j in range(len(row)):
        if row[j]:
            n += 1
    return n


class Shouty(list):
    def __getitem__(self, i):
        print("getitem", i)
        return super().__getitem__(i) * 2


def test_matvec():
    return matvec([[1.0, 2.0], [3.0, 4.0], [0.5, -0.5]], [10.0, 1.0])


def test_matvec_empty():
    return matvec([], [1.0]), matvec([[]], [])


def test_matvec_int_item():
    return matvec([[1.0, 2], [3.0, True]], [1.0, 1.0])


def test_matvec_ragged():
    return matvec([[1.0, 2.0], [3.0]], [1.0, 1.0])


def test_matvec_tuple_row():
    return matvec([(1.0, 2.0), [3.0, 4.0]], [1.0, 1.0])


def test_matvec_subclass_row():
    return matvec([Shouty([1.0, 2.0]), [3.0, 4.0]], [1.0, 1.0])


def test_matvec_not_a_row():
    return matvec([[1.0, 2.0], 7], [1.0, 1.0])


def test_trace():
    return trace([[1, 2], [3, 4]]), trace([[2**62, 0], [0, 2**62]]), trace([[2**64, 0], [0, -1]])


def test_trace_short():
    return trace([[1, 2, 3], [4]])


def test_corner_sum():
    return corner_sum([[1.0, 2.0, 3.0], [4.0], [float("inf"), -0.0]])


def test_corner_sum_empty_row():
    return corner_sum([[1.0], []])


def test_matmul_sum():
    a = [[1.0, 2.0], [3.0, 4.0]]
    b = [[0.5, 1.0, 1.5], [2.0, 2.5, 3.0]]
    return matmul_sum(a, b), matmul_sum([[1.0]], [[2.0]])


def test_matmul_sum_bad():
    return matmul_sum([[1.0, "x"]], [[1.0], [2.0]])


def test_mutate_while_reading():
    return mutate_while_reading([[1, 2, 3, 4]]), mutate_while_reading([[1, 2, 3]])


def test_count_flags():
    rows = [[True, False, True], [False, False], [True, 1, True]]
    return count_flags(rows, 0), count_flags(rows, 1), count_flags(rows, 2), count_flags(rows, -1)


def test_count_flags_out_of_range():
    return count_flags([[True]], 3)
