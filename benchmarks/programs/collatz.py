"""Longest Collatz chain below a limit, with the chain length in a helper."""
from spyc import checked


@checked
def chain_length(x: int) -> int:
    steps = 0
    while x != 1:
        if x % 2 == 0:
            x = x // 2
        else:
            x = 3 * x + 1
        steps += 1
    return steps


@checked
def longest_chain(limit: int) -> int:
    best = 0
    best_start = 1
    for start in range(1, limit):
        steps = chain_length(start)
        if steps > best:
            best = steps
            best_start = start
    return best_start * 1000 + best


def bench(n: int) -> int:
    return longest_chain(n)


SIZES = {"quick": 10_000, "full": 100_000}
