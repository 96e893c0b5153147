/**
 * `spyc build` under faults and concurrency, through the real CLI (bin/spyc.mjs) in temp dirs,
 * each test with its own cache dir ($SPYC_CACHE_DIR):
 *  - a C compiler that crashes (SIGSEGV) or fails, a full disk (a tiny tmpfs, when this user can
 *    mount one), an output path that cannot be written, a build killed mid-compile: exit status
 *    1 (or the signal's), a one-line message, no module, no C file, no temp file in the output dir;
 *  - four builds of the same module at once (empty cache: they also race on the runtime object):
 *    all succeed, the module imports and works, every cache entry matches its checksum, no temp
 *    files anywhere; a corrupted cache entry is rebuilt, never copied out;
 *  - packages (`pkg/__init__.py`, submodules, relative imports), two inputs built to one output
 *    path, a latin-1 source with a PEP 263 declaration, CFLAGS reaching gcc, missing Python.h.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { buildExtension } from "../../src/driver/build.ts";
import { probePython } from "../../src/driver/pyinfo.ts";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPYC = path.join(REPO, "bin/spyc.mjs");
const PYDECORATORS = path.join(REPO, "pydecorators");

const MOD = `from spyc import checked

@checked
def total(n: int) -> int:
    s = 0
    for i in range(n):
        s += i * i
    return s
`;

interface Run { status: number | null; signal: string | null; stdout: string; stderr: string }

function spyc(args: string[], env: Record<string, string>, cwd?: string): Run {
  const r = spawnSync(process.execPath, [SPYC, "build", ...args], { encoding: "utf8", env: { ...process.env, ...env }, cwd });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

function spycAsync(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [SPYC, "build", ...args], { env: { ...process.env, ...env } });
    let stdout = "", stderr = "";
    c.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    c.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    c.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

function python(cwd: string, code: string): string {
  return execFileSync("python3", ["-c", code], { cwd, encoding: "utf8", env: { ...process.env, PYTHONPATH: PYDECORATORS } }).trim();
}

function extSuffix(cwd: string): string {
  return python(cwd, "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))");
}

function tempRoot(): { root: string; cache: string; done: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), "spyc-faults-"));
  return { root, cache: path.join(root, "cache"), done: () => rmSync(root, { recursive: true, force: true }) };
}

/** files under dir, recursively, relative */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(dir, f)).isFile()).sort();
}

function script(file: string, body: string): string {
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test("a crashing or failing C compiler: exit 1, clear message, nothing left in the output dir", async () => {
  const { root, cache, done } = tempRoot();
  try {
    const src = path.join(root, "src");
    mkdirSync(src);
    writeFileSync(path.join(src, "m.py"), MOD);
    const segv = script(path.join(root, "cc-segv"), 'case "$*" in *--version*) exec gcc --version;; esac\nkill -SEGV $$');
    const fail = script(path.join(root, "cc-fail"), 'case "$*" in *--version*) exec gcc --version;; esac\necho "cc1: internal compiler error: simulated" >&2\nexit 1');
    for (const [cc, why] of [[segv, /killed by signal SIGSEGV/], [fail, /exit status 1/]] as const) {
      // an earlier good build must not survive a failed one (it would run outdated code)
      writeFileSync(path.join(src, `m${extSuffix(root)}`), "stale");
      const r = spyc([path.join(src, "m.py")], { SPYC_CACHE_DIR: cache, CC: cc });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /error PYC5010: C compiler failed while building/);
      assert.match(r.stderr, why);
      assert.deepEqual(walk(src), ["m.py"]);
      assert.deepEqual(walk(path.join(cache, "build", "tmp")), []);
    }
  } finally {
    done();
  }
});

