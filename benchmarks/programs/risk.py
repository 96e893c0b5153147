"""P&L and risk over a portfolio: @frozen positions held by several books, revalued under a
series of seeded daily price scenarios; reports the worst day per book and overall and the
gross exposure, all in exact integer cents."""
from spyc import checked, frozen


@frozen
class Position:
    book: str
    symbol: int  # index into the day's price vector
    qty: int
    cost: int  # entry price, cents


BOOKS = ("rates", "credit", "equities", "fx", "commodities")


def make_positions(count: int, symbols: int) -> list[Position]:
    out = []
    x = 3
    for _ in range(count):
        x = (x * 1103515245 + 12345) % 2147483648
        qty = (x >> 4) % 2001 - 1000
        out.append(Position(BOOKS[x % 5], (x >> 12) % symbols, qty, 10_000 + (x >> 16) % 5_000))
    return out


@checked
def scenario(base: list[int], day: int) -> list[int]:
    marks = []
    x = day * 7919 + 1
    for p in base:
        x = (x * 48271) % 2147483647
        marks.append(p + x % 601 - 300)
    return marks


@checked
def revalue(positions: list[Position], marks: list[int], pnl: dict[str, int]) -> int:
    total = 0
    for pos in positions:
        value = pos.qty * (marks[pos.symbol] - pos.cost)
        pnl[pos.book] = pnl.get(pos.book, 0) + value
        total += value
    return total


@checked
def gross_exposure(positions: list[Position], marks: list[int]) -> int:
    gross = 0
    for pos in positions:
        gross += abs(pos.qty) * marks[pos.symbol]
    return gross


def bench(n: int) -> str:
    symbols = 200
    positions = make_positions(2_000, symbols)
    base = [10_000 + (i * 37) % 5_000 for i in range(symbols)]
    worst_total = 0
    worst_book = {b: 0 for b in BOOKS}
    gross = 0
    for day in range(n):
        marks = scenario(base, day)
        pnl: dict[str, int] = {}
        total = revalue(positions, marks, pnl)
        worst_total = min(worst_total, total)
        for book, value in pnl.items():
            worst_book[book] = min(worst_book[book], value)
        gross = max(gross, gross_exposure(positions, marks))
    return f"worst={worst_total} by_book={sorted(worst_book.items())} gross={gross}"


SIZES = {"quick": 60, "full": 800}
