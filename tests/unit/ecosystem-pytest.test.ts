// The pytest plugin (pydecorators/spyc/pytest_plugin.py, entry point pytest11 `spyc`) on the
// example project tests/ecosystem/example_project (a package with a subpackage, two compiled
// modules, a relative import between them): `pytest --spyc` runs the suite against the modules
// of [tool.spyc] compiled into a temporary directory, `--spyc=both` runs it interpreted and
// compiled and reports the tests whose outcome differs (the example has two on purpose), and the
// summary counts the contract violations raised during the run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO, PYDECORATORS, run, pythonEnv } from "../harness/diff.ts";

const PROJECT = path.join(REPO, "tests", "ecosystem", "example_project");
const CLI = `${process.execPath} ${path.join(REPO, "bin", "spyc.mjs")}`;
const PY = process.env["SPYC_ECO_PYTHON"] ?? "python3";

/** PYTHONPATH entries that give `PY` pytest: its own, or .pyenvs/<version> (as tests/run-pytest.sh). */
export async function pytestPath(py: string): Promise<string[]> {
  const v = await run(py, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"]);
  assert.equal(v.code, 0, v.stderr);
  const deps = path.join(REPO, ".pyenvs", v.stdout.trim());
  const env = { ...pythonEnv(), PYTHONPATH: deps };
  if ((await run(py, ["-c", "import pytest"], { env })).code !== 0) {
    mkdirSync(deps, { recursive: true });
    const r = await run(py, ["-m", "pip", "install", "-q", "--retries", "0", "--disable-pip-version-check", "--target", deps, "pytest"]);
    assert.equal(r.code, 0, `cannot install pytest into ${deps}:\n${r.stderr}`);
  }
  return [deps];
}

function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "spyc-eco-pytest-"));
  cpSync(PROJECT, dir, { recursive: true, filter: (s) => !s.includes("__pycache__") && !s.endsWith(".so") });
  return dir;
}

test("pytest --spyc / --spyc=both on the example project", async (t) => {
  const dir = copyProject();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...pythonEnv(),
    PYTHONPATH: [PYDECORATORS, ...(await pytestPath(PY))].join(path.delimiter),
    SPYC_CLI: CLI,
  };
  delete env["SPYC_INTERPRET"];
  const pytest = (...args: string[]) =>
    run(PY, ["-m", "pytest", "-p", "no:cacheprovider", "-p", "spyc.pytest_plugin", "-rA", ...args], { cwd: dir, env });

  // compiled: everything passes, including the test that only passes on compiled code
  const c = await pytest("--spyc");
  assert.equal(c.code, 0, c.stdout + c.stderr);
  assert.match(c.stdout, /spyc: compiled 2 module\(s\) of .*pyproject\.toml into /);
  assert.match(c.stdout, /PASSED tests\/test_geom\.py::test_compiled/);
  assert.match(c.stdout, /PASSED tests\/test_geom\.py::test_skipped_when_interpreted/);
  assert.match(c.stdout, /spyc \(compiled\): 3 contract violations raised \(2 TypeError, 1 OverflowError\)/);
  // nothing was built into the project itself, and the build directory is gone
  assert.deepEqual(readdirSync(path.join(dir, "geom")).filter((f) => f.endsWith(".so")), []);
  const outDir = /into (\S+)/.exec(c.stdout)![1]!;
  assert.ok(!existsSync(outDir), `${outDir} removed`);

  // plain run (no --spyc): the compiled-only test fails, no spyc summary
  const p = await pytest();
  assert.equal(p.code, 1, p.stdout);
  assert.match(p.stdout, /FAILED tests\/test_geom\.py::test_compiled/);
  assert.doesNotMatch(p.stdout, /contract violation/);

  // both: two subprocess runs, the differences listed, exit status 1
  const b = await pytest("--spyc=both");
  assert.equal(b.code, 1, b.stdout + b.stderr);
  const differs = b.stdout.split("\n").filter((l) => l.startsWith("DIFFERS "));
  assert.deepEqual(differs.sort(), [
    "DIFFERS tests/test_geom.py::test_compiled: interpreted failed, compiled passed",
    "DIFFERS tests/test_geom.py::test_skipped_when_interpreted: interpreted skipped, compiled passed",
  ]);
  assert.match(b.stdout, /6 tests interpreted, 6 compiled, 2 with different outcomes/);
  assert.match(b.stdout, /spyc: interpreted: 3 contract violations raised/);
  assert.match(b.stdout, /spyc: compiled: 3 contract violations raised/);

  // a clear error when the compiler cannot be found
  const exe = (await run(PY, ["-c", "import sys; print(sys.executable)"])).stdout.trim();
  const n = await run(exe, ["-m", "pytest", "-p", "no:cacheprovider", "-p", "spyc.pytest_plugin", "--spyc"],
    { cwd: dir, env: { ...env, SPYC_CLI: "", PATH: path.dirname(process.execPath) + path.delimiter + "/usr/bin:/bin" } });
  assert.notEqual(n.code, 0);
  assert.match(n.stdout + n.stderr, /cannot find the spyc compiler/);
});
