// Runtime behaviour users meet outside the compiler (issue 12, item 5), on every CPython found:
//  - SPYC_INTERPRET=1: a compiled module runs its embedded source as plain bytecode (plain
//    Python functions, a tracer sees their lines) with the same results;
//  - a compiled module whose .py beside it changed since the build warns at import with
//    spyc.StaleModuleWarning naming both files (and does not warn while they agree);
//  - contract errors have the same traceback shape compiled and interpreted: the user's frames
//    down to the call, then one frame for the @checked function at its first line, and no frame
//    of spyc's own package (pydecorators/docs/contracts-spec.md, "Tracebacks of contract errors").
// The example module and the probe script are in tests/ecosystem/runtime/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, appendFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, PYDECORATORS, findPythons, run, pythonEnv, type PythonInfo } from "../harness/diff.ts";

const EXAMPLE = path.join(REPO, "tests", "ecosystem", "runtime");
const CLI = path.join(REPO, "bin", "spyc.mjs");
const MOD = "eco_contracts";

interface Report {
  file: string;
  kinds: Record<string, string>;
  results: unknown[];
  errors: Record<string, { type: string; message: string; frames: [string, string, number][] } | null>;
  first_lines: Record<string, number>;
  traced_lines: number[];
  warnings: { category: string; is_user_warning: boolean; message: string; file: string }[];
}

async function probe(py: PythonInfo, dir: string, where: string, extra: NodeJS.ProcessEnv = {}): Promise<Report> {
  const env: NodeJS.ProcessEnv = { ...pythonEnv(), PYTHONPATH: `${where}${path.delimiter}${PYDECORATORS}` };
  delete env["SPYC_INTERPRET"];
  Object.assign(env, extra);
  // the probe runs from its own folder, so sys.path[0] never holds the module's source
  const r = await run(py.exe, [path.join(dir, "probe", "probe.py"), MOD], { cwd: dir, env });
  assert.equal(r.code, 0, `probe failed (${where}):\n${r.stderr}`);
  return JSON.parse(r.stdout) as Report;
}

const pythons = await findPythons(process.env["SPYC_ECO_VERSIONS"]);

for (const py of pythons) {
  test(`ecosystem runtime on ${py.version}: SPYC_INTERPRET, stale modules, contract tracebacks`, async (t) => {
    const dir = mkdtempSync(path.join(tmpdir(), "spyc-eco-rt-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const src = path.join(dir, "src");
    const out = path.join(dir, "out");
    mkdirSync(src);
    mkdirSync(path.join(dir, "probe"));
    copyFileSync(path.join(EXAMPLE, `${MOD}.py`), path.join(src, `${MOD}.py`));
    copyFileSync(path.join(EXAMPLE, "probe.py"), path.join(dir, "probe", "probe.py"));
    const b = await run(process.execPath, [CLI, "build", path.join(src, `${MOD}.py`), "-o", out, "--python", py.exe],
      { env: { ...process.env, PYTHONPATH: PYDECORATORS } });
    assert.equal(b.code, 0, `build failed:\n${b.stdout}\n${b.stderr}`);

    const plain = await probe(py, dir, src);
    const compiled = await probe(py, dir, out);
    const interp = await probe(py, dir, out, { SPYC_INTERPRET: "1" });
    const off = await probe(py, dir, out, { SPYC_INTERPRET: "0" });

    // which code ran
    assert.equal(plain.file, `${MOD}.py`);
    assert.equal(compiled.file, `${MOD}${py.extSuffix}`);
    assert.equal(interp.file, `${MOD}${py.extSuffix}`, "SPYC_INTERPRET still imports the extension");
    for (const f of ["total", "notional", "wrong_return"]) {
      assert.equal(compiled.kinds[f], "spyc_function", `${f} compiled`);
      assert.equal(off.kinds[f], "spyc_function", `${f} compiled with SPYC_INTERPRET=0`);
      assert.equal(interp.kinds[f], "function", `${f} plain under SPYC_INTERPRET=1`);
      assert.equal(plain.kinds[f], "function");
    }
    // same results everywhere
    assert.deepEqual(compiled.results, plain.results);
    assert.deepEqual(interp.results, plain.results);
    // a tracer (what coverage and debuggers use) sees the body of total only when interpreted
    const bodyLine = plain.first_lines["total"]! + 3; // `s += i * i`
    assert.ok(plain.traced_lines.includes(bodyLine), JSON.stringify(plain.traced_lines));
    assert.deepEqual(interp.traced_lines, plain.traced_lines);
    assert.ok(!compiled.traced_lines.includes(bodyLine), "the compiled body is not traced");

    // contract errors: same type, message and traceback shape in every mode
    for (const [k, e] of Object.entries(plain.errors)) {
      assert.ok(e, `${k}: no contract error interpreted`);
      assert.deepEqual(compiled.errors[k], e, `${k}: compiled differs from interpreted`);
      assert.deepEqual(interp.errors[k], e, `${k}: SPYC_INTERPRET differs from interpreted`);
      for (const [file] of e.frames) assert.ok(file === "probe.py" || file === `${MOD}.py`, `${k}: frame in ${file}`);
      const last = e.frames[e.frames.length - 1]!;
      const fn = e.message.slice(0, e.message.indexOf("("));
      assert.deepEqual(last, [`${MOD}.py`, fn, plain.first_lines[fn]], `${k}: last frame is the checked function`);
    }
    assert.deepEqual(plain.errors["arg_via_caller"]!.frames.map((f) => f[1]), ["<lambda>", "caller", "total"]);

    // stale modules: the same source beside the extension is quiet; an edited one warns
    for (const r of [plain, compiled, interp]) assert.deepEqual(r.warnings, []);
    const beside = path.join(out, `${MOD}.py`);
    copyFileSync(path.join(src, `${MOD}.py`), beside);
    assert.deepEqual((await probe(py, dir, out)).warnings, []);
    appendFileSync(beside, "\n\ndef added():\n    return 1\n");
    for (const extra of [{}, { SPYC_INTERPRET: "1" }]) {
      const stale = await probe(py, dir, out, extra);
      assert.equal(stale.warnings.length, 1, JSON.stringify(stale.warnings));
      const w = stale.warnings[0]!;
      assert.equal(w.category, "StaleModuleWarning");
      assert.ok(w.is_user_warning);
      assert.equal(w.file, "probe.py", "attributed to the importing statement");
      assert.ok(w.message.includes(beside), w.message);
      assert.ok(w.message.includes(path.join(out, `${MOD}${py.extSuffix}`)), w.message);
      assert.deepEqual(stale.results, plain.results, "a stale module still runs the built code");
    }
  });
}
