"""if/elif/else, while and for loops with break/continue/else."""
from spyc import checked


@checked
def classify(n: int) -> str:
    if n < 0:
        return "neg"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "big"


@checked
def truthiness(x: object) -> str:
    if x:
        return "truthy"
    return "falsy"


@checked
def collatz_steps(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@checked
def find_first(items: list, target: int) -> str:
    for i in range(len(items)):
        if items[i] == target:
            result = "found at %d" % i
            break
    else:
        result = "not found"
    return result


@checked
def while_else(n: int) -> list:
    out = []
    i = 0
    while i < n:
        i += 1
        if i == 3:
            continue
        if i == 7:
            break
        out.append(i)
    else:
        out.append("exhausted")
    return out


@checked
def nested(n: int) -> list:
    pairs = []
    for i in range(n):
        for j in range(n):
            if j > i:
                break
            if (i + j) % 2:
                continue
            pairs.append((i, j))
        else:
            pairs.append("inner-done-%d" % i)
    return pairs


@checked
def countdown(n: int) -> list:
    out = []
    while n:
        out.append(n)
        n -= 1
    return out


def test_classify():
    return [classify(n) for n in (-5, 0, 3, 10, 10**20)]


def test_truthiness():
    out = []
    for v in (0, 1, 0.0, -0.0, float("nan"), "", " ", [], [0], {}, None, (), (None,)):
        out.append(truthiness(v))
    return out


def test_collatz():
    return collatz_steps(27), collatz_steps(1), collatz_steps(2**40)


def test_for_else_found():
    return find_first([4, 5, 6], 5)


def test_for_else_not_found():
    return find_first([4, 5, 6], 9), find_first([], 1)


def test_while_else_break():
    return while_else(10)


def test_while_else_exhausted():
    return while_else(5)


def test_nested_loops():
    return nested(5)


def test_countdown():
    return countdown(5), countdown(0)
