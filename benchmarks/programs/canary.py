"""Big-int canary: a sum of pseudo-random terms sized so that it passes 2**63 about halfway
through the loop. The answer must be the exact Python int, never a wrapped int64."""
from spyc import checked


@checked
def weighted_sum(n: int, unit: int) -> int:
    x = 1
    s = 0
    for _ in range(n):
        x = x * 48271 % 2147483647
        s += (x % 1024) * unit
    return s


def bench(n: int) -> int:
    # terms average 511.5 * unit, so the total is close to 2**64 and crosses 2**63 midway
    unit = 2**64 // (512 * n)
    return weighted_sum(n, unit)


SIZES = {"quick": 200_000, "full": 2_000_000}
