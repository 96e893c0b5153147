// CPython's own tests for pure-Python stdlib modules, run against `spyc build --all` of those
// modules and against the plain .py; pass/fail/error sets must match.
//
//   node --import tsx --test tests/unit/diff-stdlib.test.ts
//
// Knobs: SPYC_DIFF_VERSIONS, SPYC_DIFF_BUILD_CMD (as for diff.test.ts), SPYC_STDLIB_MODULES
// (comma list of module names).

import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { findPythons, lockOutputTree, resolveBuilder } from "../harness/diff.ts";
import {
  buildStdlib,
  compareStdlib,
  compiledCount,
  isolate,
  runStdlibTests,
  STDLIB_MODULES,
  STDLIB_OUT,
  type StdlibBuild,
} from "../stdlib/stdlib.ts";

await lockOutputTree(STDLIB_OUT);

const pythons = await findPythons(process.env.SPYC_DIFF_VERSIONS);
const builder = resolveBuilder(process.env.SPYC_DIFF_BUILD_CMD);
const wanted = (process.env.SPYC_STDLIB_MODULES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const modules = STDLIB_MODULES.filter((m) => !wanted.length || wanted.includes(m.target));

test("summary parser understands the usual shapes", () => {
  assert.equal(compiledCount("colorsys.py: 6 compiled, 0 left interpreted", "colorsys"), 6);
  assert.equal(compiledCount("bisect: compiled 4 functions\n  left interpreted: none", "bisect"), 4);
  assert.equal(compiledCount("module heapq\n  compiled: 11\n  interpreted: 2", "heapq"), 11);
  assert.equal(compiledCount("heapq: 3 compiled", "colorsys"), undefined);
});

for (const py of pythons) {
  describe(`stdlib py${py.version}`, () => {
    let build: StdlibBuild;
    const suffix = builder.importSuffix ?? py.extSuffix;
    before(async () => {
      build = await buildStdlib(builder, py, modules.map((m) => m.target));
      process.stdout.write(`# [py${py.version}] spyc build --all exit ${build.code}\n`);
      for (const m of modules) {
        const n = compiledCount(build.stdout + "\n" + build.stderr, m.target);
        process.stdout.write(`#   ${m.target}: ${n === undefined ? "? (summary not understood)" : n} functions compiled\n`);
      }
      if (build.code !== 0) process.stdout.write(`#   build stderr: ${build.stderr.slice(0, 3000).replace(/\n/g, "\n#   ")}\n`);
    });
    for (const m of modules) {
      test(m.target, async () => {
        const baseDir = isolate(py, build.srcDir, m.target, ".py", "interpreted");
        const compDir = isolate(py, build.buildDir, m.target, suffix, "compiled");
        const base = await runStdlibTests(py, m.target, m.test, baseDir, ".py", "interpreted");
        const comp = await runStdlibTests(py, m.target, m.test, compDir, suffix, "compiled");
        const kinds = comp.modules.map((x) => `${x.file?.split("/").pop()} ${JSON.stringify(x.callable_kinds)}`).join("; ");
        process.stdout.write(
          `# [py${py.version}] ${m.target}: interpreted run=${base.run} fail=${base.failures?.length} err=${base.errors?.length} skip=${base.skipped}` +
            ` | compiled run=${comp.run} fail=${comp.failures?.length} err=${comp.errors?.length} skip=${comp.skipped} | ${kinds}\n`,
        );
        const problems = compareStdlib(base, comp);
        if (problems.length) {
          assert.fail(`${m.target} (${m.test}) on py${py.version}:\n  ${problems.join("\n  ")}\n--- compiled details ---\n${comp.details ?? ""}`);
        }
      });
    }
  });
}
