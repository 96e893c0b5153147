"""Example for `spyc annotate` (tests/unit/annotate.test.ts, docs/annotate.png)."""
from spyc import checked, i64

SCALE = 3


@checked
def sum_squares(n: i64) -> i64:
    s = 0
    for i in range(n):
        s += i * i
    return s


@checked
def mean(xs: list[float]) -> float:
    total = 0.0
    for x in xs:
        total += x
    return total / len(xs)


@checked
def scaled(a: int, b: int) -> int:
    t = a * b
    label = str(t)
    return t * SCALE + len(label)


def describe(n):
    return f"sum of squares below {n}: {sum_squares(n)}"


if __name__ == "__main__":
    print(describe(10))
