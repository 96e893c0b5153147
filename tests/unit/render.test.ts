/**
 * diag/render.ts: header format (1-based line, 1-based code-point column), caret placement with
 * tabs, non-ASCII and wide characters, clipping of multi-line spans, colours on/off; and the
 * message catalogue's invariants (unique codes, PYC#### formatting).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { colorEnabled, renderAll, renderDiagnostic, summarize } from "../../src/diag/render.ts";
import { Msg, formatCode } from "../../src/diag/messages.ts";
import type { Diagnostic, Severity } from "../../src/diag/types.ts";
import type { FileId, SourceFile } from "../../src/syntax/source.ts";

const file = (text: string): SourceFile => ({ id: 0 as FileId, path: "m.py", absPath: "/m.py", text });
const at = (f: SourceFile, start: number, end: number, severity: Severity = "error"): Diagnostic =>
  ({ file: f, span: { start, end }, code: 1000, severity, message: "bad" });
const lines = (d: Diagnostic) => renderDiagnostic(d, { color: false }).split("\n");

test("header, source line and caret under a plain span", () => {
  const f = file("x = 1\ny = foo(2)\n");
  const s = f.text.indexOf("foo");
  assert.deepEqual(lines(at(f, s, s + 3)), [
    "m.py:2:5: error PYC1000: bad",
    " 2 | y = foo(2)",
    "   |     ^~~",
  ]);
});

test("tabs are copied into the caret padding so the caret lines up", () => {
  const f = file("if x:\n\t\tz = a $ b\n");
  const s = f.text.indexOf("$");
  const [head, src, caret] = lines(at(f, s, s + 1));
  assert.equal(head, "m.py:2:9: error PYC1000: bad");
  assert.equal(src, " 2 | \t\tz = a $ b");
  assert.equal(caret, "   | \t\t      ^");
});

test("non-ASCII: column counts code points; caret pads by display width", () => {
  const f = file("s = 'é😀中' + )\n");
  const s = f.text.indexOf(")");
  const [head, , caret] = lines(at(f, s, s + 1));
  // s,=,' ',',é,😀,中,',' ',+,' ' are 12 code points before ')'; 😀 and 中 are two cells wide
  assert.equal(head, "m.py:1:13: error PYC1000: bad");
  assert.equal(caret, "   | " + " ".repeat(14) + "^");
  const e = f.text.indexOf("é");
  assert.equal(lines(at(f, e, e + 4))[2], "   |      ^~~~~", "é, 😀, 中: 1 + 2 + 2 cells");
});

test("multi-line span is clipped to the end of its first line; empty span gets one caret", () => {
  const f = file("a = (1,\n     2)\n");
  assert.deepEqual(lines(at(f, 4, f.text.length)).slice(1), [" 1 | a = (1,", "   |     ^~~"]);
  assert.equal(lines(at(f, 7, 7))[2], "   |        ^", "at the newline: just after the last char");
  assert.equal(lines(at(f, 2, 2))[2], "   |   ^");
});

test("CRLF, BOM and control characters", () => {
  const f = file("\uFEFFx = 1\r\ny = \0\r\n");
  assert.deepEqual(lines(at(f, 1, 2)), ["m.py:1:1: error PYC1000: bad", " 1 | x = 1", "   | ^"]);
  const nul = f.text.indexOf("\0");
  assert.deepEqual(lines(at(f, nul, nul + 1)).slice(1), [" 2 | y = \u2400", "   |     ^"]);
});

test("diagnostics without span or file; notes and warnings; renderAll and summarize", () => {
  const f = file("x\n");
  const noFile: Diagnostic = { file: null, span: null, code: Msg.PythonNotFound.code, severity: "error", message: "no python" };
  assert.equal(renderDiagnostic(noFile, { color: false }), "spyc: error PYC5020: no python");
  assert.equal(renderDiagnostic({ ...noFile, file: f }, { color: false }), "m.py: error PYC5020: no python");
  assert.equal(lines(at(f, 0, 1, "note"))[0], "m.py:1:1: note PYC1000: bad");
  const all = [at(f, 0, 1, "warning"), noFile];
  assert.equal(renderAll(all, { color: false }), `${renderDiagnostic(all[0]!, { color: false })}\n${renderDiagnostic(noFile, { color: false })}\n`);
  assert.equal(renderAll([]), "");
  assert.equal(summarize([...all, at(f, 0, 1, "note")]), "1 error, 1 warning");
});

test("colours: forced on/off, NO_COLOR, TTY", () => {
  const f = file("x\n");
  assert.match(renderDiagnostic(at(f, 0, 1), { color: true }), /\x1b\[1;31merror\x1b\[0m/);
  assert.doesNotMatch(renderDiagnostic(at(f, 0, 1), { color: false }), /\x1b/);
  assert.equal(colorEnabled({ isTTY: true }, {}), true);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: "1" }), false);
  assert.equal(colorEnabled({ isTTY: true }, { NO_COLOR: "" }), true);
  assert.equal(colorEnabled({ isTTY: false }, {}), false);
});

test("catalogue: codes are unique, formatted PYC####", () => {
  const codes = Object.values(Msg).map((m) => m.code);
  assert.equal(new Set(codes).size, codes.length);
  assert.equal(formatCode(42), "PYC0042");
  assert.equal(formatCode(Msg.AnnotationNameRebound.code), "PYC2001");
});
