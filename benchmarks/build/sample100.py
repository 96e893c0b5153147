"""A 100-line module for the build-speed benchmark: checked functions, a frozen class, loops."""
from spyc import checked, frozen, i64
import math


@frozen
class Point:
    x: float
    y: float

    def norm(self) -> float:
        return math.sqrt(self.x * self.x + self.y * self.y)


@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@checked
def sum_squares(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s


@checked
def collatz_len(n: int) -> int:
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n = n // 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps


@checked
def mean(xs: list[float]) -> float:
    if len(xs) == 0:
        return 0.0
    t = 0.0
    for x in xs:
        t += x
    return t / len(xs)


@checked
def variance(xs: list[float]) -> float:
    m = mean(xs)
    acc = 0.0
    for x in xs:
        d = x - m
        acc += d * d
    return acc / max(1, len(xs))


@checked
def clamp(v: float, lo: float, hi: float) -> float:
    return min(max(v, lo), hi)


@checked
def primes_below(n: int) -> list[int]:
    sieve = [True] * n
    out = []
    for i in range(2, n):
        if sieve[i]:
            out.append(i)
            for j in range(i * i, n, i):
                sieve[j] = False
    return out


@checked
def checksum(n: i64) -> i64:
    h = 0
    for i in range(n):
        h = (h * 31 + i) % 1000003
    return h


@checked
def lengths(ps: list[Point]) -> float:
    total = 0.0
    for p in ps:
        total += p.norm()
    return total


def main() -> None:
    print(fib(20), sum_squares(1000), collatz_len(27))
    xs = [float(i) for i in range(10)]
    print(mean(xs), variance(xs), clamp(3.5, 0.0, 1.0))
    print(len(primes_below(1000)), checksum(10000))
    print(lengths([Point(3.0, 4.0), Point(6.0, 8.0)]))


if __name__ == "__main__":
    main()
