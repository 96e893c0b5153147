/**
 * The precompiled specializer.h (driver/build.ts "Precompiled header"): built once per key and
 * then used (-I<cache>/pch/<key> first), never changing a module's bytes, never stale after a
 * header edit, and a damaged one never failing a build.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildExtension, type BuildRequest } from "../../src/driver/build.ts";
import { probePython } from "../../src/driver/pyinfo.ts";

function modC(mod: string, extra: string): string {
  return `#include "specializer.h"
static PyObject *answer(PyObject *self, PyObject *unused) { return PyLong_FromLong(ANSWER + ${extra}); }
static PyMethodDef methods[] = { {"answer", answer, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL} };
static struct PyModuleDef def = { PyModuleDef_HEAD_INIT, "${mod}", NULL, -1, methods };
PyMODINIT_FUNC PyInit_${mod}(void) { return PyModule_Create(&def); }
`;
}

const gcc = (() => {
  try { return /\bGCC\b|\bgcc\b/.test(execFileSync(process.env["CC"]?.trim().split(/\s+/)[0] || "gcc", ["--version"], { encoding: "utf8" })); } catch { return false; }
})();

const gchs = (cache: string): string[] => {
  const dir = path.join(cache, "pch");
  return existsSync(dir) ? readdirSync(dir).map((k) => path.join(dir, k, "specializer.h.gch")).filter((f) => existsSync(f)) : [];
};

test("precompiled header: built once, used, same bytes, never stale, damage tolerated", { skip: !gcc && "needs gcc" }, async () => {
  const r = await probePython("python3");
  assert.ok(r.ok);
  const py = r.py;
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-pch-"));
  try {
    const inc = path.join(root, "inc");
    mkdirSync(inc);
    writeFileSync(path.join(inc, "specializer.h"), "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#define ANSWER 40\n");
    const cache = path.join(root, "cache");
    const req = (mod: string, extra: string, over: Partial<BuildRequest> = {}): BuildRequest => ({
      py, moduleName: mod, cText: modC(mod, extra), outDir: path.join(root, "out"), optLevel: 2, includeDirs: [inc], cacheDir: cache, ...over,
    });
    const answer = (mod: string): string =>
      execFileSync(py.exe, ["-c", `import ${mod}; print(${mod}.answer())`], { cwd: path.join(root, "out"), encoding: "utf8" }).trim();

    // the first build finds no header and starts it; the build waits for it before returning
    const a = await buildExtension(req("m1", "1"));
    assert.equal(a.ok, true, a.stderr);
    assert.equal(answer("m1"), "41");
    assert.equal(gchs(cache).length, 1, "one precompiled header after the first build");
    const pchDir = path.dirname(gchs(cache)[0]!);

    // the next build compiles with it, searched before the headers themselves
    const b = await buildExtension(req("m2", "2"));
    assert.equal(b.ok, true, b.stderr);
    assert.ok(b.command.includes(`-I${pchDir} `), b.command);
    assert.equal(answer("m2"), "42");

    // same module without it (another cache): byte for byte the same
    const plain = await buildExtension(req("m2", "2", { cacheDir: path.join(root, "cache2"), outDir: path.join(root, "out2") }));
    process.env["SPYC_PCH"] = "0";
    try {
      const p = await buildExtension(req("m2", "2", { cacheDir: path.join(root, "cache3"), outDir: path.join(root, "out3") }));
      assert.ok(!p.command.includes("/pch/"), p.command);
      assert.ok(readFileSync(p.soPath).equals(readFileSync(b.soPath)), "a precompiled header changed the module's bytes");
    } finally {
      delete process.env["SPYC_PCH"];
    }
    // a cache hit runs no compiler, so it starts no precompiled header either
    const again = await buildExtension(req("m2", "2", { cacheDir: path.join(root, "cache3"), outDir: path.join(root, "out3") }));
    assert.equal(again.cached, true);
    await new Promise((r) => setTimeout(r, 1500)); // time for a (wrongly) started one to finish
    assert.deepEqual(gchs(path.join(root, "cache3")), [], "a cache hit started gcc");
    assert.equal(plain.ok, true);

    // a header edit gives another key: the old precompiled header is never used for it
    writeFileSync(path.join(inc, "specializer.h"), "#define PY_SSIZE_T_CLEAN\n#include <Python.h>\n#define ANSWER 50\n");
    const c = await buildExtension(req("m3", "3"));
    assert.equal(c.ok, true, c.stderr);
    assert.ok(!c.command.includes(`-I${pchDir} `));
    assert.equal(answer("m3"), "53");
    const d = await buildExtension(req("m4", "4"));
    assert.equal(answer("m4"), "54");
    const fresh = gchs(cache).find((g) => path.dirname(g) !== pchDir)!;
    assert.ok(d.command.includes(`-I${path.dirname(fresh)} `), d.command);

    // damaged: garbage, then a truncated real one; builds still succeed with the right value
    const good = readFileSync(fresh);
    writeFileSync(fresh, Buffer.from("gpch garbage, not a precompiled header"));
    const e = await buildExtension(req("m5", "5"));
    assert.equal(e.ok, true, e.stderr);
    assert.equal(answer("m5"), "55");
    writeFileSync(fresh, good.subarray(0, Math.floor(good.length / 3)));
    const f = await buildExtension(req("m6", "6"));
    assert.equal(f.ok, true, f.stderr);
    assert.equal(answer("m6"), "56");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
