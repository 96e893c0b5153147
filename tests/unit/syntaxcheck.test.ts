/**
 * driver/syntaxcheck.ts on every CPython 3.11–3.13 that findPythons() finds: CPython's verdict and
 * message come through, and its (line, code-point column) positions land on the right JS offsets
 * of our SourceFile, including after non-ASCII and astral characters, CRLF and a BOM.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkSyntax } from "../../src/driver/syntaxcheck.ts";
import { findPythons, probePython, type PyInfo } from "../../src/driver/pyinfo.ts";
import type { FileId, SourceFile } from "../../src/syntax/source.ts";
import type { Diagnostic } from "../../src/diag/types.ts";

const pythons: PyInfo[] = [];
for (const exe of await findPythons()) {
  const r = await probePython(exe);
  if (r.ok) pythons.push(r.py);
}

let nextId = 0;
const src = (text: string): SourceFile => ({ id: nextId++ as FileId, path: `t${nextId}.py`, absPath: `/t${nextId}.py`, text });
const spanText = (f: SourceFile, d: Diagnostic) => f.text.slice(d.span!.start, d.span!.end);
const errorsOf = (ds: Diagnostic[], f: SourceFile) => ds.filter((d) => d.file === f && d.severity === "error");

test("found at least one interpreter", () => assert.ok(pythons.length >= 1));

for (const py of pythons) {
  const v = py.version.join(".");

  test(`${v}: valid files give no diagnostics; one process checks many files`, async () => {
    const files = [src("x = 1\n"), src("def f(a: int) -> int:\n    return a + 1\n"), src("")];
    assert.deepEqual(await checkSyntax(py, files), []);
  });

  test(`${v}: syntax error with CPython's message and span`, async () => {
    const f = src("x = 1\ny = (2 +\n    3]\n");
    const [d, ...rest] = errorsOf(await checkSyntax(py, [f]), f);
    assert.deepEqual(rest, []);
    assert.equal(d!.code, 1000);
    assert.match(d!.message, /closing parenthesis '\]' does not match opening parenthesis '\('/);
    assert.equal(spanText(f, d!), "]");
  });

  test(`${v}: an error whose line starts with a brace or a bracket, and quotes, backslashes and control characters in it`, async () => {
    const f = src("x = 1\n{1: \"a\\\"\u0001\n");
    const [d, ...rest] = errorsOf(await checkSyntax(py, [f]), f);
    assert.deepEqual(rest, []);
    assert.equal(d!.code, 1000, d!.message);
    assert.ok(d!.span !== null && f.text.slice(0, d!.span.start).split("\n").length === 2, "on line 2");
  });

  test(`${v}: IndentationError and TabError get PYC1002`, async () => {
    const a = src("def f():\nreturn 1\n");
    const b = src("if 1:\n\tx = 1\n        y = 2\n");
    const ds = await checkSyntax(py, [a, b]);
    const [da] = errorsOf(ds, a), [db] = errorsOf(ds, b);
    assert.equal(da!.code, 1002);
    assert.match(da!.message, /expected an indented block/);
    assert.equal(spanText(a, da!), "return");
    assert.equal(db!.code, 1002);
    assert.match(db!.message, /inconsistent use of tabs and spaces/);
    assert.equal(db!.span!.start, b.text.indexOf("        y"));
  });

  test(`${v}: Python 2 print statement`, async () => {
    const f = src("import sys\nprint x\n");
    const [d] = errorsOf(await checkSyntax(py, [f]), f);
    assert.match(d!.message, /Missing parentheses in call to 'print'/);
    assert.equal(spanText(f, d!), "print x");
  });

  test(`${v}: columns after non-ASCII and astral characters map to JS offsets`, async () => {
    const a = src("# café\nnom = 'été' $ 3\n");
    const b = src("s = '😀😀' + )\n");
    const c = src("\uFEFFé = 1\r\nx = 'ü' 1\r\n");
    const ds = await checkSyntax(py, [a, b, c]);
    assert.equal(spanText(a, errorsOf(ds, a)[0]!), "$");
    assert.equal(spanText(b, errorsOf(ds, b)[0]!), ")");
    const dc = errorsOf(ds, c)[0]!;
    assert.equal(dc.span!.start, c.text.indexOf("1\r\n", 8));
  });

  test(`${v}: f-string errors point into the line`, async () => {
    const f = src("x = f'{é +}'\n");
    const [d] = errorsOf(await checkSyntax(py, [f]), f);
    const s = d!.span!;
    assert.ok(s.start >= f.text.indexOf("{") && s.end <= f.text.indexOf("'", 6) + 1, JSON.stringify(s));
  });

  test(`${v}: null bytes are an error placed at the NUL`, async () => {
    const f = src("a = 1\nb\0 = 2\n");
    const [d] = errorsOf(await checkSyntax(py, [f]), f);
    assert.match(d!.message, /null bytes/);
    assert.equal(d!.span!.start, f.text.indexOf("\0"));
  });

  test(`${v}: compile-time warnings become PYC1010 warnings`, async () => {
    const f = src("x = 1\ny = '\\d'\n");
    const ds = await checkSyntax(py, [f]);
    assert.equal(ds.length, 1);
    assert.equal(ds[0]!.severity, "warning");
    assert.match(ds[0]!.message, /invalid escape sequence/);
    assert.equal(spanText(f, ds[0]!), "y = '\\d'");
  });
}

test("a broken interpreter is one diagnostic, not a throw", async () => {
  const fake: PyInfo = { ...pythons[0]!, exe: "/nonexistent/python3" };
  const ds = await checkSyntax(fake, [src("x = 1\n")]);
  assert.equal(ds.length, 1);
  assert.equal(ds[0]!.code, 5024);
});
