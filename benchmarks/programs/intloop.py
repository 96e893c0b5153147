"""An integer loop with `*` and `%` whose values all stay in int64 range: a linear
congruential generator folded into a running sum."""
from spyc import checked


@checked
def lcg_sum(n: int, seed: int) -> int:
    x = seed
    s = 0
    for i in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        s += x % 1000 + i * 7 % 13
    return s


def bench(n: int) -> int:
    return lcg_sum(n, 42)


SIZES = {"quick": 200_000, "full": 3_000_000}
