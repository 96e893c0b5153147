/**
 * No internal compiler error on valid code (issue 15 item 4): `spyc build --all` over every module
 * of the stdlib's pure-Python top level (`Lib/*.py` of `python3`) must never exit with status 3.
 * Every construct the compiler does not support is rejected by the binder with its reason (the
 * function stays interpreted). `--dump=facts` runs the whole pipeline up to C text without gcc.
 * On a failure the modules are compiled again one by one in-process to name the culprits.
 *
 *   node --import tsx --test tests/unit/no-ice.test.ts
 *   SPYC_NOICE_DIRS=/path/a,/path/b   also every *.py under these directories (recursively)
 *
 * A second test compiles (in-process, `--all`, up to C text) every module, tests included, of the
 * pinned packages of tests/unit/packages.test.ts plus mpmath, from the machine's pip index
 * (wheels cached in .cache/packages/noice-dl, unpacked into .cache/packages/noice).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { compileModule } from "../../src/driver/pipeline.ts";
import { InternalError } from "../../src/diag/types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPYC = path.join(ROOT, "bin/spyc.mjs");
const MODNAME = /^[A-Za-z_][A-Za-z0-9_]*\.py$/;

async function compileText(text: string, file: string, name: string) {
  return compileModule({ id: 0 as never, path: file, absPath: file, text }, name, { all: true, dump: [], verify: true });
}

/** Modules whose in-process compile throws an InternalError: "file: message". */
async function culprits(files: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of files) {
    try {
      await compileText(readFileSync(f, "utf8"), f, path.basename(f, ".py"));
    } catch (e) {
      if (e instanceof InternalError) out.push(`${f}: ${e.message.split("\n")[0]}`);
    }
  }
  return out;
}

function stdlibDir(): string | null {
  try {
    return execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"], { encoding: "utf8" }).trim();
  } catch {
    return null;
  }
}

function pyFiles(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) { if (recursive && name !== "__pycache__") out.push(...pyFiles(p, true)); }
    else if (MODNAME.test(name)) out.push(p);
  }
  return out;
}

/** spyc build --all --dump=facts over files, in batches; the exit status and stderr of each. */
function buildAll(files: readonly string[]): { status: number | null; stderr: string; files: readonly string[] }[] {
  const runs = [];
  const BATCH = 400;
  for (let i = 0; i < files.length; i += BATCH) {
    const batch = files.slice(i, i + BATCH);
    const r = spawnSync(process.execPath, [SPYC, "build", "--all", "--dump=facts", ...batch], { encoding: "utf8", maxBuffer: 1 << 28 });
    runs.push({ status: r.status, stderr: r.stderr, files: batch });
  }
  return runs;
}

test("constructs that used to stop the build compile (regressions)", async () => {
  const src = [
    "def rest(v):\n    return [*v[1:]]\n",
    "def cons(v):\n    x = 1, *v[2:]\n    return x\n",
    "def sub(d, k):\n    return d[*k]\n",
    "def sets(a):\n    return {*a, 1, 2}, {1, 2, 3}, 1 in {1, 2}\n",
    "def attr(a):\n    return [*a.b], (*a.c(1)[2],), {*a + a}\n",
  ].join("\n");
  const res = await compileText(src, "/regress.py", "regress");
  const interp = res.funcs.filter((f) => !f.compiled).map((f) => `${f.qualname}: ${f.reason}`);
  assert.deepEqual(interp, [], "these functions should be compiled");
});

test("spyc build --all never exits 3 on the stdlib's top-level modules", async (t) => {
  const dir = stdlibDir();
  if (!dir || !existsSync(dir)) { t.skip("python3's stdlib not found"); return; }
  const files = pyFiles(dir, false);
  const extra = (process.env.SPYC_NOICE_DIRS ?? "").split(",").filter(Boolean).flatMap((d) => pyFiles(d, true));
  const all = [...files, ...extra];
  assert.ok(files.length > 100, `only ${files.length} modules in ${dir}`);
  const runs = buildAll(all);
  const bad = runs.filter((r) => r.status === 3);
  if (bad.length) {
    const who = await culprits(bad.flatMap((r) => r.files));
    assert.fail(`internal compiler error (exit 3):\n${bad.map((r) => r.stderr.trim()).join("\n")}\n${who.join("\n")}`);
  }
  for (const r of runs) assert.equal(r.status, 0, r.stderr.slice(0, 2000));
  t.diagnostic(`${all.length} modules from ${dir}${extra.length ? ` and SPYC_NOICE_DIRS` : ""}: no internal error`);
});

const WHEELS = [
  ["toolz", "1.1.0"], ["networkx", "3.6.1"], ["more-itertools", "10.8.0"], ["sortedcontainers", "2.4.0"],
  ["pyparsing", "3.3.3"], ["six", "1.17.0"], ["mpmath", "1.3.0"],
] as const;

test("spyc --all never hits an internal error on the modules of real packages", async (t) => {
  // not packages.test.ts's .cache/packages/dl: node runs test files in parallel processes
  const dl = path.join(ROOT, ".cache/packages/noice-dl");
  const wheelOf = (dist: string, ver: string) => existsSync(dl)
    ? readdirSync(dl).find((f) => f.toLowerCase().startsWith(`${dist.replace(/-/g, "_")}-${ver}-`) && f.endsWith(".whl")) : undefined;
  const missing = WHEELS.filter(([d, v]) => !wheelOf(d, v));
  if (missing.length) {
    mkdirSync(dl, { recursive: true });
    const r = spawnSync("python3", ["-m", "pip", "download", "--no-deps", "--only-binary", ":all:", ...missing.map(([d, v]) => `${d}==${v}`), "-d", dl], { encoding: "utf8" });
    if (r.status !== 0) { t.skip(`pip download failed: ${(r.stderr ?? "").slice(-300)}`); return; }
  }
  const files: string[] = [];
  for (const [d, v] of WHEELS) {
    const dir = path.join(ROOT, ".cache/packages/noice", `${d}-${v}`);
    if (!existsSync(dir)) {
      const tmp = dir + ".tmp";
      rmSync(tmp, { recursive: true, force: true });
      const r = spawnSync("python3", ["-m", "zipfile", "-e", path.join(dl, wheelOf(d, v)!), tmp], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr);
      renameSync(tmp, dir);
    }
    files.push(...pyFiles(dir, true));
  }
  const bad = await culprits(files);
  assert.deepEqual(bad, [], "internal compiler errors");
  t.diagnostic(`${files.length} modules of ${WHEELS.map(([d, v]) => `${d} ${v}`).join(", ")}: no internal error`);
});
