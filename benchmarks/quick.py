"""Quick benchmark: CPython vs spyc generic (--no-specialize) vs spyc specialized, same process
kind, medians of interleaved repetitions. Usage: python3 benchmarks/quick.py GENERIC_DIR SPEC_DIR
(both built from benchmarks/programs/kernels.py). Not a test: timings are never asserted."""
import importlib.util, statistics, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parent / "pydecorators"))


def load(path, name):
    spec = importlib.util.spec_from_file_location("kernels", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ext(d):
    return next(Path(d).glob("kernels.cpython-*"))


mods = {"cpython": load(ROOT / "programs/kernels.py", "cpython"),
        "generic": load(ext(sys.argv[1]), "generic"),
        "specialized": load(ext(sys.argv[2]), "specialized")}
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
print(f"{'kernel':12} {'cpython ms':>11} {'generic':>9} {'special':>9}  checksums")
for case in mods["cpython"].CASES:
    times = {k: [] for k in mods}
    results = {}
    for _ in range(reps):  # interleaved, so machine noise hits every column alike
        for k, m in mods.items():
            fn, args = m.CASES[case]
            t = time.perf_counter(); results[k] = fn(*args); times[k].append(time.perf_counter() - t)
    med = {k: statistics.median(v) for k, v in times.items()}
    ok = "ok" if len({repr(r) for r in results.values()}) == 1 else "MISMATCH"
    print(f"{case:12} {med['cpython']*1000:11.2f} {med['cpython']/med['generic']:8.1f}x {med['cpython']/med['specialized']:8.1f}x  {ok}")
