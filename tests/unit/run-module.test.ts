/**
 * `python -m pkg.mod` of a compiled module (issue 15 item 3): runpy takes the code object from the
 * module's loader (`get_code`, specializer/src/module.c `adopt`), which runs the compiled body as
 * `__main__`. Compared with the same package run from source; the compiled run must really use
 * compiled functions (their type is spyc_function). Either the package imports the module in its
 * `__init__` (runpy finds the compiled module's own spec), or the module is not imported yet and
 * the spyc finder a compiled `__init__` installed gives its spec a loader with a code object. A
 * top-level `python -m mod` with no compiled module imported before finds the extension's plain
 * ExtensionFileLoader, which has no code object (contracts-spec 6.12). `importlib.reload` runs
 * the body again, and the loader still gives the source.
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

function run(dir: string, args = ["-W", "ignore::RuntimeWarning", "-m", "pkg.mod", "x", "y"]): { status: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, PYTHONPATH: `${path.join(ROOT, "pydecorators")}:${dir}`, PYTHONDONTWRITEBYTECODE: "1" };
  const r = spawnSync("python3", args, { cwd: dir, env, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** src/ (plain) and bin/ (compiled with --all: the package's __init__ and mod, and top.py) */
function project(init: string): { tmp: string; src: string; bin: string } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "spyc-runm-"));
  const src = path.join(tmp, "src"), bin = path.join(tmp, "bin");
  mkdirSync(path.join(src, "pkg"), { recursive: true });
  writeFileSync(path.join(src, "pkg", "__init__.py"), init);
  writeFileSync(path.join(src, "pkg", "mod.py"), MOD);
  writeFileSync(path.join(src, "top.py"), MOD);
  cpSync(src, bin, { recursive: true });
  const files = ["pkg/__init__.py", "pkg/mod.py", "top.py"].map((f) => path.join(bin, f));
  const b = spawnSync(process.execPath, [SPYC, "build", "--all", "-q", ...files], { encoding: "utf8" });
  assert.equal(b.status, 0, b.stderr + b.stdout);
  return { tmp, src, bin };
}

test("python -m pkg.mod of a module its compiled package has not imported", () => {
  const { tmp, src, bin } = project("X = 1\n");
  try {
    const plain = run(src), compiled = run(bin);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.equal(compiled.stdout.replace("compiled", "interpreted"), plain.stdout);
    assert.match(compiled.stdout, /\ncompiled\n$/);
    // top level, nothing compiled imported before: CPython's extension loader has no code object
    const top = run(bin, ["-m", "top"]);
    assert.notEqual(top.status, 0);
    assert.match(top.stderr, /No code object available for top/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

const RELOAD = `import importlib, sys, top
top.double = None
importlib.reload(top)
print(top.double(2), top.__loader__.get_source('top') == open(top.__file__.split('.')[0] + '.py').read())
print(top.__cached__ == importlib.util.cache_from_source(top.__file__.split('.')[0] + '.py'))
`;

test("importlib.reload of a compiled module runs its body again; get_source and __cached__ stay", () => {
  const { tmp, src, bin } = project("");
  try {
    const plain = run(src, ["-c", RELOAD]), compiled = run(bin, ["-c", RELOAD]);
    assert.equal(plain.status, 0, plain.stderr);
    assert.equal(compiled.status, 0, compiled.stderr);
    assert.equal(compiled.stdout, "4 True\nTrue\n");
    assert.equal(compiled.stdout, plain.stdout);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

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
