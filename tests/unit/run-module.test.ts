/**
 * `python -m pkg.mod` of a compiled module (issue 15 item 3): runpy takes the code object from the
 * module's loader (`get_code`, specializer/src/module.c `adopt`), which runs the compiled body as
 * `__main__`. Compared with the same package run from source; the compiled run must really use
 * compiled functions (their type is spyc_function). The package imports the module in its
 * `__init__`, so runpy finds the compiled module's own spec (a top-level `python -m mod` finds
 * the extension's plain ExtensionFileLoader, which has no code object: contracts-spec 6.12).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPYC = path.join(ROOT, "bin/spyc.mjs");

const MOD = `import sys
from spyc import checked


@checked
def double(x: int) -> int:
    return 2 * x


def main():
    print("main", __name__, __spec__.name, double(21), sys.argv[1:], __loader__.get_source(__spec__.name).count("\\n"))
    print("compiled" if type(double).__name__ == "spyc_function" else "interpreted")


if __name__ == "__main__":
    main()
`;

function run(dir: string): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, PYTHONPATH: `${path.join(ROOT, "pydecorators")}:${dir}`, PYTHONDONTWRITEBYTECODE: "1" };
  const r = spawnSync("python3", ["-W", "ignore::RuntimeWarning", "-m", "pkg.mod", "x", "y"], { cwd: dir, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("python -m runs a compiled module as __main__, like its source", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "spyc-runm-"));
  try {
    const src = path.join(tmp, "src"), bin = path.join(tmp, "bin");
    mkdirSync(path.join(src, "pkg"), { recursive: true });
    writeFileSync(path.join(src, "pkg", "__init__.py"), "from . import mod\n");
    writeFileSync(path.join(src, "pkg", "mod.py"), MOD);
    cpSync(src, bin, { recursive: true });
    const b = spawnSync(process.execPath, [SPYC, "build", "--all", path.join(bin, "pkg", "mod.py")], { encoding: "utf8" });
    assert.equal(b.status, 0, b.stderr + b.stdout);
    const plain = run(src), compiled = run(bin);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.match(plain.stdout, /^main __main__ pkg\.mod 42 \['x', 'y'\] \d+\ninterpreted\n$/);
    assert.equal(compiled.stdout.replace("compiled", "interpreted"), plain.stdout);
    assert.match(compiled.stdout, /\ncompiled\n$/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
