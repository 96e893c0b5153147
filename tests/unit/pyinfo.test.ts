/**
 * driver/pyinfo.ts against the machine's interpreters: python3 probes to a complete PyInfo,
 * findPythons finds at least one supported CPython, and a missing exe is a Diagnostic.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { findPythons, probePython } from "../../src/driver/pyinfo.ts";

test("probe python3", async () => {
  const r = await probePython("python3");
  assert.ok(r.ok, r.ok ? "" : r.diag.message);
  const py = r.py;
  assert.ok(path.isAbsolute(py.exe) && existsSync(py.exe));
  assert.equal(py.version[0], 3);
  assert.ok([11, 12, 13].includes(py.version[1]));
  assert.equal(py.hexversion >> 16, (3 << 8) | py.version[1]);
  assert.ok(existsSync(path.join(py.include, "Python.h")));
  assert.match(py.extSuffix, /^\..*cpython-31[123].*\.so$/);
  assert.equal(py.cacheTag, `cpython-3${py.version[1]}`);
  assert.equal(typeof py.platform, "string");
  assert.equal(await probePython("python3"), r, "cached per exe");
});

test("findPythons finds at least one supported CPython, distinct versions", async () => {
  const all = await findPythons();
  assert.ok(all.length >= 1);
  const infos = await Promise.all(all.map((e) => probePython(e)));
  const versions = infos.map((r) => (r.ok ? r.py.version.join(".") : "bad"));
  assert.ok(!versions.includes("bad"));
  assert.equal(new Set(versions).size, versions.length);
});

test("a missing interpreter is a diagnostic, not a throw", async () => {
  const r = await probePython("/nonexistent/python3.99");
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.diag.code, 5020);
    assert.equal(r.diag.severity, "error");
    assert.match(r.diag.message, /nonexistent/);
  }
});

test("an unsupported version is a diagnostic (skipped without an old interpreter)", async (t) => {
  const root = process.env["PYENV_ROOT"] ?? path.join(os.homedir(), ".pyenv");
  const versions = existsSync(path.join(root, "versions")) ? readdirSync(path.join(root, "versions")) : [];
  const old = versions.filter((v) => /^(2\.7|3\.10)\./.test(v)).map((v) => path.join(root, "versions", v, "bin", "python"));
  if (old.length === 0) return t.skip("no old interpreter installed");
  for (const exe of old) {
    const r = await probePython(exe);
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.diag.code, 5021, r.diag.message);
  }
});
