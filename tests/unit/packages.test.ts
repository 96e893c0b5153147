/**
 * Real packages, compiled and plain, under their own tests (issue 15 item 5).
 *
 * For each pinned package: the wheel comes from the machine's pip index
 * (`pip download --no-deps --only-binary :all:`, cached in .cache/packages/dl), is unpacked twice
 * (.cache/packages/work/<name>/{plain,compiled}), every chosen module of the `compiled` copy is
 * built in place with `spyc build --all -O0` (packages' `__init__.py` included), the test step
 * checks that the compiled copy really imports the extensions, then runs the same tests on both
 * copies and fails on any test whose outcome differs.
 *
 * The index has wheels only, and only toolz and networkx ship their tests in the wheel: those run
 * their pytest suites (all of toolz; a slice of networkx: six modules and their test files). For
 * more-itertools, sortedcontainers, pyparsing and six the tests are the doctests in their
 * docstrings (doctest.DocTestFinder over each module; per docstring with examples: passed/attempted).
 * six has no doctests: it is compiled and imported only. pyparsing.diagram (optional `railroad`
 * dependency) is left out. pyparsing also runs ParseException.explain() (which reads traceback
 * frames' f_locals) on both copies, whose output must match.
 *
 *   node --import tsx --test tests/unit/packages.test.ts
 *   SPYC_PACKAGES=toolz,six     only these packages
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SPYC = path.join(ROOT, "bin/spyc.mjs");
const CACHE = path.join(ROOT, ".cache/packages");
const PY = process.env.SPYC_PACKAGES_PYTHON ?? "python3";

interface Pkg {
  /** distribution name and pinned version in the pip index */
  readonly dist: string;
  readonly version: string;
  /** files (relative to the unpacked wheel) that are compiled */
  readonly compile: (root: string) => string[];
  readonly tests: { readonly kind: "pytest"; readonly args: readonly string[] } | { readonly kind: "doctest"; readonly modules: readonly string[] };
  /** programs whose output must be the same on both copies (what the wheel's tests cannot reach) */
  readonly scripts?: readonly string[];
}

/**
 * pyparsing's own test suite (not in the wheel) checks ParseException.explain(), which names the
 * parser elements from `self` in the traceback frames' f_locals: compiled frames must show them.
 */
const PP_EXPLAIN = `import pyparsing as pp
pp.ParserElement.verbose_stacktrace = True
integer = pp.Word(pp.nums).set_name("integer")
expr = pp.Group(integer + pp.Literal("+") + integer).set_name("sum")
for text in ["1 + x", "abc", "7 +"]:
    try:
        expr.parse_string(text, parse_all=True)
    except pp.ParseException as e:
        print(e.explain(depth=None))
        print(pp.ParseException.explain_exception(e, depth=2))
`;

/** every .py under dir, except test directories */
function sources(root: string, dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir)).sort()) {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) {
      if (name !== "tests" && name !== "__pycache__") out.push(...sources(root, rel));
    } else if (/^[A-Za-z_][A-Za-z0-9_]*\.py$/.test(name)) out.push(rel);
  }
  return out;
}

const NX_SLICE = [
  ["algorithms/dag.py", "algorithms/tests/test_dag.py"],
  ["algorithms/shortest_paths/unweighted.py", "algorithms/shortest_paths/tests/test_unweighted.py"],
  ["algorithms/shortest_paths/generic.py", "algorithms/shortest_paths/tests/test_generic.py"],
  ["algorithms/components/connected.py", "algorithms/components/tests/test_connected.py"],
  ["generators/classic.py", "generators/tests/test_classic.py"],
  ["utils/misc.py", "utils/tests/test_misc.py"],
] as const;

