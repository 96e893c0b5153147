"""What SPYC_STATS costs: off (the default) it must cost nothing measurable.

Run from the repo root (takes a few minutes on 2 shared cores):

    python3 benchmarks/overhead/stats_overhead.py [PROGRAM ...] [--reps N]

For each program at its full size (default: fib intloop mandelbrot spectral from
benchmarks/programs, and "deopty", an embedded hash whose multiply overflows int64 on every call,
so it deopts all the time) it takes the module's generated C (`spyc build --dump=c`) and compiles
it twice with the same gcc flags (unity build, runtime included):

  * "normal"      -- what spyc ships: SPZ_STAT_FAIL on every guard's failure edge;
  * "compiled-out" -- -DSPZ_NO_STATS: the counting removed from the C entirely.

Both load into one interpreter and are timed by benchmarks/harness/timeit_runner.py in
interleaved rounds, first with SPYC_STATS unset (the off cost: normal vs compiled-out), then with
SPYC_STATS set (the on cost). Prints median ms and the ratio normal / compiled-out; a ratio within
the noise (a few per cent on this machine) is "nothing measurable".
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HARNESS = os.path.join(ROOT, "benchmarks", "harness", "timeit_runner.py")
SPEC = os.path.join(ROOT, "specializer")

DEOPTY = '''from spyc import checked


@checked
def fnv(n: int, h: int) -> int:
    for i in range(n):
        h = h ^ i
        h = h * 1099511628211
    return h % 1000003


def bench(n: int) -> int:
    s = 0
    for k in range(n):
        s += fnv(8, 1469598103934665603 + k)
    return s


SIZES = {"quick": 100000, "full": 100000}
'''


def build(src, name, work):
    # the generated C of the whole module (what `spyc build` compiles)
    text = subprocess.run(["node", os.path.join(ROOT, "bin", "spyc.mjs"), "build", src, "-o", os.path.join(work, "spyc"),
                           "--python", sys.executable, "--dump=c", "-q"], check=True, cwd=work, capture_output=True, text=True).stdout
    c = os.path.join(work, name + ".c")
    with open(c, "w") as f:
        f.write(text)
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    mods = {}
    for variant, defines in (("normal", []), ("compiled-out", ["-DSPZ_NO_STATS"])):
        d = os.path.join(work, variant)
        os.makedirs(d, exist_ok=True)
        so = os.path.join(d, name + suffix)
        # unity build: the generated C includes the runtime unless SPZ_RUNTIME_LINKED is defined
        subprocess.run(["gcc", "-shared", "-fPIC", "-O2", "-fwrapv", "-fvisibility=hidden", "-g0", *defines,
                        "-I" + sysconfig.get_paths()["include"], "-I" + os.path.join(SPEC, "include"),
                        "-I" + os.path.join(SPEC, "src"), c, "-o", so], check=True)
        mods[variant] = so
    return mods


def time_variants(name, n, mods, reps, stats):
    cfg = {"program": name, "n": n, "reps": reps, "warmup": 1, "sys_path": [os.path.join(ROOT, "pydecorators")],
           "variants": [{"column": v, "path": p} for v, p in mods.items()]}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(cfg, f)
    env = dict(os.environ)
    env.pop("SPYC_STATS", None)
    if stats:
        env["SPYC_STATS"] = os.path.join(tempfile.gettempdir(), "spyc-stats-overhead.json")
    r = subprocess.run([sys.executable, HARNESS, f.name], env=env, capture_output=True, text=True, check=True)
    os.unlink(f.name)
    res = {}
    for line in r.stdout.splitlines():
        ev = json.loads(line)
        if ev["event"] == "error":
            sys.exit("%s %s: %s" % (name, ev["column"], ev["message"]))
        if ev["event"] == "result":
            res[ev["column"]] = (statistics.median(ev["times"]), ev["checksum"])
    if res["normal"][1] != res["compiled-out"][1]:
        sys.exit("%s: checksums differ: %r" % (name, res))
    return res


def main(argv):
    reps = 15
    if "--reps" in argv:
        i = argv.index("--reps")
        reps = int(argv[i + 1])
        del argv[i:i + 2]
    names = argv or ["fib", "intloop", "mandelbrot", "spectral", "deopty"]
    work = tempfile.mkdtemp(prefix="spyc-stats-overhead-")
    try:
        print("%-11s %8s  %12s %12s %7s   %12s %12s %7s" % ("program", "n", "off ms", "out ms", "ratio", "on ms", "out ms", "ratio"))
        for name in names:
            d = os.path.join(work, name)
            os.makedirs(d)
            if name == "deopty":
                src = os.path.join(d, "deopty.py")
                with open(src, "w") as f:
                    f.write(DEOPTY)
                n = 100000
            else:
                src = os.path.join(d, name + ".py")
                shutil.copy(os.path.join(ROOT, "benchmarks", "programs", name + ".py"), src)
                ns = {}
                for line in open(src):
                    if line.startswith("SIZES"):
                        exec(line, ns)
                n = ns["SIZES"]["full"]
            mods = build(src, name, d)
            off = time_variants(name, n, mods, reps, stats=False)
            on = time_variants(name, n, mods, reps, stats=True)
            print("%-11s %8d  %12.2f %12.2f %6.3fx   %12.2f %12.2f %6.3fx" % (
                name, n, off["normal"][0] * 1e3, off["compiled-out"][0] * 1e3, off["normal"][0] / off["compiled-out"][0],
                on["normal"][0] * 1e3, on["compiled-out"][0] * 1e3, on["normal"][0] / on["compiled-out"][0]))
        print("\nratio = normal / compiled-out (median of %d interleaved runs each): off = SPYC_STATS unset, "
              "on = SPYC_STATS set (counting)." % reps)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main(sys.argv[1:])
