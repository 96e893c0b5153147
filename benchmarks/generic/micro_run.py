"""Run micro.py under CPython and compiled with `spyc build --all -O2`, ns per iteration.

    python3 benchmarks/generic/micro_run.py [--python PY ...] [--n N] [--rounds R]

Builds once per interpreter (into .cache/generic-micro/<version>), then in one child process
per interpreter times each row for the source module and the extension in interleaved rounds
and prints medians and the ratio compiled/CPython (lower is better; <= 1.00 is the goal).
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

CHILD = r'''
import importlib.util, sys, time, statistics
src_path, ext_dir, n, rounds, only = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
clock = time.thread_time_ns  # CPU time of this thread: robust on a loaded machine
spec = importlib.util.spec_from_file_location("micro_src", src_path)
src = importlib.util.module_from_spec(spec); spec.loader.exec_module(src)
sys.path.insert(0, ext_dir)
import micro as ext
assert ext.__file__ != src_path, ext.__file__
rows = [r for r in src.ROWS if not only or any(o in r[0] for o in only.split(","))]
erows = dict(ext.ROWS)
res = {name: ([], []) for name, _ in rows}
for name, fn in rows:
    a, b = fn(1000), erows[name](1000)
    assert a == b, (name, a, b)
for _ in range(rounds):
    for name, fn in rows:
        for k, f in enumerate((fn, erows[name])):
            t0 = clock(); f(n); t1 = clock()
            res[name][k].append((t1 - t0) / n)
for name, _ in rows:
    c, e = (statistics.median(x) for x in res[name])
    print(f"{name}\t{c:.1f}\t{e:.1f}\t{e / c:.2f}")
'''


def pythons(explicit):
    if explicit:
        return explicit
    root = subprocess.run(["pyenv", "root"], capture_output=True, text=True).stdout.strip() or os.path.expanduser("~/.pyenv")
    out = ["python3"]
    for v in ("3.12.1", "3.13.0"):
        p = os.path.join(root, "versions", v, "bin", "python3")
        if os.path.exists(p):
            out.append(p)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", action="append")
    ap.add_argument("--n", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--only", default="", help="comma-separated substrings of row names")
    ap.add_argument("--file", default=os.path.join(HERE, "micro.py"))
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--spyc-root", default=ROOT, help="build with the spyc checkout at this path (e.g. an older commit)")
    a = ap.parse_args()
    for py in pythons(a.python):
        ver = subprocess.run([py, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], capture_output=True, text=True).stdout.strip()
        out = os.path.join(ROOT, ".cache", "generic-micro" + ("" if a.spyc_root == ROOT else "-" + os.path.basename(a.spyc_root.rstrip("/"))), ver)
        os.makedirs(out, exist_ok=True)
        if not a.no_build:
            r = subprocess.run(["node", os.path.join(a.spyc_root, "bin", "spyc.mjs"), "build", "--all", "-O2", "--python", py, a.file, "-o", out],
                               capture_output=True, text=True, cwd=a.spyc_root)
            if r.returncode != 0:
                sys.exit(f"build failed for {py}:\n{r.stdout}\n{r.stderr}")
        r = subprocess.run([py, "-c", CHILD, a.file, out, str(a.n), str(a.rounds), a.only], capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": os.path.join(ROOT, "pydecorators")})
        if r.returncode != 0:
            sys.exit(f"run failed for {py}:\n{r.stdout}\n{r.stderr}")
        print(f"## Python {ver}  (ns per iteration, median of {a.rounds}; ratio = compiled / CPython)")
        print(f"{'loop body':<20} {'CPython':>8} {'spyc':>8} {'ratio':>6}")
        for ln in r.stdout.strip().splitlines():
            name, c, e, q = ln.split("\t")
            print(f"{name:<20} {c:>8} {e:>8} {q:>6}")
        print()


if __name__ == "__main__":
    main()
