/**
 * specializer/ (the C runtime) against real gcc and CPython 3.11.7 / 3.12.1 / 3.13.0 (each that is
 * installed under /root/.pyenv/versions). Builds specializer/tests/spz_demo.c, a hand-written
 * extension that uses the runtime ABI exactly as generated code does, and runs
 * specializer/tests/check_demo.py, which compares the compiled module with the same source run
 * interpreted (results, binding and contract error texts, try/except semantics, tracebacks,
 * attributes, descriptors, inspect.signature, pickle, call-site/unpack/f-string helpers).
 * Builds are cached in tests/.out/specializer/ by a hash of every input.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPZ = path.join(ROOT, "specializer");
const PYDECORATORS = path.join(ROOT, "pydecorators");
const OUT = path.join(ROOT, "tests", ".out", "specializer");
const VERSIONS = ["3.11.7", "3.12.1", "3.13.0"];
const WARN = ["-Wall", "-Wextra", "-Werror", "-Wno-missing-field-initializers"];

function pythonOf(v: string): string | null {
  const exe = `/root/.pyenv/versions/${v}/bin/python3`;
  return existsSync(exe) ? exe : null;
}
function includeOf(v: string): string {
  const [maj, min] = v.split(".");
  return `/root/.pyenv/versions/${v}/include/python${maj}.${min}`;
}
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}
function inputsHash(v: string): string {
  const h = createHash("sha256");
  h.update(v + "\0" + WARN.join(" "));
  for (const f of [...listFiles(path.join(SPZ, "include")), ...listFiles(path.join(SPZ, "src")),
    path.join(SPZ, "tests", "spz_demo.c"), path.join(SPZ, "tests", "spz_demo.py")]) {
    h.update(path.relative(SPZ, f) + "\0");
    h.update(readFileSync(f));
  }
  return h.digest("hex").slice(0, 16);
}

/** Build spz_demo for one Python version (cached); returns the build dir. */
function build(v: string, py: string): { dir: string; src: string; extDir: string } {
  const dir = path.join(OUT, `${v}-${inputsHash(v)}`);
  const src = path.join(dir, "spz_demo.py");
  const extDir = path.join(dir, "ext");
  const suffix = execFileSync(py, ["-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))"],
    { encoding: "utf8" }).trim();
  const so = path.join(extDir, `spz_demo${suffix}`);
  if (existsSync(so)) return { dir, src, extDir };
  mkdirSync(extDir, { recursive: true });
  const source = readFileSync(path.join(SPZ, "tests", "spz_demo.py"), "utf8");
  writeFileSync(src, source);
  writeFileSync(path.join(dir, "spz_demo_source.h"),
    `#define SPZ_DEMO_FILENAME ${JSON.stringify(src)}\n#define SPZ_DEMO_SOURCE ${JSON.stringify(source)}\n`);
  const tmp = `${so}.tmp${process.pid}`;
  execFileSync("gcc", ["-shared", "-fPIC", "-O0", "-g", "-fwrapv", "-fvisibility=hidden", ...WARN,
    `-I${includeOf(v)}`, `-I${path.join(SPZ, "include")}`, `-I${dir}`,
    path.join(SPZ, "tests", "spz_demo.c"), "-o", tmp, "-lm"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  renameSync(tmp, so);
  return { dir, src, extDir };
}

const hasPydecorators = existsSync(path.join(PYDECORATORS, "spyc", "_plan.py"));

for (const v of VERSIONS) {
  const py = pythonOf(v);
  test(`specializer: spz_demo behaves like its source on CPython ${v}`, { skip: py === null ? `${v} not installed` : !hasPydecorators ? "pydecorators/spyc/_plan.py missing" : false }, () => {
    const { dir, src, extDir } = build(v, py!);
    const out = execFileSync(py!, ["-X", "dev", path.join(SPZ, "tests", "check_demo.py"), src], {
      cwd: dir, encoding: "utf8",
      env: { ...process.env, PYTHONPATH: [extDir, PYDECORATORS].join(path.delimiter), PYTHONDONTWRITEBYTECODE: "1" },
    });
    assert.match(out, /^module body runs spz_demo$/m, "the interpreted module body ran");
    assert.match(out, /^OK \d+$/m, out);
  });

  test(`specializer: the runtime compiles warning-free at -O2 with the generated-code flags (${v})`, { skip: py === null }, () => {
    // The exact command line of the compiler driver, on a unit that includes the whole runtime.
    const dir = path.join(OUT, "syntax");
    mkdirSync(dir, { recursive: true });
    const c = path.join(dir, "only_runtime.c");
    writeFileSync(c, `#include "specializer.h"\n#include "spz_runtime.c"\n#if SPZ_ABI_VERSION != 3\n#error abi\n#endif\n`);
    execFileSync("gcc", ["-fsyntax-only", "-O2", "-fwrapv", "-fvisibility=hidden", "-Wall", "-Wextra", "-Werror", "-pedantic-errors", "-std=gnu11",
      "-Wno-missing-field-initializers", "-Wno-overlength-strings",
      `-I${includeOf(v)}`, `-I${path.join(SPZ, "include")}`, c], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  });
}