test("an output path that cannot be written, and a full disk: exit 1, no partial file", async (t) => {
  const { root, cache, done } = tempRoot();
  try {
    const src = path.join(root, "src");
    mkdirSync(src);
    writeFileSync(path.join(src, "m.py"), MOD);
    const ext = extSuffix(root);
    // a directory where the module should go: the final rename fails
    mkdirSync(path.join(src, `m${ext}`));
    const r = spyc([path.join(src, "m.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /error PYC5006: cannot write '.*m\.cpython[^']*'/);
    assert.deepEqual(walk(src), ["m.py"]);

    const disk = path.join(root, "disk");
    mkdirSync(disk);
    const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=24k", "tmpfs", disk]).status === 0;
    if (!mounted) { t.diagnostic("cannot mount a tmpfs here: full-disk case skipped"); return; }
    try {
      writeFileSync(path.join(disk, "m.py"), MOD);
      const f = spyc([path.join(disk, "m.py")], { SPYC_CACHE_DIR: cache });
      assert.equal(f.status, 1, f.stderr);
      assert.match(f.stderr, /error PYC5006: cannot write .*(ENOSPC|no space left)/i);
      assert.deepEqual(walk(disk), ["m.py"]);
    } finally {
      spawnSync("umount", [disk]);
    }
  } finally {
    done();
  }
});

/** Whether `pid` is still running (not gone, not a zombie waiting to be reaped) after `ms`. */
async function runningAfter(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    let state: string;
    try { state = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "")[0]!; } catch { return false; }
    if (state === "Z") return false;
    if (Date.now() > until) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("a build killed while the compiler runs leaves nothing in the output dir", async () => {
  const { root, cache, done } = tempRoot();
  try {
    const src = path.join(root, "src");
    mkdirSync(src);
    writeFileSync(path.join(src, "m.py"), MOD);
    const started = path.join(root, "started"), finished = path.join(root, "finished"), sleeper = path.join(root, "sleeper");
    const cc = script(path.join(root, "cc-slow"),
      `case "$*" in *--version*) exec gcc --version;; esac\ncase "$*" in *" -c "*) exec gcc "$@";; esac\nsleep 2 & echo $! > ${sleeper}\ntouch ${started}\nwait $!\ngcc "$@"\ns=$?\ntouch ${finished}\nexit $s`);
    for (const sig of ["SIGTERM", "SIGKILL"] as const) {
      rmSync(started, { force: true }); rmSync(finished, { force: true });
      const child = spawn(process.execPath, [SPYC, "build", path.join(src, "m.py")], { env: { ...process.env, SPYC_CACHE_DIR: cache, CC: cc }, stdio: "ignore" });
      let gone = false;
      const exited = new Promise<[number | null, string | null]>((res) => child.on("close", (c, s) => { gone = true; res([c, s]); }));
      while (!existsSync(started)) {
        assert.equal(gone, false, "spyc exited before its compiler started");
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill(sig);
      const [code, signal] = await exited;
      if (sig === "SIGTERM") assert.equal(code, 128 + os.constants.signals.SIGTERM);
      else assert.equal(signal, "SIGKILL");
      // SIGTERM: spyc killed the compiler. SIGKILL: the orphaned compiler runs on; wait for it.
      if (sig === "SIGKILL") while (!existsSync(finished)) await new Promise((r) => setTimeout(r, 50));
      // SIGTERM: the compiler's own children (here the wrapper's sleep; for gcc, cc1 and as)
      // were killed with it, not left running.
      if (sig === "SIGTERM") {
        const pid = Number(readFileSync(sleeper, "utf8"));
        assert.equal(await runningAfter(pid, 1000), false, "the compiler's child outlived spyc");
      }
      assert.deepEqual(walk(src), ["m.py"], `after ${sig}`);
    }
    // and the next build is a normal one
    const ok = spyc([path.join(src, "m.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(python(src, "import m; print(m.total(10))"), "285");
  } finally {
    done();
  }
});

test("four concurrent builds of one module share the cache safely; corrupt entries are rebuilt", async () => {
  const { root, cache, done } = tempRoot();
  try {
    const src = path.join(root, "src");
    mkdirSync(src);
    writeFileSync(path.join(src, "m.py"), MOD);
    const runs = await Promise.all([0, 1, 2, 3].map(() => spycAsync(["-q", path.join(src, "m.py")], { SPYC_CACHE_DIR: cache })));
    for (const r of runs) assert.equal(r.status, 0, r.stderr);
    assert.equal(python(src, "import m; print(m.total(10), type(m.total).__name__)"), "285 spyc_function");
    assert.deepEqual(walk(src).filter((f) => f !== "m.py" && !f.startsWith("__pycache__")).length, 1);
    const files = walk(cache);
    assert.deepEqual(files.filter((f) => f.endsWith(".tmp") || f.includes(`${path.sep}tmp${path.sep}`)), []);
    const sums = files.filter((f) => f.endsWith(".sum"));
    assert.ok(sums.length >= 2, `module and runtime entries: ${files.join(", ")}`);
    for (const s of sums) {
      const bytes = readFileSync(path.join(cache, s.slice(0, -4)));
      assert.equal(createHash("sha256").update(bytes).digest("hex"), readFileSync(path.join(cache, s), "utf8").trim(), s);
    }

    // Corrupt every cached module and runtime object: the next build must not copy them out.
    for (const s of sums) truncateSync(path.join(cache, s.slice(0, -4)), 100);
    rmSync(path.join(src, `m${extSuffix(root)}`));
    const again = spyc(["-q", path.join(src, "m.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(python(src, "import m; print(m.total(11))"), "385");
  } finally {
    done();
  }
});

test("packages: __init__.py and submodules build and import, relative imports work", async () => {
  const { root, cache, done } = tempRoot();
  try {
    const pkg = path.join(root, "pkg"), sub = path.join(pkg, "sub");
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(pkg, "__init__.py"), `from spyc import checked\nfrom .helpers import base\n\n@checked\ndef top(n: int) -> int:\n    return base() + n\n`);
    writeFileSync(path.join(pkg, "helpers.py"), `def base():\n    return 100\n`);
    writeFileSync(path.join(sub, "__init__.py"), ``);
    writeFileSync(path.join(sub, "leaf.py"), `from spyc import checked\nfrom .. import top\nfrom ..helpers import base\n\n@checked\ndef leaf(n: int) -> int:\n    return top(n) + base()\n\nNAME = __name__\nPKG = __package__\nSPEC = __spec__.name\n`);
    const r = spyc([path.join(pkg, "__init__.py"), path.join(sub, "__init__.py"), path.join(sub, "leaf.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /\[3\/3\]/); // per-module progress
    const out = python(root, [
      "import pkg, pkg.sub.leaf as l",
      "print(pkg.__file__.rsplit('/', 1)[1].split('.')[0], pkg.sub.__file__.rsplit('/', 1)[1].split('.')[0])",
      "print(type(pkg.top).__name__, type(l.leaf).__name__, pkg.top(1), l.leaf(2))",
      "print(l.NAME, l.PKG, l.SPEC, pkg.__path__ == [pkg.__file__.rsplit('/', 1)[0]])",
    ].join("\n"));
    assert.equal(out, "__init__ __init__\nspyc_function spyc_function 101 202\npkg.sub.leaf pkg.sub pkg.sub.leaf True");
  } finally {
    done();
  }
});

test("two inputs built to one output path: exit 1, nothing written", async () => {
  const { root, cache, done } = tempRoot();
  try {
    for (const d of ["a", "b"]) { mkdirSync(path.join(root, d)); writeFileSync(path.join(root, d, "m.py"), MOD); }
    const out = path.join(root, "out");
    const r = spyc(["-o", out, path.join(root, "a/m.py"), path.join(root, "b/m.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error PYC5007: '.*a\/m\.py' and '.*b\/m\.py' would both be built into '.*out\/m\.cpython/);
    assert.equal(existsSync(out) ? walk(out).length : 0, 0);
  } finally {
    done();
  }
});

test("a latin-1 source with a PEP 263 declaration builds and keeps its text", async () => {
  const { root, cache, done } = tempRoot();
  try {
    const body = `# -*- coding: latin-1 -*-\nfrom spyc import checked\n\n@checked\ndef word(n: int) -> str:\n    return "caf\xe9" * n\n`;
    writeFileSync(path.join(root, "lat.py"), Buffer.from(body, "latin1"));
    const r = spyc([path.join(root, "lat.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(python(root, "import lat; print(ascii(lat.word(2)), type(lat.word).__name__)"), "'caf\\xe9caf\\xe9' spyc_function");
    // without the declaration the same bytes are not UTF-8: a clear error, as CPython gives
    writeFileSync(path.join(root, "bad.py"), Buffer.from(body.split("\n").slice(1).join("\n"), "latin1"));
    const b = spyc([path.join(root, "bad.py")], { SPYC_CACHE_DIR: cache });
    assert.equal(b.status, 1);
    assert.match(b.stderr, /PYC5005: '.*bad\.py' is not valid UTF-8/);
  } finally {
    done();
  }
});

test("CFLAGS reach the compiler; a python without Python.h is one line with the fix", async () => {
  const { root, cache, done } = tempRoot();
  try {
    writeFileSync(path.join(root, "m.py"), MOD);
    const r = spyc([path.join(root, "m.py")], { SPYC_CACHE_DIR: cache, CFLAGS: "-include spyc-no-such-header.h" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /spyc-no-such-header\.h/);
    assert.deepEqual(walk(root).filter((f) => !f.startsWith("cache")), ["m.py"]);

    const p = await probePython("python3");
    assert.ok(p.ok);
    const noHeaders = { ...p.py, include: path.join(root, "no-include") };
    const b = await buildExtension({ py: noHeaders, moduleName: "m", cText: "", outDir: path.join(root, "out"), optLevel: 0, includeDirs: [], cacheDir: cache });
    assert.equal(b.ok, false);
    assert.equal(b.diag?.code, 5012);
    assert.match(b.diag!.message, /^Python\.h not found in '.*no-include': install the C headers of Python 3\.\d+ .*python3\.\d+-dev/);
    assert.doesNotMatch(b.diag!.message, /\n/);
  } finally {
    done();
  }
});