const PKGS: Record<string, Pkg> = {
  toolz: { dist: "toolz", version: "1.1.0", compile: (r) => sources(r, "toolz"), tests: { kind: "pytest", args: ["toolz/tests"] } },
  networkx: {
    dist: "networkx", version: "3.6.1",
    compile: () => NX_SLICE.map(([m]) => `networkx/${m}`),
    tests: { kind: "pytest", args: NX_SLICE.map(([, t]) => `networkx/${t}`) },
  },
  "more-itertools": {
    dist: "more-itertools", version: "10.8.0", compile: (r) => sources(r, "more_itertools"),
    tests: { kind: "doctest", modules: ["more_itertools.more", "more_itertools.recipes"] },
  },
  sortedcontainers: {
    dist: "sortedcontainers", version: "2.4.0", compile: (r) => sources(r, "sortedcontainers"),
    tests: { kind: "doctest", modules: ["sortedcontainers.sortedlist", "sortedcontainers.sorteddict", "sortedcontainers.sortedset"] },
  },
  pyparsing: {
    dist: "pyparsing", version: "3.3.3",
    // pyparsing.diagram needs the optional `railroad` package: not imported, not compiled
    compile: (r) => sources(r, "pyparsing").filter((f) => !f.startsWith("pyparsing/diagram/")),
    tests: { kind: "doctest", modules: ["pyparsing.core", "pyparsing.helpers", "pyparsing.common", "pyparsing.actions", "pyparsing.results", "pyparsing.exceptions", "pyparsing.util"] },
    scripts: [PP_EXPLAIN],
  },
  six: { dist: "six", version: "1.17.0", compile: () => ["six.py"], tests: { kind: "doctest", modules: ["six"] } },
};

function sh(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? String(r.error ?? "") };
}

function wheelFor(p: Pkg): string {
  const dl = path.join(CACHE, "dl");
  const norm = p.dist.replace(/-/g, "_").toLowerCase();
  const find = () => existsSync(dl) ? readdirSync(dl).find((f) => f.toLowerCase().startsWith(`${norm}-${p.version}-`) && f.endsWith(".whl")) : undefined;
  let whl = find();
  if (!whl) {
    mkdirSync(dl, { recursive: true });
    const r = sh(PY, ["-m", "pip", "download", "--no-deps", "--only-binary", ":all:", `${p.dist}==${p.version}`, "-d", dl], ROOT);
    assert.equal(r.status, 0, `pip download ${p.dist}==${p.version}:\n${r.stderr.slice(-2000)}`);
    whl = find();
  }
  assert.ok(whl, `no wheel for ${p.dist} ${p.version}`);
  return path.join(dl, whl);
}

function unpack(whl: string, dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = sh(PY, ["-m", "zipfile", "-e", whl, dir], ROOT);
  assert.equal(r.status, 0, r.stderr);
}

/** pytest for PY: its own, or installed once from the pip index into .cache/packages/pytest-<ver> */
let pytestPath: string | null = null;
function pytestDeps(): string {
  if (pytestPath !== null) return pytestPath;
  if (sh(PY, ["-c", "import pytest"], ROOT).status === 0) return (pytestPath = "");
  const ver = sh(PY, ["-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])"], ROOT).stdout.trim();
  const deps = path.join(CACHE, `pytest-${ver}`);
  if (sh(PY, ["-c", "import pytest"], ROOT, { ...process.env, PYTHONPATH: deps }).status !== 0) {
    const r = sh(PY, ["-m", "pip", "install", "-q", "--retries", "0", "--target", deps, "pytest"], ROOT);
    assert.equal(r.status, 0, `pip install pytest:\n${r.stderr.slice(-2000)}`);
  }
  return (pytestPath = deps);
}

const env = (dir: string): NodeJS.ProcessEnv => ({
  ...process.env, PYTHONPATH: [dir, path.join(ROOT, "pydecorators"), pytestDeps()].filter(Boolean).join(":"),
  PYTHONDONTWRITEBYTECODE: "1", PYTHONHASHSEED: "0",
});

/** pytest outcome lines (-rA short summary): "PASSED id", "FAILED id", "SKIPPED [n] where: why", ... */
function runPytest(dir: string, args: readonly string[]): string[] {
  const r = sh(PY, ["-m", "pytest", "-q", "-rA", "-p", "no:cacheprovider", "-o", "addopts=", ...args], dir, env(dir));
  assert.ok(r.status === 0 || r.status === 1, `pytest exit ${r.status}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-2000)}`);
  return r.stdout.split("\n").filter((l) => /^(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS) /.test(l))
    .map((l) => l.replace(/ - .*$/, "")).sort();
}

