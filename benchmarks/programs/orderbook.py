"""A price-time priority limit order book: immutable @frozen orders, one deque of resting
orders per price level (a dict of deques per side) and a heap of the best prices per side.
Orders arrive from a seeded generator around a mid price; the checksum summarises the trades
and the final book."""
import heapq
from collections import deque

from spyc import checked, frozen


@frozen
class Order:
    oid: int
    is_buy: bool
    price: int
    qty: int


class Book:
    def __init__(self) -> None:
        self.bids: dict[int, deque[Order]] = {}
        self.asks: dict[int, deque[Order]] = {}
        self.bid_heap: list[int] = []  # negated prices: heapq is a min-heap
        self.ask_heap: list[int] = []
        self.trades = 0
        self.volume = 0
        self.notional = 0


@checked
def best_price(heap: list[int], is_bid: bool) -> int:
    return -heap[0] if is_bid else heap[0]


@checked
def rest(book: Book, order: Order) -> None:
    levels = book.bids if order.is_buy else book.asks
    queue = levels.get(order.price)
    if queue is None:
        queue = deque()
        levels[order.price] = queue
        if order.is_buy:
            heapq.heappush(book.bid_heap, -order.price)
        else:
            heapq.heappush(book.ask_heap, order.price)
    queue.append(order)


@checked
def submit(book: Book, order: Order) -> int:
    """Match against the other side while prices cross, oldest order first at each level;
    the remainder rests in the book. Returns the quantity filled."""
    if order.is_buy:
        levels, heap = book.asks, book.ask_heap
    else:
        levels, heap = book.bids, book.bid_heap
    remaining = order.qty
    while remaining > 0 and heap:
        price = best_price(heap, not order.is_buy)
        if (price > order.price) if order.is_buy else (price < order.price):
            break
        queue = levels[price]
        resting = queue[0]
        traded = min(remaining, resting.qty)
        remaining -= traded
        book.trades += 1
        book.volume += traded
        book.notional += traded * price
        if traded == resting.qty:
            queue.popleft()
            if not queue:
                del levels[price]
                heapq.heappop(heap)
        else:
            queue[0] = Order(resting.oid, resting.is_buy, resting.price, resting.qty - traded)
    if remaining == order.qty:
        rest(book, order)
    elif remaining > 0:
        rest(book, Order(order.oid, order.is_buy, order.price, remaining))
    return order.qty - remaining


def make_orders(n: int, seed: int) -> list[Order]:
    orders = []
    x = seed
    mid = 10_000
    for oid in range(n):
        x = (x * 1103515245 + 12345) % 2147483648
        is_buy = x % 2 == 0
        offset = (x >> 8) % 21 - 10  # -10..10 ticks around the mid
        qty = (x >> 16) % 100 + 1
        if oid % 1000 == 999:
            mid += (x >> 4) % 7 - 3  # the mid drifts slowly
        orders.append(Order(oid, is_buy, mid + offset, qty))
    return orders


def bench(n: int) -> str:
    book = Book()
    filled = 0
    for order in make_orders(n, 7):
        filled += submit(book, order)
    resting = sum(o.qty for q in book.bids.values() for o in q) - sum(o.qty for q in book.asks.values() for o in q)
    return f"trades={book.trades} volume={book.volume} notional={book.notional} filled={filled} " \
           f"levels={len(book.bids)}/{len(book.asks)} net_resting={resting}"


SIZES = {"quick": 20_000, "full": 200_000}
