/**
 * driver/build.ts against the real gcc and python3: a tiny hand-written extension builds,
 * imports and returns a value; an identical second build is a cache hit; a C error gives ok=false
 * and leaves neither a module, nor its C source, nor a temp file behind. Each test uses fresh temp dirs.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildExtension, buildMany, writeFileAtomic } from "../../src/driver/build.ts";
import { probePython, type PyInfo } from "../../src/driver/pyinfo.ts";

function extC(mod: string, value: string): string {
  return `#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include "answer.h"
static PyObject *answer(PyObject *self, PyObject *unused) { return PyLong_FromLong(${value}); }
static PyMethodDef methods[] = { {"answer", answer, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL} };
static struct PyModuleDef def = { PyModuleDef_HEAD_INIT, "${mod}", NULL, -1, methods };
PyMODINIT_FUNC PyInit_${mod}(void) { return PyModule_Create(&def); }
`;
}

async function setup(): Promise<{ py: PyInfo; root: string; inc: string }> {
  const r = await probePython("python3");
  assert.ok(r.ok, "python3 must probe");
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-build-"));
  const inc = path.join(root, "inc");
  mkdirSync(inc);
  writeFileSync(path.join(inc, "answer.h"), "#define ANSWER 42\n");
  return { py: r.py, root, inc };
}

function runPy(py: PyInfo, dir: string, code: string): string {
  return execFileSync(py.exe, ["-c", code], { cwd: dir, encoding: "utf8" }).trim();
}

test("builds, imports, returns a value; second build is a cache hit", async () => {
  const { py, root, inc } = await setup();
  try {
    const req = { py, moduleName: "tiny", cText: extC("tiny", "ANSWER"), outDir: path.join(root, "out"),
      optLevel: 2 as const, includeDirs: [inc], cacheDir: path.join(root, "cache"), defines: ["SPYC_TEST=1"] };
    const a = await buildExtension(req);
    assert.equal(a.ok, true, a.stderr);
    assert.equal(a.cached, false);
    assert.equal(a.soPath, path.join(root, "out", `tiny${py.extSuffix}`));
    // the module's own compile at -O2 skips the second scheduling pass (driver/build.ts moduleFlags)
    assert.match(a.command, /^gcc -shared -fno-schedule-insns2 -fno-gcse -pipe -fPIC -O2 -fwrapv -fvisibility=hidden -fno-plt -g0 -DNDEBUG -I\S+ -I\S+ -DSPYC_TEST=1 \S+tiny\.c -o \S+tiny\.cpython-/);
    assert.equal(runPy(py, path.join(root, "out"), "import tiny; print(tiny.answer())"), "42");

    rmSync(a.soPath);
    const b = await buildExtension(req);
    assert.equal(b.ok, true);
    assert.equal(b.cached, true);
    assert.equal(runPy(py, path.join(root, "out"), "import tiny; print(tiny.answer())"), "42");

    // A runtime header change must invalidate the cache.
    writeFileSync(path.join(inc, "answer.h"), "#define ANSWER 43\n");
    const c = await buildExtension(req);
    assert.equal(c.cached, false);
    assert.equal(runPy(py, path.join(root, "out"), "import tiny; print(tiny.answer())"), "43");
    assert.deepEqual(readdirSync(path.join(root, "out")).filter((f) => f.endsWith(".tmp")), []);
    // successful builds keep no C source and no temp file in the cache
    const left = readdirSync(path.join(root, "cache"), { recursive: true, encoding: "utf8" });
    assert.deepEqual(left.filter((f) => f.endsWith(".c") || f.endsWith(".tmp") || /\.\d+\.[0-9a-f]{8}\./.test(f)), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("a C error gives ok=false and leaves no module and no temp file", async () => {
  const { py, root, inc } = await setup();
  try {
    const outDir = path.join(root, "out");
    const r = await buildExtension({ py, moduleName: "broken", cText: "int f(void) { return nope; }\n", outDir,
      optLevel: 0, includeDirs: [inc], cacheDir: path.join(root, "cache") });
    assert.equal(r.ok, false);
    assert.match(r.stderr, /nope/);
    assert.equal(r.diag?.code, 5010);
    assert.equal(existsSync(r.soPath), false);
    // the C source stays in the cache (to reproduce the failure), never in the output dir
    assert.deepEqual(readdirSync(outDir).sort(), []);
    assert.match(r.command, /\/c\/[0-9a-f]{2}\/[0-9a-f]{64}\/broken\.c -o /);
    // ... kept exactly where the command names it, and gcc's messages name that file too
    const cFile = / (\S+\/broken\.c) -o /.exec(r.command)![1]!;
    assert.equal(readFileSync(cFile, "utf8"), "int f(void) { return nope; }\n");
    assert.match(r.stderr, new RegExp(`${cFile.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:1:`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("buildMany keeps order with bounded parallelism; writeFileAtomic replaces content", async () => {
  const { py, root, inc } = await setup();
  try {
    const reqs = ["m1", "m2", "m3"].map((m, i) => ({ py, moduleName: m, cText: extC(m, String(i)),
      outDir: path.join(root, "out"), optLevel: 0 as const, includeDirs: [inc], cacheDir: path.join(root, "cache") }));
    const rs = await buildMany(reqs, 2);
    assert.deepEqual(rs.map((r) => [r.ok, path.basename(r.soPath).split(".")[0]]), [[true, "m1"], [true, "m2"], [true, "m3"]]);
    assert.equal(runPy(py, path.join(root, "out"), "import m1, m3; print(m1.answer(), m3.answer())"), "0 2");

    const f = path.join(root, "x.txt");
    await writeFileAtomic(f, "one");
    await writeFileAtomic(f, "two");
    assert.deepEqual(readdirSync(root).filter((n) => n.includes("x.txt")), ["x.txt"]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
