/**
 * Parallel compilation units (cgen/units.ts, cgen/emitModule.ts "Units", driver/build.ts):
 * functions that name each other's entries stay in one unit, small modules stay whole, and a
 * module built as several units (one compile per unit, then a link) behaves exactly like the
 * same source under CPython with the decorators.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planUnits, MIN_UNIT_LINES } from "../../src/cgen/units.ts";

const root = path.resolve(import.meta.dirname, "../..");
const body = (calls: number[], lines: number): string =>
  [...calls.map((c) => `r = pyc_h_${c}_g(self, depth_);`), ...Array.from({ length: lines }, () => "x;")].join("\n");

test("functions that call each other share a unit; independent ones are spread", () => {
  const n = MIN_UNIT_LINES;
  const bodies = new Map([[0, body([1], n)], [1, body([], n)], [2, body([], n)], [3, body([2], n)], [4, body([], n / 2)]]);
  const plan = planUnits([0, 1, 2, 3, 4], bodies, new Map(), 4);
  const unitOf = (i: number): number => plan.groups.findIndex((g) => g.includes(i));
  assert.equal(unitOf(0), unitOf(1), "caller and callee together");
  assert.equal(unitOf(2), unitOf(3), "caller and callee together");
  assert.notEqual(unitOf(0), unitOf(2), "independent groups in different units");
  assert.deepEqual(plan.groups.flat().sort(), [0, 1, 2, 3, 4], "every function exactly once");
  assert.ok(plan.groups.length <= 4 && plan.groups.length >= 2);
});

test("a small module stays one unit, and the cap is respected", () => {
  const small = new Map([[0, body([], 10)], [1, body([], 10)]]);
  assert.equal(planUnits([0, 1], small, new Map(), 4).groups.length, 1);
  const big = new Map(Array.from({ length: 6 }, (_, i) => [i, body([], MIN_UNIT_LINES)] as [number, string]));
  assert.equal(planUnits([0, 1, 2, 3, 4, 5], big, new Map(), 3).groups.length, 3);
  assert.equal(planUnits([0, 1, 2, 3, 4, 5], big, new Map(), 1).groups.length, 1);
});

test("generic halves get cold units of their own, in proportion to their weight", () => {
  const n = MIN_UNIT_LINES;
  const bodies = new Map([[0, body([], n)], [1, body([], n)], [2, body([], n)]]);
  const colds = new Map([[0, body([], 2 * n)], [2, body([], 2 * n)]]);
  const plan = planUnits([0, 1, 2], bodies, colds, 4);
  assert.ok(plan.groups.length >= 1 && plan.coldGroups.length >= 1, "hot and cold units");
  assert.ok(plan.groups.length + plan.coldGroups.length <= 4, "the cap counts both");
  assert.deepEqual(plan.groups.flat().sort(), [0, 1, 2], "every hot part exactly once");
  assert.deepEqual(plan.coldGroups.flat().sort(), [0, 2], "every generic half exactly once");
  // a small module stays one unit: its generic halves stay beside the rest (no cold unit)
  const small = planUnits([0, 1], new Map([[0, body([], 10)], [1, body([], 10)]]), new Map([[0, body([], 10)]]), 4);
  assert.equal(small.groups.length, 1);
  assert.equal(small.coldGroups.length, 0);
});

test("a module compiled as several units runs exactly like the source under CPython", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "spyc-units-"));
  try {
    const src = path.join(dir, "sample100.py");
    copyFileSync(path.join(root, "benchmarks/build/sample100.py"), src);
    // a compiler wrapper that records every command line, so the test sees the unit compiles
    const log = path.join(dir, "cc.log");
    const wrap = path.join(dir, "cc.sh");
    writeFileSync(wrap, `#!/bin/sh\necho "$@" >> ${JSON.stringify(log)}\nexec gcc "$@"\n`, { mode: 0o755 });
    const env = { ...process.env, CC: wrap, SPYC_JOBS: "2", SPYC_CACHE_DIR: path.join(dir, "cache"), PYTHONPATH: path.join(root, "pydecorators") };
    const b = spawnSync(process.execPath, [path.join(root, "bin/spyc.mjs"), "build", "-q", "-O2", "--out-dir", path.join(dir, "out"), src], { env, encoding: "utf8" });
    assert.equal(b.status, 0, b.stderr);
    const cmds = readFileSync(log, "utf8").split("\n");
    assert.ok(cmds.some((c) => c.includes("-DPYC_UNITS=2") && c.includes("-DPYC_UNIT=0")), "unit 0 compiled");
    assert.ok(cmds.some((c) => c.includes("-DPYC_UNITS=2") && c.includes("-DPYC_UNIT=1")), "unit 1 compiled");
    assert.ok(cmds.some((c) => c.includes("-shared") && c.includes(".u1.o")), "units linked");
    // sample100's generic halves are a cold unit compiled at -Og (cgen/units.ts "Tiers"), the rest at -O2
    const unitCmds = cmds.filter((c) => c.includes("-DPYC_UNIT="));
    assert.ok(unitCmds.some((c) => / -Og( |$)/.test(c)), "a cold unit at -Og");
    assert.ok(unitCmds.some((c) => !/ -Og( |$)/.test(c)), "a hot unit at -O2");
    // the cold unit calls the runtime's compiled copies of the generic helpers (spz/outline.h)
    assert.ok(unitCmds.some((c) => / -Og( |$)/.test(c) && / -DPYC_COLD( |$)/.test(c)), "the cold unit uses the outlined helpers");
    assert.ok(unitCmds.every((c) => / -Og( |$)/.test(c) || !/ -DPYC_COLD( |$)/.test(c)), "hot units keep them inline");
    const run = (pathDir: string, compiled: boolean): string => {
      const r = spawnSync("python3", ["-c", "import sample100, sys; print(sample100.__file__.endswith('.py'), file=sys.stderr); sample100.main()"],
        { cwd: pathDir, env: { ...env, PYTHONPATH: `${pathDir}${path.delimiter}${env.PYTHONPATH}` }, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), compiled ? "False" : "True", "the compiled module is the one imported");
      return r.stdout;
    };
    const compiledOut = run(path.join(dir, "out"), true);
    const plainOut = run(dir, false);
    assert.ok(compiledOut.length > 0);
    assert.equal(compiledOut, plainOut);
    // every guard failing: the generic halves (the cold unit) do all the work
    const d = spawnSync(process.execPath, [path.join(root, "bin/spyc.mjs"), "build", "-q", "-O2", "--force-deopt", "--out-dir", path.join(dir, "deopt"), src], { env, encoding: "utf8" });
    assert.equal(d.status, 0, d.stderr);
    assert.equal(run(path.join(dir, "deopt"), true), plainOut);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a cold unit's entries and deopt blocks call the runtime; other units keep their entries inline", () => {
  const dump = (units: string): string => {
    const r = spawnSync(process.execPath, [path.join(root, "bin/spyc.mjs"), "build", "--dump=c", path.join(root, "benchmarks/build/sample100.py")],
      { env: { ...process.env, SPYC_UNITS: units, SPYC_JOBS: "2" }, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  };
  const split = dump("2");
  const whole = dump("1");
  assert.match(split, /#if PYC_IN\(1\) \/\* generic halves/, "sample100 has a cold unit");
  // fib, sum_squares, collatz_len, ... are split: their boxed entries are one runtime call each
  assert.match(split, /return spz_enter_split\(self, args, ts, &pyc_fi_\d+, pyc_i_\d+_fib, SPZ_BOX_I64\);/);
  assert.match(split, /return spz_enter_split\(self, args, ts, &pyc_fi_\d+, pyc_i_\d+_mean, SPZ_BOX_F64\);/);
  // the runtime's entry only where the unit is compiled as cold code (-DPYC_COLD at -Og)
  assert.match(split, /#ifdef PYC_COLD\n[^\n]*pyc_f_\d+_fib\(SpzFunction[^\n]*\n\s*return spz_enter_split\([^\n]*\n\}\n#else\n[^\n]*pyc_f_\d+_fib\(SpzFunction[^\n]*\n[^\n]*const int base = 0;/);
  // the resume points' boxes of the live values: one spz_box_n per deopt block, in either layout
  for (const c of [split, whole]) {
    assert.match(c, /int e_ = spz_box_n\(3, o_, v_, k_\); r\d+ = o_\[0\]; r\d+ = o_\[1\]; r\d+ = o_\[2\];/);
    assert.doesNotMatch(c, /PyLong_FromLongLong\(r\d+\);[^\n]*\n[^\n]*if \(r\d+\) \{ PyObject \*t_ = PyLong_FromLongLong/, "no two boxes in a row");
  }
});

test("two builds of one module make the same bytes, whatever their cache and temp paths", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "spyc-repro-"));
  try {
    const src = path.join(dir, "sample100.py");
    copyFileSync(path.join(root, "benchmarks/build/sample100.py"), src);
    const bytes = (k: number, more: Record<string, string> = {}): Buffer => {
      const out = path.join(dir, `out${k}`);
      const env = { ...process.env, SPYC_JOBS: "2", SPYC_CACHE_DIR: path.join(dir, `cache${k}`), ...more };
      const r = spawnSync(process.execPath, [path.join(root, "bin/spyc.mjs"), "build", "-q", "-O2", "--out-dir", out, src], { env, encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      return readFileSync(path.join(out, readdirSync(out)[0]!));
    };
    // the link used to name the module's temp path in a version definition (gold's BASE entry)
    assert.ok(bytes(1).equals(bytes(2)), "the module's bytes differ between two builds");
    // linked with libc too (as with $CFLAGS or a sanitizer): gold names that entry after the soname
    const libc = { SPYC_LINK_LIBC: "1" };
    assert.ok(bytes(3, libc).equals(bytes(4, libc)), "the module's bytes differ between two builds linked with libc");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
