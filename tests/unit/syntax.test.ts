/**
 * Structural differential test of the syntax stage against CPython 3.11's `ast`:
 * kinds, fields, operators, names, constant values (our `py` evaluated by literal_eval) and
 * start/end positions must match, except the documented deviations in
 * tests/harness/pyast_diff.ts. Plus: JS-string spans on non-ASCII text, no throw on garbage.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { diffSources } from "../harness/pyast_diff.ts";
import { parse, printAst } from "../../src/syntax/index.ts";
import type { Module, Stmt } from "../../src/syntax/ast.ts";

const SNIPPETS: Record<string, string> = {
  funcs: "def f(a, b=1, *args, c, d=2, **kw) -> int:\n    return a\nasync def g(x, /, y, *, z): await x\n",
  posonly: "def f(a, b=2, /, c=3, *, d, e=5, **k): pass\nlambda a, /, b=1, *c, d, **e: a\nlambda: 0\nlambda *, k: k\n",
  annotations: "def f(a: int, *b: str, c: 'x' = 1, **d: A[B][C]) -> A[B][C]: ...\nx: int\n(y): int = 2\na.b: list[int] = []\nz: A[1:2]\n",
  decorators: "@a\n@b.c(1, k=2)\ndef f(): pass\n@d\nclass C(A, B, metaclass=M, **kw):\n    x = 1\n    def m(self): return self\n",
  ifs: "if a:\n    pass\nelif b:\n    x = 1\nelif c: y = 2\nelse:\n    z = 3\nif q: pass\n",
  loops: "for i in range(10):\n    if i: break\n    else: continue\nelse:\n    pass\nwhile x:\n    x -= 1\nelse: y = 0\nfor a, (b, c) in d: pass\nfor [e, *f] in g: pass\n",
  async_: "async def f():\n    async for x in y: pass\n    async with a as b, c: pass\n    return [i async for i in x]\n",
  trys: "try:\n    a\nexcept E:\n    b\nexcept (F, G) as e:\n    c\nexcept:\n    d\nelse:\n    e\nfinally:\n    f\ntry: pass\nfinally: pass\n",
  trystar: "try:\n    a\nexcept* E as e:\n    b\nexcept* (F, G):\n    c\n",
  withs: "with a: pass\nwith a as b, c as (d, e): pass\nwith (a as b, c as d,): pass\nwith (a, b): pass\nwith (\n    m() as x\n): pass\n",
  raises: "raise\nraise E\nraise E('x') from None\nassert x\nassert x, 'msg'\ndel a, b[0], c.d\ndel (e, f)\n",
  scopes: "def f():\n    global a, b\n    def g():\n        nonlocal c\n",
  imports: "import a\nimport a.b.c as d, e\nfrom x import y\nfrom x.y import (a as b, c,)\nfrom . import z\nfrom ..p import *\nfrom ... import q\nfrom __future__ import annotations\n",
  assigns: "a = 1\na = b = c = 2\na, b = b, a\n[a, *b] = c\n*a, b = c\na.b[c] = d\nx += 1\nx //= 2\nx **= 3\nx @= m\nx >>= 1\nx |= y\n(a) = 1\na, = b\n",
  exprstmts: "1, 2\n1, 2,\nx\n...\nf(x)\n",
  boolops: "a and b and c\na or b and c or d\nnot a and not b\na and (b and c)\n(a or b) or c\n",
  compares: "a < b\na < b <= c == d != e > f >= g\na is not b\na not in b\na in b is c\nnot a == b\n",
  binops: "a + b * c - d / e // f % g @ h\na ** b ** c\n-a ** 2\n~1 ^ 1 & 1 | 1 & 1 ^ -1\na << b >> c\n(a + b) * c\n+a - -b\nx = a | b ^ c & d << e + f * g ** h\n",
  unary: "-1\n+x\n~y\nnot z\n- - 1\n",
  calls: "f()\nf(a, b)\nf(a, *b, c=1, **d)\nf(*a, *b, **c, **d)\nf(x for x in y)\nf(a)(b)(c)\nf(a=1, *b)\no.m(1).n[2]\n",
  subscripts: "a[1]\na[1:2]\na[:]\na[::2]\na[1:2:3]\na[1:2, 3]\na[b,]\na[()]\na[1, 2]\na[..., 1]\na[x:=1] if 0 else 0\n",
  lambdas: "f = lambda: 0\ng = lambda x, y=1: x + y\nh = lambda *a, **k: (a, k)\n",
  ifexp: "a if b else c\na if b else c if d else e\n",
  walrus: "if (n := len(a)) > 10: pass\n[y for x in z if (y := f(x))]\n",
  displays: "[]\n[1, 2]\n[*a, b]\n()\n(1,)\n(1, 2)\n{1, 2}\n{*a, b}\n{}\n{1: 2, **d, 3: 4}\n",
  lone_stars: "[*v[1:]]\nx = 1, *v[2:]\n{*a.b}\n[*f(x)]\n[*a[0].c(1)[2]]\n*a[0], b = y\n[*a.b] = y\nx = *a + b,\n[*a ** 2, *b]\n(*a - 1,)\nd[*k]\nd[*k.a]\nd[*k, 1]\n",
  comprehensions: "[x for x in y]\n{x for x in y if x if z}\n{k: v for k, v in d.items()}\n(x for x in y for z in x if z)\n[(a, b) for a in c for b in d]\n",
  yields: "def g():\n    yield\n    yield 1\n    yield 1, 2\n    x = yield\n    y = yield from z\n    await_ = (yield)\n",
  fstrings: "f'a{x}b'\nf'{x!r} {y!s:>10} {z!a}'\nf'{x:{w}.{p}f}'\nf'{x=}'\nf'{x = !s}'\nf'{x=:>5}'\nf'{{}}{x}'\nf''\nf'{x:}'\nf'{a}{b}'\nf'{x:=10}'\nf'''{\nx\n}'''\nrf'\\n{x}'\n",
  concat: "'a' 'b'\n'a' f'{x}' 'c'\nb'x' b'y'\n('a'\n 'b')\n'a' f'' 'b'\nu'x' 'y'\n",
  strings: "'a\\nb'\n\"\\t\\x41\\u00e9\\U0001F600\\101\"\nr'\\n'\nb'\\x00\\n'\nrb'\\d'\nBR'x'\n'''tri\nple'''\n'\\N{EN DASH}'\n'\\d'\n'a\\\nb'\nR'x' f'{1}\\N{BULLET}'\n",
  numbers: "1\n0x1F\n0o17\n0b101\n1_000_000\n1.5\n1e10\n.5\n1.\n1j\n1.5J\n1e-3j\n0\n00\n",
  consts: "True\nFalse\nNone\n...\nx = ...\n",
  classes: "class A: pass\nclass B(A): x: int = 1\nclass C(): pass\nclass D(A, *bases, **kw): pass\n",
  nested: "def f():\n    def g():\n        class H:\n            def i(self):\n                return lambda: [x for x in self]\n        return H\n    return g\n",
  semicolons: "a = 1; b = 2; c = 3\nif x: a; b\n",
  comments: "def f():  # c\n    x = 1  # trailing\n    # inside\n\n# end\nif a:\n    pass\n    # comment after\n# dedented\nx = 2\n",
  continuation: "x = 1 + \\\n    2\ny = (1 +\n     2)\nfrom a import (b,\n    c)\n",
  docstrings: "'''module doc'''\ndef f():\n    \"\"\"func doc\"\"\"\nclass C:\n    'class doc'\n",
  starred: "a, *b = c\nf(*a)\nprint(*a, sep='')\n[*a, *b]\nx = *a, *b\nfor *a, b in c: pass\n",
  match: "match x:\n    case 1: pass\ny = 1\n",
  nonascii: "s = 'é😀'; t = 1\nnom_été = s\n",
  keywords_as_names: "print(x)\nexec('x')\nmatch = 1\ntype = 2\ncase = match\n",
  deep: "x = " + "(".repeat(50) + "1" + ")".repeat(50) + "\ny = " + "1 + ".repeat(300) + "1\n",
};

const STDLIB = "/root/.pyenv/versions/3.11.7/lib/python3.11/";
const STDLIB_FILES = [
  "bisect.py", "heapq.py", "colorsys.py", "fractions.py", "textwrap.py", "string.py", "statistics.py",
  "functools.py", "dataclasses.py", "enum.py", "contextlib.py", "shlex.py", "difflib.py", "tokenize.py",
  "pprint.py", "argparse.py",
];

test("differential: snippets match CPython's ast", async () => {
  const diffs = await diffSources(Object.entries(SNIPPETS).map(([name, source]) => ({ name, source })));
  const bad = [...diffs].filter(([, d]) => d.length).map(([n, d]) => `${n}:\n  ${d.join("\n  ")}`);
  assert.equal(bad.join("\n"), "", "differences from CPython");
  assert.ok(diffs.size >= 40);
});

test("differential: stdlib modules match CPython's ast", async (t) => {
  const present = STDLIB_FILES.filter((f) => existsSync(STDLIB + f));
  if (present.length === 0) { t.skip("CPython 3.11 stdlib not found"); return; }
  const diffs = await diffSources(present.map((f) => ({ name: f, source: readFileSync(STDLIB + f, "utf8") })));
  const bad = [...diffs].filter(([, d]) => d.length).map(([n, d]) => `${n}:\n  ${d.join("\n  ")}`);
  assert.equal(bad.join("\n"), "", "differences from CPython");
});

const file = (text: string) => ({ id: 0 as never, path: "t.py", absPath: "/t.py", text });

test("non-ASCII source: spans are JS string offsets", async () => {
  const text = 's = "é😀"; x = 1';
  const m = await parse(file(text));
  const [s, x] = m.body as Stmt[];
  assert.ok(s && x && x.kind === "Assign");
  assert.equal(text.slice(s.span.start, s.span.end), 's = "é😀"');
  assert.equal(text.slice(x.span.start, x.span.end), "x = 1");
  const v = s.kind === "Assign" ? s.value : null;
  assert.ok(v && v.kind === "Constant" && v.value.t === "str");
  assert.equal(v.value.t === "str" ? v.value.text : null, "é😀");
});

function checkIds(m: Module): void {
  const seen = new Set<number>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) { v.forEach(visit); return; }
    if (typeof v !== "object" || v === null) return;
    const n = v as { id?: unknown };
    if (typeof n.id === "number") {
      assert.ok(!seen.has(n.id), `duplicate id ${n.id}`);
      assert.ok(n.id < m.nodeCount);
      seen.add(n.id);
    }
    for (const x of Object.values(v)) visit(x);
  };
  visit(m.body);
  assert.equal(seen.size, m.nodeCount, "ids are dense");
}

test("ids are unique and dense", async () => {
  for (const src of Object.values(SNIPPETS)) checkIds(await parse(file(src)));
});

test("garbage input never throws", async () => {
  const samples = [
    "", "\n\n", "def", "def f(:", "class", "if x\n  y", "(((", ")))", "x = = 1", "f'{", "'unterminated",
    "\"\"\"never closed", "lambda (x): x", "print 'hi'", "exec 'x'", "a <> b", "10L", "@@@", "for in :",
    "try:\nexcept", "import", "from import", "x: = 1", "\\", "def f(*, **): pass", "async", "await",
    "match x:\n  case [a, *b] if c: pass", "type X = int", "def f[T](x: T): pass", "class C[T]: pass",
    "x = [1, 2", "{1: }", "f(**)", "a[::::]", "0x", "1e", "b'\\xZZ'", "'\\N{'", "f'{x!z}'", "f'{}'",
    "\t\tx\n y", "if 1:\n\tpass\n        pass", "\u0000", "x = 1\r\ny = 2\r\n", "é = 1", "😀",
  ];
  // plus every prefix of a realistic file, which exercises all kinds of MISSING/ERROR nodes
  const real = SNIPPETS["funcs"]! + SNIPPETS["fstrings"]! + SNIPPETS["trys"]! + SNIPPETS["subscripts"]!;
  for (let i = 0; i < real.length; i += 3) samples.push(real.slice(0, i));
  for (const s of samples) {
    const m = await parse(file(s));
    try { checkIds(m); } catch (e) { throw new Error(`on ${JSON.stringify(s)}: ${String(e)}`); }
    printAst(m, file(s));
    const internal = JSON.stringify(m).includes("internal lowering error");
    assert.ok(!internal, `internal lowering error on ${JSON.stringify(s)}`);
  }
});
