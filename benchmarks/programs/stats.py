"""Summary statistics through small helpers that take lists and return tuples: mean and
variance in one pass, min/max, a linear regression, z-scores — each helper called per window."""
from spyc import checked


@checked
def mean_var(xs: list[float]) -> tuple[float, float]:
    n = 0
    mean = 0.0
    m2 = 0.0
    for x in xs:
        n += 1
        delta = x - mean
        mean += delta / n
        m2 += delta * (x - mean)
    return mean, (m2 / (n - 1) if n > 1 else 0.0)


@checked
def extremes(xs: list[float]) -> tuple[float, float]:
    lo = xs[0]
    hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        elif x > hi:
            hi = x
    return lo, hi


@checked
def regress(xs: list[float], ys: list[float]) -> tuple[float, float]:
    mx, _ = mean_var(xs)
    my, _ = mean_var(ys)
    sxy = 0.0
    sxx = 0.0
    for x, y in zip(xs, ys):
        sxy += (x - mx) * (y - my)
        sxx += (x - mx) ** 2
    slope = sxy / sxx
    return slope, my - slope * mx


@checked
def zscore_count(xs: list[float], limit: float) -> int:
    mean, var = mean_var(xs)
    sd = var ** 0.5
    count = 0
    for x in xs:
        if abs(x - mean) > limit * sd:
            count += 1
    return count


@checked
def series(n: int, seed: int) -> list[float]:
    out = []
    x = seed
    level = 0.0
    for _ in range(n):
        x = (x * 48271) % 2147483647
        level += (x % 1000 - 499.5) / 1000.0
        out.append(level)
    return out


def bench(n: int) -> str:
    ys = series(n, 12345)
    xs = [float(i) for i in range(n)]
    window = 200
    acc = 0.0
    outliers = 0
    for start in range(0, n - window, window):
        w = ys[start:start + window]
        m, v = mean_var(w)
        lo, hi = extremes(w)
        slope, icpt = regress(xs[start:start + window], w)
        outliers += zscore_count(w, 2.0)
        acc += m + v + (hi - lo) + slope + icpt * 1e-6
    return f"acc={acc:.9f} outliers={outliers}"


SIZES = {"quick": 15_000, "full": 150_000}
