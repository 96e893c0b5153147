"""Option pricing written the way a quant writes it before knowing anything about spyc:
Black-Scholes with math.erf, a binomial tree (`up ** j`), bisection for implied volatility,
a portfolio of strikes over `zip`, finite-difference greeks returning a tuple, a histogram dict.
The driver loop stays plain Python (not @checked)."""
import math
from spyc import checked

RATE = 0.03
STEPS = 64


@checked
def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


@checked
def black_scholes(spot: float, strike: float, vol: float, t: float, is_call: bool) -> float:
    if t <= 0:
        return max(spot - strike, 0.0) if is_call else max(strike - spot, 0.0)
    d1 = (math.log(spot / strike) + (RATE + 0.5 * vol * vol) * t) / (vol * math.sqrt(t))
    d2 = d1 - vol * math.sqrt(t)
    if is_call:
        return spot * norm_cdf(d1) - strike * math.exp(-RATE * t) * norm_cdf(d2)
    return strike * math.exp(-RATE * t) * norm_cdf(-d2) - spot * norm_cdf(-d1)


@checked
def binomial(spot: float, strike: float, vol: float, t: float, steps: int) -> float:
    dt = t / steps
    up = math.exp(vol * math.sqrt(dt))
    down = 1 / up
    p = (math.exp(RATE * dt) - down) / (up - down)
    disc = math.exp(-RATE * dt)
    values = [max(spot * up ** j * down ** (steps - j) - strike, 0.0) for j in range(steps + 1)]
    for i in range(steps - 1, -1, -1):
        for j in range(i + 1):
            values[j] = disc * (p * values[j + 1] + (1 - p) * values[j])
    return values[0]


@checked
def implied_vol(price: float, spot: float, strike: float, t: float) -> float:
    lo, hi = 1e-4, 5.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if black_scholes(spot, strike, mid, t, True) > price:
            hi = mid
        else:
            lo = mid
    return (lo + hi) / 2


@checked
def portfolio_value(strikes: list[float], qtys: list[int], spot: float, vol: float, t: float) -> float:
    total = 0.0
    for k, q in zip(strikes, qtys):
        total += q * black_scholes(spot, k, vol, t, q > 0)
    return total


@checked
def greeks(spot: float, strike: float, vol: float, t: float) -> tuple[float, float, float]:
    h = spot * 1e-4
    up = black_scholes(spot + h, strike, vol, t, True)
    mid = black_scholes(spot, strike, vol, t, True)
    down = black_scholes(spot - h, strike, vol, t, True)
    delta = (up - down) / (2 * h)
    gamma = (up - 2 * mid + down) / (h * h)
    vega = (black_scholes(spot, strike, vol + 0.01, t, True) - mid) / 0.01
    return delta, gamma, vega


@checked
def pnl_histogram(pnls: list[float], width: float) -> dict[int, int]:
    counts = {}
    for x in pnls:
        b = math.floor(x / width)
        counts[b] = counts.get(b, 0) + 1
    return counts


def bench(n: int) -> str:
    strikes = [80.0 + i * 0.5 for i in range(80)]
    qtys = [(i % 7) - 3 for i in range(80)]
    acc = 0.0
    vols = []
    for i in range(n):
        spot = 100.0 + (i % 37) * 0.3
        acc += portfolio_value(strikes, qtys, spot, 0.2, 0.5)
        if i % 10 == 0:
            acc += binomial(spot, 100.0, 0.25, 1.0, STEPS)
            vols.append(implied_vol(black_scholes(spot, 100.0, 0.3, 0.75, True), spot, 100.0, 0.75))
        d, g, v = greeks(spot, 105.0, 0.2, 0.5)
        acc += d + g + v
    hist = pnl_histogram(vols, 0.001)
    return f"{acc:.6f} {sum(vols):.8f} {len(hist)}"


SIZES = {"quick": 300, "full": 3000}
