"""Portfolio accounting for a trading desk: a stream of fills updates immutable @frozen positions
(each fill returns a new Position) kept in a dict by symbol, behind a per-symbol position limit;
the book is marked to market at regular intervals (realized and unrealized P&L, gross exposure,
equity drawdown). Fills and marks come from a seeded market simulator (a @record); the checksum
is the final P&L and risk summary."""
from spyc import checked, frozen, record

SYMBOLS = ("AAPL", "MSFT", "AMZN", "GOOG", "META", "NVDA", "TSLA", "JPM", "XOM", "UNH",
           "V", "PG", "HD", "KO", "PEP", "COST", "MRK", "ABBV", "AVGO", "ORCL")
MAX_POSITION = 5_000  # shares per symbol, long or short
TICK = 0.01
MARK_EVERY = 500      # fills between two marks to market


@frozen
class Fill:
    symbol: str
    qty: int  # signed: positive buys, negative sells
    price: float


@frozen
class Position:
    symbol: str
    qty: int = 0
    avg_price: float = 0.0
    realized: float = 0.0
    fills: int = 0

    @checked
    def with_fill(self, qty: int, price: float) -> "Position":
        """The position after trading ``qty`` at ``price``: adding to the position moves the
        average price; reducing it realizes P&L against the average; crossing zero opens the
        remainder at ``price``."""
        new_qty = self.qty + qty
        if self.qty == 0 or (self.qty > 0) == (qty > 0):
            avg = (self.avg_price * self.qty + price * qty) / new_qty
            return Position(self.symbol, new_qty, avg, self.realized, self.fills + 1)
        closed = min(abs(qty), abs(self.qty))
        if self.qty > 0:
            pnl = closed * (price - self.avg_price)
        else:
            pnl = closed * (self.avg_price - price)
        if new_qty == 0:
            avg = 0.0
        elif (new_qty > 0) == (self.qty > 0):
            avg = self.avg_price
        else:
            avg = price
        return Position(self.symbol, new_qty, avg, self.realized + pnl, self.fills + 1)

    @checked
    def unrealized(self, mark: float) -> float:
        return self.qty * (mark - self.avg_price)

    @checked
    def exposure(self, mark: float) -> float:
        return abs(self.qty) * mark


@record
class Market:
    """A deterministic market: one mid-price random walk per symbol, fills around the mids."""
    state: int
    mids: list[float]

    @checked
    def rand(self) -> int:
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return self.state >> 33

    @checked
    def next_fill(self) -> Fill:
        r = self.rand()
        k = r % len(SYMBOLS)
        mid = max(1.0, self.mids[k] + ((r >> 5) % 9 - 4) * TICK)
        self.mids[k] = mid
        qty = ((r >> 9) % 20 + 1) * 10
        if (r >> 14) & 1:
            qty = -qty
        price = round(mid + TICK, 2) if qty > 0 else round(mid - TICK, 2)  # we pay the spread
        return Fill(SYMBOLS[k], qty, price)

    def marks(self) -> dict[str, float]:
        return {s: round(m, 2) for s, m in zip(SYMBOLS, self.mids)}


def new_market(seed: int) -> Market:
    return Market(seed, [100.0 + 7.5 * i for i in range(len(SYMBOLS))])


@checked
def apply_fill(book: dict[str, Position], fill: Fill) -> bool:
    pos = book.get(fill.symbol)
    if pos is None:
        pos = Position(fill.symbol)
    if abs(pos.qty + fill.qty) > MAX_POSITION:
        return False  # over the limit: rejected
    book[fill.symbol] = pos.with_fill(fill.qty, fill.price)
    return True


@checked
def mark_to_market(book: dict[str, Position], marks: dict[str, float]) -> tuple[float, float, float]:
    realized = 0.0
    unrealized = 0.0
    gross = 0.0
    for sym, pos in book.items():
        mark = marks[sym]
        realized += pos.realized
        unrealized += pos.unrealized(mark)
        gross += pos.exposure(mark)
    return realized, unrealized, gross


def bench(n: int) -> str:
    market = new_market(20240611)
    book: dict[str, Position] = {}
    rejected = 0
    peak = 0.0
    max_drawdown = 0.0
    max_gross = 0.0
    for i in range(1, n + 1):
        if not apply_fill(book, market.next_fill()):
            rejected += 1
        if i % MARK_EVERY == 0:
            realized, unrealized, gross = mark_to_market(book, market.marks())
            equity = realized + unrealized
            peak = max(peak, equity)
            max_drawdown = max(max_drawdown, peak - equity)
            max_gross = max(max_gross, gross)
    realized, unrealized, gross = mark_to_market(book, market.marks())
    fills = sum(p.fills for p in book.values())
    return (f"fills={fills} rejected={rejected} realized={realized!r} unrealized={unrealized!r} "
            f"drawdown={max_drawdown!r} max_gross={max_gross!r} open={sum(p.qty for p in book.values())}")


SIZES = {"quick": 10_000, "full": 100_000}
