"""Indexing rows of `list[list[T]]` parameters in specialized bodies: `row = a[i]` (a generic
statement: IndexError and all) and `for row in a`, then `row[j]` read unboxed when row is an exact
list and the item has T's type. Hostile rows: a tuple, a list subclass with its own __getitem__,
an int or bool among floats, a big int, ragged rows (IndexError from row[j]), negative indices,
a row replaced in the outer list while it is being read, and a row that is not a list at all.
`a[i][j]` reads of the parameter itself: the same hostile rows, negative and out-of-range indices
on either level, and the parameter rebound to something else mid-function."""
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


@checked
def matmul(a: list[list[float]], b: list[list[float]], n: int) -> list[list[float]]:
    c = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            s = 0.0
            for k in range(n):
                s += a[i][k] * b[k][j]
            c[i][j] = s
    return c


@checked
def grid_sum(g: list[list[int]]) -> int:
    t = 0
    for i in range(len(g)):
        for j in range(len(g[i])):
            t += g[i][j]
    return t


@checked
def anti_diag(g: list[list[int]], k: int) -> int:
    t = 0
    for i in range(k):
        t += g[-1 - i][i] * 3
    return t


@checked
def rebound(g: list[list[float]], i: int) -> float:
    x = g[i][0]
    g = [[2.5]] if i > 0 else g
    return x + g[0][0]


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


def test_matmul():
    a = [[1.0, 2.0], [3.0, 4.0]]
    return matmul(a, a, 2), matmul([[0.5]], [[-2.0]], 1), matmul([], [], 0)


def test_matmul_short():
    return matmul([[1.0, 2.0], [3.0]], [[1.0, 0.0], [0.0, 1.0]], 2)


def test_matmul_int_items():
    return matmul([[1, 2.0], [3.0, True]], [[1.0, 0.0], [0.0, 1.0]], 2)


def test_matmul_odd_rows():
    return matmul([(1.0, 2.0), Shouty([3.0, 4.0])], [[1.0, 0.0], [0.0, 1.0]], 2)


def test_grid_sum():
    return grid_sum([[1, 2, 3], [4], []]), grid_sum([[2**62], [2**62]]), grid_sum([[2**70, -1]])


def test_grid_sum_not_rows():
    return grid_sum([[1, 2], "ab"])


def test_anti_diag():
    g = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    return anti_diag(g, 3), anti_diag(g, 0), anti_diag([[1]], 1)


def test_anti_diag_out_of_range():
    return anti_diag([[1, 2], [3, 4]], 3)


def test_rebound():
    return rebound([[1.0], [2.0]], 0), rebound([[1.0], [2.0]], 1), rebound([[1.0], [2.0]], -2)
