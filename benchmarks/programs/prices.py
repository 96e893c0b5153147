"""Trading indicators over a list[int] of prices in cents: exponential moving averages, the
volume-weighted average price and the maximum drawdown, over a seeded random walk."""
from spyc import checked


@checked
def random_walk(n: int, seed: int, start: int) -> list[int]:
    prices = []
    x = seed
    p = start
    for _ in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        p += (x >> 12) % 41 - 20
        if p < 100:
            p = 100
        prices.append(p)
    return prices


@checked
def ema(prices: list[int], span: int) -> float:
    alpha = 2.0 / (span + 1)
    avg = float(prices[0])
    for p in prices:
        avg += alpha * (p - avg)
    return avg


@checked
def vwap(prices: list[int], volumes: list[int]) -> float:
    notional = 0
    volume = 0
    for i in range(len(prices)):
        notional += prices[i] * volumes[i]
        volume += volumes[i]
    return notional / volume


@checked
def max_drawdown(prices: list[int]) -> int:
    peak = prices[0]
    worst = 0
    for p in prices:
        if p > peak:
            peak = p
        elif peak - p > worst:
            worst = peak - p
    return worst


def bench(n: int) -> str:
    prices = random_walk(n, 11, 50_000)
    volumes = random_walk(n, 23, 1_000)
    emas = [ema(prices, span) for span in (10, 50, 200)]
    return f"ema={emas!r} vwap={vwap(prices, volumes)!r} drawdown={max_drawdown(prices)}"


SIZES = {"quick": 60_000, "full": 600_000}