const DOCTEST_RUNNER = `
import doctest, importlib, json, sys
out = {}
for name in sys.argv[1:]:
    m = importlib.import_module(name)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for t in doctest.DocTestFinder(exclude_empty=True).find(m):
        if not t.examples:
            continue
        r = runner.run(t, out=lambda s: None)
        out[t.name] = "%d/%d" % (r.attempted - r.failed, r.attempted)
print(json.dumps(out, sort_keys=True))
`;

function runDoctests(dir: string, modules: readonly string[]): string[] {
  const r = sh(PY, ["-c", DOCTEST_RUNNER, ...modules], dir, env(dir));
  assert.equal(r.status, 0, `doctests:\n${r.stderr.slice(-3000)}`);
  return Object.entries(JSON.parse(r.stdout) as Record<string, string>).map(([k, v]) => `${k} ${v}`);
}

const CHECK_LOADED = `
import importlib, importlib.machinery, sys
bad = []
for rel in sys.argv[1:]:
    name = rel[:-3].replace("/", ".")
    if name.endswith(".__init__"):
        name = name[:-9]
    f = importlib.import_module(name).__file__
    if not f.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
        bad.append(name + " -> " + f)
print("SPYC-NOT-LOADED:" + repr(bad))  # modules may print at import: the last line is ours
`;

const wanted = (process.env.SPYC_PACKAGES ?? "").split(",").map((s) => s.trim()).filter(Boolean);
const pipOk = sh(PY, ["-m", "pip", "--version"], ROOT).status === 0;

for (const [name, p] of Object.entries(PKGS)) {
  if (wanted.length && !wanted.includes(name)) continue;
  test(`${name} ${p.version}: its tests have the same outcomes compiled and plain`, { skip: pipOk ? false : "no pip" }, (t) => {
    const whl = wheelFor(p);
    const work = path.join(CACHE, "work", name);
    const plain = path.join(work, "plain"), comp = path.join(work, "compiled");
    unpack(whl, plain);
    unpack(whl, comp);
    const files = p.compile(comp);
    assert.ok(files.length > 0);
    // built for the interpreter that runs the tests (the default python3 may be another version)
    const b = sh(process.execPath, [SPYC, "build", "--all", "-O0", "--python", PY, ...files], comp);
    assert.notEqual(b.status, 3, `internal compiler error:\n${b.stderr}`);
    assert.equal(b.status, 0, `build failed:\n${b.stderr.slice(-3000)}\n${b.stdout.slice(-2000)}`);
    const compiled = (b.stdout.match(/^ {2}compiled /gm) ?? []).length;
    const interpreted = (b.stdout.match(/^ {2}interpreted /gm) ?? []).length;
    const notLoaded = sh(PY, ["-c", CHECK_LOADED, ...files], comp, env(comp));
    assert.equal(notLoaded.status, 0, notLoaded.stderr.slice(-3000));
    assert.equal(notLoaded.stdout.trim().split("\n").pop(), "SPYC-NOT-LOADED:[]", "these modules did not import as extensions");
    const run = (dir: string): string[] => p.tests.kind === "pytest" ? runPytest(dir, p.tests.args) : runDoctests(dir, p.tests.modules);
    const a = run(plain), c = run(comp);
    const onlyPlain = a.filter((x) => !c.includes(x)), onlyComp = c.filter((x) => !a.includes(x));
    const passed = a.filter((x) => x.startsWith("PASSED") || /\b(\d+)\/\1$/.test(x)).length;
    t.diagnostic(`${name} ${p.version}: ${files.length} modules, functions ${compiled} compiled / ${interpreted} interpreted, ` +
      `${a.length} tests (${p.tests.kind}; ${passed} passing plain), ${onlyPlain.length + onlyComp.length} differences`);
    assert.deepEqual({ onlyPlain, onlyCompiled: onlyComp }, { onlyPlain: [], onlyCompiled: [] }, "outcomes differ");
    for (const s of p.scripts ?? []) {
      const [x, y] = [plain, comp].map((d) => sh(PY, ["-c", s], d, env(d)));
      assert.equal(x!.status, 0, x!.stderr.slice(-2000));
      assert.ok(x!.stdout.includes(" - "), "the script shows no frame-derived lines");
      assert.equal(y!.stdout + y!.stderr, x!.stdout + x!.stderr, "script output differs");
    }
    assert.ok(a.length > 0 || p.dist === "six", "no test ran");
  });
}
