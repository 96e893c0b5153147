"""A moving-average crossover backtest, written the ordinary way: module constants for the
costs, tuples returned from helpers, zip/enumerate loops, comprehensions and math."""
import math
from spyc import checked

FEE_RATE = 0.0005          # proportional cost per trade
SLIPPAGE = 0.01            # price units lost per share traded
FAST = 12
SLOW = 48
START_CASH = 100_000.0


@checked
def synthetic_prices(n: int, seed: int) -> list[float]:
    prices = []
    x = seed
    p = 100.0
    for _ in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**64
        shock = ((x >> 33) % 2001 - 1000) / 100_000.0
        p = p * (1.0 + shock)
        prices.append(p)
    return prices


@checked
def moving_average(prices: list[float], window: int) -> list[float]:
    out = [0.0] * len(prices)
    acc = 0.0
    for i, p in enumerate(prices):
        acc += p
        if i >= window:
            acc -= prices[i - window]
        out[i] = acc / min(i + 1, window)
    return out


@checked
def trade_cost(qty: int, price: float) -> float:
    return abs(qty) * (price * FEE_RATE + SLIPPAGE)


@checked
def run(prices: list[float], fast: list[float], slow: list[float]) -> tuple[float, int]:
    cash = START_CASH
    position = 0
    trades = 0
    for price, f, s in zip(prices, fast, slow):
        target = 100 if f > s else -100
        if target != position:
            qty = target - position
            cash -= qty * price + trade_cost(qty, price)
            position = target
            trades += 1
    cash += position * prices[-1]
    return cash, trades


@checked
def sharpe(equity: list[float]) -> float:
    rets = [equity[i] / equity[i - 1] - 1.0 for i in range(1, len(equity))]
    mean = sum(rets) / len(rets)
    var = sum((r - mean) ** 2 for r in rets) / len(rets)
    return mean / math.sqrt(var) * math.sqrt(252) if var > 0 else 0.0


def bench(n: int) -> str:
    prices = synthetic_prices(n, 7)
    fast = moving_average(prices, FAST)
    slow = moving_average(prices, SLOW)
    final, trades = run(prices, fast, slow)
    ratio = sharpe(prices[::max(1, n // 500)])
    return f"final={final:.6f} trades={trades} sharpe={ratio:.9f}"


SIZES = {"quick": 10_000, "full": 100_000}
