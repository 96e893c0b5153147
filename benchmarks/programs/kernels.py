"""Numeric kernels for the quick benchmark (plain Python + spyc decorators)."""
from spyc import checked, i64

@checked
def intloop(n: int) -> int:
    s = 0
    for i in range(n):
        s += (i * i) % 7
    return s

@checked
def canary(n: int) -> int:
    s = 1
    for i in range(n):
        s = s * 3 + i
    return s

@checked
def collatz(n: int) -> int:
    best = 0
    for start in range(1, n):
        x = start
        steps = 0
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            steps += 1
        if steps > best:
            best = steps
    return best

@checked
def mandel(w: int, h: int) -> int:
    count = 0
    for y in range(h):
        for x in range(w):
            cr = 2.0 * x / w - 1.5
            ci = 2.0 * y / h - 1.0
            zr = 0.0
            zi = 0.0
            i = 0
            while i < 50 and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                i += 1
            if i == 50:
                count += 1
    return count

@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


CASES = {
    "intloop": (intloop, (1_000_000,)),
    "collatz": (collatz, (20_000,)),
    "mandelbrot": (mandel, (160, 120)),
    "canary": (canary, (2_000,)),
    "fib": (fib, (22,)),
}
