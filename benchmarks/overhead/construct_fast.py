"""Construction of @frozen / @record instances from compiled code (issue 10 item 3) and @record
field stores from compiled code, against plain CPython.

Run from the repo root (builds a small module with `node bin/spyc.mjs build -O2 --all` into a
temporary directory, then times loops in the interpreted and the compiled module):

    python3 benchmarks/overhead/construct_fast.py          # REPEATS=15 N=200000 by default

Each figure is the median over REPEATS runs of a loop of N iterations, in CPU ns per iteration
(loop included); the interpreted and compiled runs are interleaved so that load changes on the
shared machine hit both alike. Rows:

* dataclass(frozen=True, slots=True), plain CPython -- the baseline of the construction goal;
* @frozen under CPython (the generated constructor, one Python frame);
* @frozen built by compiled code (@checked function, and a plain function compiled with --all);
* the same compiled loop building nothing but a tuple of the fields (floor of the loop);
* @record stores (`b.vx -= d`) in CPython vs compiled, and a plain __slots__ class in CPython.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REPEATS = int(os.environ.get("REPEATS", "15"))
N = int(os.environ.get("N", "200000"))

SOURCE = '''
from dataclasses import dataclass
from spyc import checked, frozen, i64, record


@frozen
class Pos:
    symbol: str
    qty: i64
    avg: float
    realized: float


@dataclass(frozen=True, slots=True)
class DPos:
    symbol: str
    qty: int
    avg: float
    realized: float


@record
class Body:
    x: float
    vx: float
    mass: float


class SBody:
    __slots__ = ("x", "vx", "mass")

    def __init__(self, x, vx, mass):
        self.x = x
        self.vx = vx
        self.mass = mass


@checked
def build_frozen(n: int) -> int:
    s = "AAPL"
    k = 0
    for i in range(n):
        p = Pos(s, i, 1.5, 0.25)
        k += p.qty
    return k


def build_frozen_generic(n):
    s = "AAPL"
    k = 0
    for i in range(n):
        p = Pos(s, i, 1.5, 0.25)
        k += p.qty
    return k


def build_dataclass(n):
    s = "AAPL"
    k = 0
    for i in range(n):
        p = DPos(s, i, 1.5, 0.25)
        k += p.qty
    return k


def build_tuple(n):
    s = "AAPL"
    k = 0
    for i in range(n):
        p = (s, i, 1.5, 0.25)
        k += p[1]
    return k


def store_record(b, n):
    for i in range(n):
        b.vx -= 0.5
    return b.vx


def store_slots(b, n):
    for i in range(n):
        b.vx -= 0.5
    return b.vx
'''


def build(tmp, source=SOURCE, name="cfast"):
    """Writes `source` as <tmp>/<name>.py and builds it with --all -O2 into <tmp>/out."""
    src = os.path.join(tmp, name + ".py")
    with open(src, "w") as f:
        f.write(source)
    out = os.path.join(tmp, "out")
    subprocess.run(["node", os.path.join(ROOT, "bin", "spyc.mjs"), "build", src, "-O2", "--all", "-q",
                    "-o", out, "--python", sys.executable], check=True)
    return src, out


def time_cases(cases, repeats, n):
    """Median CPU ns per iteration of each case (a thunk running n iterations), interleaved."""
    runs = {k: [] for k in cases}
    for f in cases.values():
        f()  # warm up (resolves the annotations, fills the caches)
    for _ in range(repeats):
        for k, f in cases.items():
            t = time.process_time()
            f()
            runs[k].append((time.process_time() - t) / n * 1e9)
    return {k: statistics.median(v) for k, v in runs.items()}


def load(path, name):
    import importlib.util
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def main():
    sys.path.insert(0, os.path.join(ROOT, "pydecorators"))
    with tempfile.TemporaryDirectory() as tmp:
        src, out = build(tmp)
        py = load(src, "cfast_py")
        so = [f for f in os.listdir(out) if f.startswith("cfast") and f.endswith(".so")][0]
        c = load(os.path.join(out, so), "cfast")
        assert c.__file__.endswith(".so")
        cases = {
            "dataclass(frozen, slots), CPython": lambda: py.build_dataclass(N),
            "@frozen, CPython": lambda: py.build_frozen(N),
            "@frozen, compiled @checked": lambda: c.build_frozen(N),
            "@frozen, compiled --all": lambda: c.build_frozen_generic(N),
            "tuple of the fields, compiled --all": lambda: c.build_tuple(N),
            "record b.vx -= 0.5, CPython": lambda: py.store_record(py.Body(0.0, 0.0, 1.0), N),
            "record b.vx -= 0.5, compiled --all": lambda: c.store_record(c.Body(0.0, 0.0, 1.0), N),
            "__slots__ b.vx -= 0.5, CPython": lambda: py.store_slots(py.SBody(0.0, 0.0, 1.0), N),
            "__slots__ b.vx -= 0.5, compiled --all": lambda: c.store_slots(c.SBody(0.0, 0.0, 1.0), N),
        }
        assert py.build_frozen(1000) == c.build_frozen(1000) == c.build_frozen_generic(1000) == py.build_dataclass(1000)
        med = time_cases(cases, REPEATS, N)
        print(f"Python {sys.version.split()[0]}, N={N}, median of {REPEATS} (CPU ns per iteration: time.process_time, loop included)")
        for k, v in med.items():
            ref = "record b.vx -= 0.5, CPython" if "b.vx" in k else "dataclass(frozen, slots), CPython"
            print(f"  {k:40s} {v:8.1f}  {med[ref] / v:5.2f}x vs {ref}")

if __name__ == "__main__":
    main()
