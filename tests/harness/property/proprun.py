"""Run the property test's cases against one side (source module or built extension).

    python proprun.py --cases CASES.json --path DIR [--path DIR ...] [--expect-file-suffix SUFFIX]

CASES.json is a list of [module, function, [arg, ...], rebind] with args {"i": "decimal"},
{"f": "repr"}, {"b": bool}, {"s": str}, {"l": [arg, ...]}, {"o": class name, "x": arg, "n": arg}
(an instance of the module's class, built before the call) or {"none": true}; rebind is null or [name, arg]: the
module's set_const(name, value) is called before the call and the old value restored after it
(a module constant rebound mid-run, maybe to another type). One JSON line per case goes to stdout, flushed as it is written, so when the
process crashes the harness knows which case it was running: {"t": type, "r": repr} for a
return, {"e": exception type, "m": str(exception)} for a raise; the repr of every @record
argument after the call is appended to "r"/"m" (stores into it are side effects to compare).
"""

import argparse
import json
import sys


def _arg(a, mod=None):
    if "o" in a:
        return getattr(mod, a["o"])(_arg(a["x"]), _arg(a["n"]))
    if "none" in a:
        return None
    if "i" in a:
        return int(a["i"])
    if "f" in a:
        return float(a["f"])
    if "s" in a:
        return a["s"]
    if "l" in a:
        return [_arg(x) for x in a["l"]]
    return bool(a["b"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", required=True)
    ap.add_argument("--path", action="append", default=[])
    ap.add_argument("--expect-file-suffix")
    ns = ap.parse_args()
    sys.path[:0] = ns.path
    sys.set_int_max_str_digits(0)  # results may be big ints; their repr is the comparison
    with open(ns.cases) as f:
        cases = json.load(f)
    mods = {}
    for m in dict.fromkeys(c[0] for c in cases):
        mods[m] = __import__(m)
        if ns.expect_file_suffix and not mods[m].__file__.endswith(ns.expect_file_suffix):
            # a silent fallback to the .py would compare the oracle with itself
            print(json.dumps({"import_error": "imported %s, expected *%s" % (mods[m].__file__, ns.expect_file_suffix)}), flush=True)
            return 1
    out = sys.stdout
    for case in cases:
        m, name, args = case[:3]
        rebind = case[3] if len(case) > 3 else None
        mod = mods[m]
        fn = getattr(mod, name)
        if rebind:
            old = getattr(mod, rebind[0])
            mod.set_const(rebind[0], _arg(rebind[1]))
        argv = [_arg(a, mod) for a in args]
        try:
            r = fn(*argv)
            rec = {"t": type(r).__qualname__, "r": repr(r)}
        except Exception as e:
            rec = {"e": type(e).__qualname__, "m": str(e)}
        finally:
            if rebind:
                mod.set_const(rebind[0], old)
        records = [repr(a) for a in argv if type(a).__name__ == "PR"]
        if records:
            rec["r" if "r" in rec else "m"] += " | after: " + ", ".join(records)
        out.write(json.dumps(rec) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
