/**
 * Parallel compilation units (cgen/units.ts, cgen/emitModule.ts "Units", driver/build.ts):
 * functions that name each other's entries stay in one unit, small modules stay whole, and a
 * module built as several units (one compile per unit, then a link) behaves exactly like the
 * same source under CPython with the decorators.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { planUnits, MIN_UNIT_LINES } from "../../src/cgen/units.ts";

const root = path.resolve(import.meta.dirname, "../..");
const body = (calls: number[], lines: number): string =>
  [...calls.map((c) => `r = pyc_h_${c}_g(self, depth_);`), ...Array.from({ length: lines }, () => "x;")].join("\n");

test("functions that call each other share a unit; independent ones are spread", () => {
  const n = MIN_UNIT_LINES;
  const bodies = new Map([[0, body([1], n)], [1, body([], n)], [2, body([], n)], [3, body([2], n)], [4, body([], n / 2)]]);
  const plan = planUnits([0, 1, 2, 3, 4], bodies, 4);
  const unitOf = (i: number): number => plan.groups.findIndex((g) => g.includes(i));
  assert.equal(unitOf(0), unitOf(1), "caller and callee together");
  assert.equal(unitOf(2), unitOf(3), "caller and callee together");
  assert.notEqual(unitOf(0), unitOf(2), "independent groups in different units");
  assert.deepEqual(plan.groups.flat().sort(), [0, 1, 2, 3, 4], "every function exactly once");
  assert.ok(plan.groups.length <= 4 && plan.groups.length >= 2);
});

test("a small module stays one unit, and the cap is respected", () => {
  const small = new Map([[0, body([], 10)], [1, body([], 10)]]);
  assert.equal(planUnits([0, 1], small, 4).groups.length, 1);
  const big = new Map(Array.from({ length: 6 }, (_, i) => [i, body([], MIN_UNIT_LINES)] as [number, string]));
  assert.equal(planUnits([0, 1, 2, 3, 4, 5], big, 3).groups.length, 3);
  assert.equal(planUnits([0, 1, 2, 3, 4, 5], big, 1).groups.length, 1);
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
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
