"""Mandelbrot set membership on a w x w grid (float arithmetic)."""
from spyc import checked


@checked
def mandelbrot(size: int, max_iter: int) -> int:
    inside = 0
    for y in range(size):
        ci = 2.0 * y / size - 1.0
        for x in range(size):
            cr = 2.0 * x / size - 1.5
            zr = 0.0
            zi = 0.0
            i = 0
            while i < max_iter and zr * zr + zi * zi <= 4.0:
                t = zr * zr - zi * zi + cr
                zi = 2.0 * zr * zi + ci
                zr = t
                i += 1
            if i == max_iter:
                inside += 1
    return inside


def bench(n: int) -> int:
    return mandelbrot(n, 50)


SIZES = {"quick": 120, "full": 350}
