"""Technical indicators and a crossover backtest over daily bars, written the way a quant writes
them before knowing anything about spyc: a @frozen Bar, list comprehensions, EMA with `out[-1]`,
true range over `zip(bars, bars[1:])`, a rolling mean, crossovers, a position-flipping backtest, a
volume profile dict. The bar generator stays plain Python (not @checked)."""
import math
from spyc import checked, frozen

FEE_BPS = 1.5
WINDOW = 20


@frozen
class Bar:
    day: int
    open: float
    high: float
    low: float
    close: float
    volume: int


def make_bars(n: int, seed: int) -> list[Bar]:
    bars = []
    x = seed
    price = 100.0
    for day in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        ret = ((x % 2001) - 1000) / 100_000
        o = price
        price = price * (1 + ret)
        hi = max(o, price) * 1.002
        lo = min(o, price) * 0.998
        bars.append(Bar(day, o, hi, lo, price, 1000 + x % 5000))
    return bars


@checked
def closes(bars: list[Bar]) -> list[float]:
    return [b.close for b in bars]


@checked
def ema(values: list[float], span: int) -> list[float]:
    alpha = 2.0 / (span + 1)
    out = [values[0]]
    for v in values[1:]:
        out.append(alpha * v + (1 - alpha) * out[-1])
    return out


@checked
def true_range(bars: list[Bar]) -> list[float]:
    trs = [bars[0].high - bars[0].low]
    for prev, cur in zip(bars, bars[1:]):
        trs.append(max(cur.high - cur.low, abs(cur.high - prev.close), abs(cur.low - prev.close)))
    return trs


@checked
def rolling_mean(xs: list[float], window: int) -> list[float]:
    out: list[float] = []
    total = 0.0
    for i, x in enumerate(xs):
        total += x
        if i >= window:
            total -= xs[i - window]
        out.append(total / min(i + 1, window))
    return out


@checked
def stdev(xs: list[float]) -> float:
    n = len(xs)
    mean = sum(xs) / n
    return math.sqrt(sum((x - mean) ** 2 for x in xs) / (n - 1))


@checked
def crossovers(fast: list[float], slow: list[float]) -> list[int]:
    signals = []
    for i in range(1, len(fast)):
        if fast[i - 1] <= slow[i - 1] and fast[i] > slow[i]:
            signals.append(1)
        elif fast[i - 1] >= slow[i - 1] and fast[i] < slow[i]:
            signals.append(-1)
        else:
            signals.append(0)
    return signals


@checked
def backtest(bars: list[Bar], signals: list[int]) -> tuple[float, int]:
    cash = 1_000_000.0
    pos = 0
    trades = 0
    for bar, s in zip(bars[1:], signals):
        if s == 1 and pos <= 0:
            qty = 100 - pos
            cash -= qty * bar.close * (1 + FEE_BPS / 10_000)
            pos += qty
            trades += 1
        elif s == -1 and pos >= 0:
            qty = pos + 100
            cash += qty * bar.close * (1 - FEE_BPS / 10_000)
            pos -= qty
            trades += 1
    return cash + pos * bars[-1].close, trades


@checked
def max_drawdown(equity: list[float]) -> float:
    peak = equity[0]
    worst = 0.0
    for e in equity:
        peak = max(peak, e)
        dd = (peak - e) / peak
        if dd > worst:
            worst = dd
    return worst


@checked
def volume_profile(bars: list[Bar], bucket: float) -> dict[int, int]:
    prof: dict[int, int] = {}
    for b in bars:
        k = int(b.close / bucket)
        prof[k] = prof.get(k, 0) + b.volume
    return prof


def bench(n: int) -> str:
    bars = make_bars(n, 42)
    cs = closes(bars)
    fast = ema(cs, 12)
    slow = ema(cs, 26)
    atr = rolling_mean(true_range(bars), 14)
    sig = crossovers(fast, slow)
    final, trades = backtest(bars, sig)
    dd = max_drawdown(cs)
    prof = volume_profile(bars, 0.5)
    return f"{final:.4f} {trades} {dd:.6f} {stdev(cs):.6f} {sum(atr):.6f} {len(prof)} {max(prof.values())}"


SIZES = {"quick": 20_000, "full": 200_000}
