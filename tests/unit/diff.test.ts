// Differential suite: every program under tests/diff/ must behave identically when imported from
// source (CPython + spyc decorators, the oracle) and when built by `spyc build`.
//
//   node --import tsx --test tests/unit/diff.test.ts
//
// One subtest per (python version, mode, program). Knobs: SPYC_DIFF_VERSIONS, SPYC_DIFF_MODES,
// SPYC_DIFF_FORCE_DEOPT=0|1|both, SPYC_DIFF_FILTER, SPYC_DIFF_BUILD_CMD (see tests/harness/diff.ts).

import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, before, test } from "node:test";

import {
  compareResults,
  configFromEnv,
  DiffSession,
  formatMismatches,
  lockOutputTree,
  resolveBuilder,
  runSide,
  buildSuite,
  type BuildOutcome,
  type SideResult,
} from "../harness/diff.ts";

const cfg = await configFromEnv();
await lockOutputTree(cfg.outRoot);

// ---------------------------------------------------------------------------------------------
// Harness self-tests: the comparator and the fallback detection must be able to fail.

describe("diff harness self-test", () => {
  const base = (): SideResult => ({
    module: "m",
    file: "/x/m.py",
    import_ok: true,
    import_error: null,
    import_stdout: "",
    tests: [
      { name: "test_a", ok: true, type: "int", repr: "1", stdout: "" },
      { name: "test_b", ok: false, exc_type: "ValueError", exc_module: "builtins", exc_str: "bad", cause: null, context: null, suppress_context: false, stdout: "hi\n" },
    ],
  });

  test("identical results compare equal", () => {
    assert.deepEqual(compareResults(base(), base()), []);
  });

  test("a different return value is reported with both sides", () => {
    const c = base();
    c.tests[0] = { ...c.tests[0], repr: "2" };
    const ms = compareResults(base(), c);
    assert.equal(ms.length, 1);
    assert.equal(ms[0].test, "test_a");
    const report = formatMismatches("prog", ms);
    assert.match(report, /interpreted: returned int 1/);
    assert.match(report, /compiled: {4}returned int 2/);
  });

  test("type, exception message, chaining and stdout differences are all reported", () => {
    const variants: Array<(s: SideResult) => void> = [
      (s) => { s.tests[0].type = "float"; },
      (s) => { s.tests[1].exc_str = "worse"; },
      (s) => { s.tests[1].exc_type = "TypeError"; },
      (s) => { s.tests[1].exc_module = "dataclasses"; },
      (s) => { s.tests[1].context = { type: "KeyError", module: "builtins", str: "'k'" }; },
      (s) => { s.tests[1].stdout = "hi"; },
      (s) => { s.tests.pop(); },
      (s) => { s.import_stdout = "side effect\n"; },
    ];
    for (const v of variants) {
      const c = base();
      v(c);
      assert.ok(compareResults(base(), c).length > 0, `not detected: ${v.toString()}`);
    }
  });

  test("a broken oracle is never reported as a pass", () => {
    const i = base();
    i.import_ok = false;
    i.import_error = "SyntaxError: x";
    assert.equal(compareResults(i, base()).length, 1);
  });

  test("a compiled import that falls back to the .py is reported", { skip: cfg.pythons.length === 0 }, async () => {
    const py = cfg.pythons[0];
    const dir = join(cfg.outRoot, "_selftest");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "src"), { recursive: true });
    const src = join(dir, "src", "selftest_mod.py");
    writeFileSync(src, "def test_one():\n    return 1\n");
    // The stand-in builder puts a .py where the extension should be; expecting the real
    // extension suffix must flag it.
    const standin = resolveBuilder("standin");
    const out = join(dir, "out");
    const built: BuildOutcome = await buildSuite(standin, py, { name: "checked", all: false, forceDeopt: false },
      [{ topic: "t", stem: "selftest_mod", path: src, id: "t/selftest_mod" }], out);
    assert.equal(built.missing.size, 0);
    const comp = await runSide({
      py, module: "selftest_mod", source: src, paths: [out, cfg.decorators],
      expectSuffix: py.extSuffix, expectDir: out, resultFile: join(dir, "comp.json"),
    });
    assert.equal(comp.import_ok, false);
    assert.match(comp.import_error ?? "", /FALLBACK/);
    const interp = await runSide({
      py, module: "selftest_mod", source: src, paths: [join(dir, "src"), cfg.decorators], resultFile: join(dir, "interp.json"),
    });
    assert.equal(interp.import_ok, true);
    assert.deepEqual(interp.tests.map((t) => [t.name, t.repr]), [["test_one", "1"]]);
    const ms = compareResults(interp, comp);
    assert.equal(ms.length, 1);
    assert.match(ms[0].compiled, /FALLBACK/);
  });

  test("a real behavioural difference between two modules is caught end to end", { skip: cfg.pythons.length === 0 }, async () => {
    const py = cfg.pythons[0];
    const dir = join(cfg.outRoot, "_selftest2");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "a"), { recursive: true });
    mkdirSync(join(dir, "b"), { recursive: true });
    writeFileSync(join(dir, "a", "m.py"), "def test_div():\n    return -7 // 2\n\ndef test_p():\n    print('x')\n");
    writeFileSync(join(dir, "b", "m.py"), "def test_div():\n    return int(-7 / 2)\n\ndef test_p():\n    print('y')\n");
    const run = (sub: string) => runSide({
      py, module: "m", source: join(dir, "a", "m.py"), paths: [join(dir, sub)], resultFile: join(dir, sub + ".json"),
    });
    const ms = compareResults(await run("a"), await run("b"));
    assert.deepEqual(ms.map((m) => m.test), ["test_div", "test_p"]);
  });
});

// ---------------------------------------------------------------------------------------------
// The suite

if (cfg.pythons.length === 0) {
  test("differential suite", { skip: "no python interpreter found" }, () => {});
}

const session = new DiffSession(cfg);
for (const py of cfg.pythons) {
  for (const mode of cfg.modes) {
    describe(`diff py${py.version} ${mode.name}`, () => {
      let build: BuildOutcome | undefined;
      before(async () => {
        build = await session.build(py, mode);
        if (build.code !== 0) {
          process.stderr.write(`[py${py.version} ${mode.name}] build exited ${build.code}: ${build.stderr.slice(0, 2000)}\n`);
        }
      });
      for (const prog of cfg.programs) {
        test(prog.id, async () => {
          assert.ok(build, "build did not run");
          const res = await session.diffProgram(py, mode, prog, build);
          if (res.mismatches.length) assert.fail(res.report);
          assert.ok(res.testsCompared > 0, `${prog.id}: no test_* functions ran`);
        });
      }
    });
  }
}
