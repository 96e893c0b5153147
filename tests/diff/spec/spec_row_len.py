"""`len()` of `list[list[T]]` parameters and of their rows in specialized bodies: `len(a)`,
`len(a[i])`, `len(row)` of `for row in a` / `row = a[i]` are ints read from exact lists, so
`n, m = len(a), len(a[0])` and `for j in range(len(row))` are typed. Hostile rows: empty matrix
(IndexError from a[0]), ragged rows, a tuple row, a list subclass row whose __len__ lies, a row
that is no sequence (TypeError), negative and out-of-range indices, the parameter rebound, a
row grown while its loop runs (the range was taken before)."""
from spyc import checked


@checked
def shape_sum(a: list[list[float]]) -> float:
    n, m = len(a), len(a[0])
    s = 0.0
    for i in range(n):
        row = a[i]
        for j in range(len(row)):
            s += row[j] * (j + 1)
    return s + n * 1000 + m * 100


@checked
def row_lengths(a: list[list[int]]) -> int:
    t = 0
    for row in a:
        t = t * 10 + len(row)
    return t


@checked
def last_row_len(a: list[list[int]], i: int) -> int:
    return len(a[i]) * 3 + len(a[-1])


@checked
def col_means(a: list[list[float]]) -> list[float]:
    n, m = len(a), len(a[0])
    out = []
    for j in range(m):
        s = 0.0
        for i in range(n):
            s += a[i][j]
        out.append(s / n)
    return out


@checked
def grow_rows(a: list[list[int]]) -> int:
    c = 0
    for row in a:
        for j in range(len(row)):
            row.append(j)
            c += 1
    return c


@checked
def rebound(a: list[list[float]], how: int) -> int:
    k = len(a)
    if how == 1:
        a = [[1.0, 2.0, 3.0]]
    elif how == 2:
        a = Liar([[1.0, 2.0], [3.0]])
    elif how == 3:
        a = ([4.0, 5.0], [6.0])
    return k * 100 + len(a) * 10 + len(a[0])


class Liar(list):
    def __len__(self):
        return 1


def test_shape_sum():
    return shape_sum([[1.0, 2.0], [3.0, 4.0], [0.5, -0.5]]), shape_sum([[]]), shape_sum([[2.5]])


def test_shape_sum_empty():
    try:
        return shape_sum([])
    except IndexError as e:
        return "IndexError", str(e)


def test_shape_sum_ragged():
    return shape_sum([[1.0], [2.0, 3.0, 4.0], []])


def test_shape_sum_tuple_row():
    return shape_sum([(1.0, 2.0), [3.0, 4.0]]), shape_sum([[1.0, 2.0], (3.0, 4.0)])


def test_shape_sum_liar_row():
    return shape_sum([Liar([1.0, 2.0, 3.0]), [3.0, 4.0]]), shape_sum([[1.0, 2.0], Liar([5.0, 6.0])])


def test_shape_sum_int_item():
    return shape_sum([[1.0, 2], [3, True]])


def test_shape_sum_not_a_row():
    try:
        return shape_sum([[1.0], 5])
    except TypeError as e:
        return "TypeError", str(e)


def test_row_lengths():
    return row_lengths([[1], [1, 2], [], [1, 2, 3]]), row_lengths([]), row_lengths([(1, 2), Liar([1, 2, 3]), [4]]), row_lengths([Liar([1, 2, 3]), [4, 5]])


def test_last_row_len():
    a = [[1, 2], [3], [4, 5, 6, 7]]
    return last_row_len(a, 0), last_row_len(a, -2), last_row_len([[]], 0), last_row_len([[1], Liar([1, 2])], 1)


def test_last_row_len_out_of_range():
    try:
        return last_row_len([[1]], 2)
    except IndexError as e:
        return "IndexError", str(e)


def test_last_row_len_big_index():
    try:
        return last_row_len([[1]], 2**70)
    except IndexError as e:
        return "IndexError", str(e)


def test_col_means():
    return col_means([[1.0, 2.0], [3.0, 4.0]]), col_means([[5.0]])


def test_col_means_short_row():
    try:
        return col_means([[1.0, 2.0], [3.0]])
    except IndexError as e:
        return "IndexError", str(e)


def test_grow_rows():
    a = [[1, 2], [], [3]]
    return grow_rows(a), a


def test_rebound():
    return rebound([[1.0]], 0), rebound([[1.0], [2.0, 3.0]], 1), rebound([[1.0]], 2), rebound([[1.0]], 3)
