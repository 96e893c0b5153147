// Wheels through spyc's PEP 517 backend (pydecorators/spyc/build_backend.py), end to end and
// offline (packages only from the machine's configured local pip index): build spyc's own wheel,
// then `pip wheel` the example project (tests/ecosystem/example_project: package geom, subpackage
// geom.stats, [tool.spyc] modules) in pip's isolated build environment, install both wheels into
// a fresh venv, import from another directory, and check that the functions are compiled and
// compute what the plain sources compute. Also: a clear error when the compiler is missing.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, PYDECORATORS, run, pythonEnv } from "../harness/diff.ts";

const PROJECT = path.join(REPO, "tests", "ecosystem", "example_project");
const CLI = `${process.execPath} ${path.join(REPO, "bin", "spyc.mjs")}`;
const PY = process.env["SPYC_ECO_PYTHON"] ?? "python3";
const PIP = ["-m", "pip", "--disable-pip-version-check", "--retries", "0", "--timeout", "5"];

const CHECK = `
import json, geom, geom.vec as v, geom.stats.moments as m
kinds = {f.__qualname__: type(f).__name__ for f in (v.dot, v.norm2, v.tri, m.mean, m.variance, m.pairs)}
results = [geom.norm2(geom.Vec(3.0, 4.0)), geom.Vec(1.0, 2.0).scaled(3), m.variance([1.0, 2.0, 3.0, 4.0]),
           m.pairs(10), v.tri(100000)]
try:
    v.tri(2 ** 64)
except OverflowError as e:
    results.append(str(e))
print(json.dumps({"kinds": kinds, "results": [repr(r) for r in results], "file": v.__file__}))
`;

function copyTree(from: string, to: string) {
  cpSync(from, to, {
    recursive: true,
    filter: (s) => !/(__pycache__|\.so$|\/build$|\.egg-info$|\/tests\/(?!.*example_project))/.test(s.slice(from.length)),
  });
}

test("pip wheel of a [tool.spyc] project: platform wheel with compiled modules, installed into a fresh venv", async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), "spyc-eco-wheel-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = { ...pythonEnv(), SPYC_CLI: CLI };
  delete env["SPYC_INTERPRET"];
  copyTree(PYDECORATORS, path.join(dir, "spyc-src"));
  rmSync(path.join(dir, "spyc-src", "tests"), { recursive: true, force: true });
  copyTree(PROJECT, path.join(dir, "proj"));
  const wheels = path.join(dir, "wheels");
  const dist = path.join(dir, "dist");

  // spyc itself (pure Python)
  let r = await run(PY, [...PIP, "wheel", "-q", "--no-deps", "./spyc-src", "-w", wheels], { cwd: dir, env, timeoutMs: 900_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);

  // the project: setuptools + spyc (from ./wheels) in pip's isolated build environment
  r = await run(PY, [...PIP, "wheel", "--no-deps", "--find-links", wheels, "./proj", "-w", dist], { cwd: dir, env, timeoutMs: 900_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const ver = (await run(PY, ["-c", "import sys; print('%d%d' % sys.version_info[:2])"])).stdout.trim();
  const built = readdirSync(dist);
  assert.equal(built.length, 1, built.join(" "));
  assert.match(built[0]!, new RegExp(`^spyc_example_geom-0\\.1\\.0-cp${ver}-cp${ver}-linux_\\w+\\.whl$`));

  // a fresh venv, installed offline from the two wheels
  const venv = path.join(dir, "venv");
  r = await run(PY, ["-m", "venv", "--without-pip", venv], { timeoutMs: 900_000 });
  assert.equal(r.code, 0, r.stderr);
  const vpy = path.join(venv, "bin", "python");
  // the outer pip installs into the venv (--python): no ensurepip run needed
  r = await run(PY, [...PIP, "--python", vpy, "install", "-q", "--no-index", "--find-links", wheels, "--find-links", dist,
    "spyc-example-geom"], { cwd: dir, env, timeoutMs: 900_000 });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const elsewhere = path.join(dir, "elsewhere");
  mkdirSync(elsewhere);
  const ci = await run(vpy, ["-c", CHECK], { cwd: elsewhere, env });
  assert.equal(ci.code, 0, ci.stderr);
  const compiled = JSON.parse(ci.stdout);
  assert.match(compiled.file, new RegExp(`site-packages/geom/vec\\.cpython-${ver}-[^/]*\\.so$`));
  for (const [f, k] of Object.entries(compiled.kinds)) assert.equal(k, "spyc_function", `${f} compiled`);

  // the plain sources compute the same
  const pi = await run(PY, ["-c", CHECK], { cwd: elsewhere, env: { ...env, PYTHONPATH: `${path.join(dir, "proj")}${path.delimiter}${PYDECORATORS}` } });
  assert.equal(pi.code, 0, pi.stderr);
  const plain = JSON.parse(pi.stdout);
  for (const k of Object.values(plain.kinds)) assert.equal(k, "function");
  assert.deepEqual(compiled.results, plain.results);

  // no compiler: one clear message from the backend's first hook (called directly, as pip does)
  const exe = (await run(PY, ["-c", "import sys; print(sys.executable)"])).stdout.trim();
  const n = await run(exe, ["-c", "import spyc.build_backend as b; b.get_requires_for_build_wheel()"], {
    cwd: path.join(dir, "proj"),
    env: { ...env, SPYC_CLI: "", PYTHONPATH: path.join(dir, "spyc-src"), PATH: `${path.dirname(exe)}${path.delimiter}/usr/bin${path.delimiter}/bin` },
    timeoutMs: 900_000,
  });
  assert.notEqual(n.code, 0);
  assert.match(n.stderr, /^spyc\.build_backend: cannot find the spyc compiler: install it/m);
  const w = await run(exe, ["-c", "import spyc.build_backend as b; b.build_wheel('out')"], {
    cwd: path.join(dir, "proj"),
    env: { ...env, SPYC_CLI: "", PYTHONPATH: path.join(dir, "spyc-src"), PATH: `${path.dirname(exe)}${path.delimiter}/usr/bin${path.delimiter}/bin` },
  });
  assert.notEqual(w.code, 0);
  assert.match(w.stderr, /^spyc\.build_backend: cannot find the spyc compiler/m);
});
