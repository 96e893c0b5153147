"""Historical value-at-risk over a matrix of daily returns (list[list[float]]): portfolio P&L
per day, sorting for the quantile, slices for a rolling window, per-asset volatility."""
import math
from spyc import checked

CONFIDENCE = 0.99
WINDOW = 250


@checked
def make_returns(days: int, assets: int, seed: int) -> list[list[float]]:
    rows = []
    x = seed
    for _ in range(days):
        row = []
        for _ in range(assets):
            x = (x * 1103515245 + 12345) % 2147483648
            row.append(((x >> 8) % 2001 - 1000) / 50_000.0)
        rows.append(row)
    return rows


@checked
def daily_pnl(returns: list[list[float]], weights: list[float]) -> list[float]:
    pnl = []
    for row in returns:
        total = 0.0
        for r, w in zip(row, weights):
            total += r * w
        pnl.append(total)
    return pnl


@checked
def var(pnl: list[float], confidence: float) -> float:
    losses = sorted(pnl)
    k = int((1.0 - confidence) * len(losses))
    return -losses[k]


@checked
def rolling_var(pnl: list[float], window: int) -> float:
    worst = 0.0
    for start in range(0, len(pnl) - window, window // 5):
        v = var(pnl[start:start + window], CONFIDENCE)
        if v > worst:
            worst = v
    return worst


@checked
def volatility(returns: list[list[float]], asset: int) -> float:
    xs = [row[asset] for row in returns]
    mean = sum(xs) / len(xs)
    return math.sqrt(sum((x - mean) ** 2 for x in xs) / (len(xs) - 1))


def bench(n: int) -> str:
    assets = 20
    returns = make_returns(n, assets, 42)
    weights = [1.0 / assets + (i % 3) * 0.01 for i in range(assets)]
    pnl = daily_pnl(returns, weights)
    vols = [volatility(returns, a) for a in range(0, assets, 4)]
    return f"var={var(pnl, CONFIDENCE):.12f} rolling={rolling_var(pnl, WINDOW):.12f} vols={sum(vols):.12f}"


SIZES = {"quick": 1_000, "full": 10_000}
