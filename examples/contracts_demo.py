"""A tour of the spyc contracts under plain CPython (run by `npm run demo`)."""
from spyc import checked, frozen, i64


@checked
def mean(total: float, count: int) -> float:
    return total / count


@frozen
class Order:
    price: int
    qty: int

    @checked
    def notional(self) -> int:
        return self.price * self.qty


def show(label, thunk):
    try:
        print(f"  {label:<34} -> {thunk()!r}")
    except Exception as e:  # the demo prints every contract violation instead of stopping
        print(f"  {label:<34} -> {type(e).__name__}: {e}")


print("@checked mean(total: float, count: int) -> float")
show("mean(10, 4)   (int promoted)", lambda: mean(10, 4))
show("mean(1.5, True)", lambda: mean(1.5, True))
show("mean('3', 1)", lambda: mean("3", 1))
show("mean(10**400, 1)", lambda: mean(10**400, 1))

print("@frozen class Order(price: int, qty: int)")
o = Order(101, 5)
show("Order(101, 5).notional()", o.notional)
show("Order(101.0, 5)", lambda: Order(101.0, 5))
show("o.price = 7", lambda: setattr(o, "price", 7))
show("hash(o) == hash(Order(101, 5))", lambda: hash(o) == hash(Order(101, 5)))


@checked
def clamp(x: i64) -> i64:
    return x


print("@checked clamp(x: i64) -> i64")
show("clamp(2**63 - 1)", lambda: clamp(2**63 - 1))
show("clamp(2**63)", lambda: clamp(2**63))
