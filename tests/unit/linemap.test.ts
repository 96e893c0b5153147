/**
 * syntax/source.ts LineMap: 1-based lines, 0-based JS-string columns, round trips, CRLF,
 * a missing final newline, and non-ASCII text (offsets are UTF-16 units, not bytes or code points).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { LineMap } from "../../src/syntax/source.ts";

test("lines and columns", () => {
  const lm = new LineMap("ab\ncde\n\nf");
  assert.deepEqual([0, 1, 2, 3, 5, 6, 7, 8, 9].map((o) => [lm.line(o), lm.col(o)]),
    [[1, 0], [1, 1], [1, 2], [2, 0], [2, 2], [2, 3], [3, 0], [4, 0], [4, 1]]);
  assert.deepEqual([1, 2, 3, 4].map((l) => lm.lineText(l)), ["ab", "cde", "", "f"]);
});

test("offset is the inverse of line/col", () => {
  const text = "def f(x):\n    return x + 1\n\n# end\n";
  const lm = new LineMap(text);
  for (let o = 0; o <= text.length; o++) assert.equal(lm.offset(lm.line(o), lm.col(o)), o);
});

test("CRLF: the CR is not part of the line text", () => {
  const lm = new LineMap("a = 1\r\nb = 2\r\n");
  assert.equal(lm.lineText(1), "a = 1");
  assert.equal(lm.lineText(2), "b = 2");
  assert.equal(lm.line(7), 2);
  assert.equal(lm.col(7), 0);
});

test("empty text and past-the-end", () => {
  const lm = new LineMap("");
  assert.equal(lm.line(0), 1);
  assert.equal(lm.col(0), 0);
  assert.equal(lm.lineText(1), "");
  const lm2 = new LineMap("x\n");
  assert.equal(lm2.line(2), 2, "the offset after the final newline starts an empty line");
  assert.equal(lm2.lineText(5), "", "a line past the end is empty, not an error");
});

test("non-ASCII: columns are UTF-16 units (an astral char counts 2)", () => {
  const text = "é = '😀'\nz = 中\n";
  const lm = new LineMap(text);
  const q = text.lastIndexOf("'");
  assert.equal(lm.col(q), 7); // é, ' ', =, ' ', ', then 😀 is two units
  const z = text.indexOf("中");
  assert.deepEqual([lm.line(z), lm.col(z)], [2, 4]);
  assert.equal(lm.lineText(1), "é = '😀'");
});
