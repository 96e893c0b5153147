"""Per-call cost of @checked and construction/read cost of @frozen (spec 0.10, 6.10).

Run from the repo root:

    PYTHONPATH=pydecorators python3 benchmarks/overhead/checked_overhead.py

beartype is compared when importable.  It is never a dependency; to include it,
install it from the local index into .pyenvs/peers (this script adds that
directory to sys.path if it exists):

    python3 -m pip install --target .pyenvs/peers beartype

Each figure is the median over REPEATS timeit runs, in nanoseconds per
operation; ratios are against the baseline of each table.  The machine has
2 shared cores, so expect noise of 10-20 % between runs.
"""
import os
import statistics
import sys
import timeit
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "pydecorators"))
peers = os.path.join(ROOT, ".pyenvs", "peers")
if os.path.isdir(peers):
    sys.path.append(peers)

from spyc import checked, frozen  # noqa: E402

try:
    from beartype import beartype
except ImportError:  # optional peer
    beartype = None

REPEATS = int(os.environ.get("REPEATS", "15"))
NUMBER = int(os.environ.get("NUMBER", "200000"))


def medians_ns(stmts, ns):
    """Median ns/op of each statement; repeats are interleaved across the
    variants so that load changes on the shared machine hit all of them alike."""
    timers = {name: timeit.Timer(stmt, globals=ns) for name, stmt in stmts.items()}
    for t in timers.values():
        t.timeit(NUMBER // 10)  # warm up (the first call specialises @checked)
    runs = {name: [] for name in timers}
    for _ in range(REPEATS):
        for name, t in timers.items():
            runs[name].append(t.timeit(NUMBER))
    return {name: statistics.median(r) / NUMBER * 1e9 for name, r in runs.items()}


def table(title, rows, baseline):
    base = rows[baseline]
    print(f"\n{title}")
    print(f"  {'variant':<34}{'median ns':>12}{'ratio':>9}")
    for name, ns in rows.items():
        print(f"  {name:<34}{ns:>12.1f}{ns / base:>8.2f}x")


# ---------------------------------------------------------------- @checked

def add(a: int, b: int) -> int:
    return a + b


def bench_checked():
    ns = {"plain": add, "spyc": checked(add), "a": 3, "b": 4}
    stmts = {"undecorated": "plain(a, b)", "spyc @checked": "spyc(a, b)"}
    if beartype is not None:
        ns["bear"] = beartype(add)
        stmts["beartype"] = "bear(a, b)"
    rows = medians_ns(stmts, ns)
    if beartype is None:
        rows["beartype (not installed)"] = float("nan")
    table("@checked: 2 int args + int return, per call", rows, "undecorated")
    return rows


# ---------------------------------------------------------------- @frozen

@frozen
class FPoint:
    x: int
    y: float


@dataclass(frozen=True, slots=True)
class DPoint:
    x: int
    y: float


class SPoint:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Plain:
    def __init__(self, x, y):
        self.x = x
        self.y = y


@frozen
class FUser:
    x: int
    y: float

    def __init__(self, x, y):
        self.x = x
        self.y = y


def bench_frozen():
    ns = {"F": FPoint, "D": DPoint, "S": SPoint, "P": Plain, "U": FUser}
    rows = medians_ns({"plain class": "P(1, 2.0)",
                       "__slots__ class": "S(1, 2.0)",
                       "dataclass(frozen, slots)": "D(1, 2.0)",
                       "spyc @frozen (generated init)": "F(1, 2.0)",
                       "spyc @frozen (user __init__)": "U(1, 2.0)"}, ns)
    table("construction, 2 fields", rows, "plain class")
    ns.update(f=FPoint(1, 2.0), d=DPoint(1, 2.0), s=SPoint(1, 2.0), p=Plain(1, 2.0))
    four = "{0}.x; {0}.y; {0}.x; {0}.y"
    reads = medians_ns({"__slots__ read": four.format("s"),
                        "plain read": four.format("p"),
                        "dataclass(frozen, slots) read": four.format("d"),
                        "spyc @frozen read": four.format("f")}, ns)
    table("attribute reads (4 per op)", reads, "__slots__ read")
    return rows, reads


def main():
    print(f"Python {sys.version.split()[0]}, median of {REPEATS} x {NUMBER} runs")
    c = bench_checked()
    _, reads = bench_frozen()
    ratio = c["spyc @checked"] / c["undecorated"]
    read_ratio = reads["spyc @frozen read"] / reads["__slots__ read"]
    print(f"\ntargets: @checked <= 3x undecorated: {ratio:.2f}x "
          f"({'met' if ratio <= 3 else 'NOT met'}); frozen reads vs __slots__: {read_ratio:.2f}x")


if __name__ == "__main__":
    main()
