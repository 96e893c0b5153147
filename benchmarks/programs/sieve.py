"""Sieve of Eratosthenes over a list[bool]; the checksum is the count and sum of primes."""
from spyc import checked


@checked
def sieve(is_prime: list[bool]) -> int:
    limit = len(is_prime) - 1
    is_prime[0] = False
    is_prime[1] = False
    i = 2
    while i * i <= limit:
        if is_prime[i]:
            for j in range(i * i, limit + 1, i):
                is_prime[j] = False
        i += 1
    count = 0
    total = 0
    for k in range(limit + 1):
        if is_prime[k]:
            count += 1
            total += k
    return count * 1_000_000_000_000 + total


def bench(n: int) -> int:
    return sieve([True] * (n + 1))


SIZES = {"quick": 500_000, "full": 5_000_000}
