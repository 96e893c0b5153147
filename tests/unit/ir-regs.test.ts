/**
 * ir/regs.ts: the registers an op mentions are exactly its register fields -- never a line,
 * constant index or function index, always a register inside an operand or a nested record.
 * Then, over whole compiled modules, every register id it reports exists, and every register
 * a function declares as written by some op is reported by that op.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { compileModule } from "../../src/driver/pipeline.ts";
import { opRegs, termRegs } from "../../src/ir/regs.ts";
import type * as IR from "../../src/ir/types.ts";

const R = (n: number) => n as IR.RegId;
const B = (n: number) => n as IR.BlockId;

test("opRegs: register fields only, including operands and layout objects", () => {
  assert.deepEqual(opRegs({ kind: "getattr", dst: R(1), obj: R(2), name: 7, line: 99 }), [1, 2]);
  assert.deepEqual(opRegs({ kind: "str_eq", dst: R(3), obj: R(4), name: 5, other: { k: "reg", reg: R(6) }, neg: false, onFail: B(8), line: 40 }), [3, 4, 6]);
  assert.deepEqual(opRegs({ kind: "str_eq", dst: R(3), obj: R(4), name: 5, other: { k: "const", index: 6 }, neg: false, onFail: B(8), line: 40 }), [3, 4]);
  assert.deepEqual(opRegs({ kind: "dict_item", dst: R(1), dict: R(2), key: { k: "reg", reg: R(9) }, attr: 3, onFail: B(4), line: 5 }), [1, 2, 9]);
  assert.deepEqual(opRegs({ kind: "layout_guard", id: 1, objs: [{ obj: R(11), fields: [] }, { obj: R(12), fields: [] }], onFail: B(2), line: 3 }), [11, 12]);
  assert.deepEqual(opRegs({ kind: "call_c", dst: null, fn: "f", args: [{ k: "reg", reg: R(5) }, { k: "int", value: 3 }, { k: "const", index: 4 }], err: "neg", line: 20 }), [5]);
  assert.deepEqual(opRegs({ kind: "box", dst: R(1), src: R(2), ifSet: R(3), line: 50 }), [1, 2, 3]);
  assert.deepEqual(opRegs({ kind: "guard_direct", func: 4, name: 2, onFail: B(1), line: 9 }), []);
  assert.deepEqual(termRegs({ kind: "branch", cond: R(7), then: B(1), else: B(2) }), [7]);
  assert.deepEqual(termRegs({ kind: "goto", target: B(3) }), []);
  assert.deepEqual(termRegs({ kind: "return", value: R(1), more: [R(2)] }), [1, 2]);
});

test("opRegs over compiled benchmark programs: every id is a register of the function", async () => {
  for (const name of ["orderbook", "stats", "nbody"]) {
    const path = `benchmarks/programs/${name}.py`;
    const file = { id: 0 as never, path, absPath: path, text: readFileSync(path, "utf8") };
    const ir = (await compileModule(file, name, { all: true, dump: [], verify: true })).ir;
    let ops = 0;
    for (const f of ir.funcs) {
      for (const b of f.blocks) {
        for (const op of b.ops) {
          ops++;
          for (const r of opRegs(op)) assert.ok(Number.isInteger(r) && r >= 0 && r < f.regs.length, `${f.name}: ${op.kind} names r${r}`);
          if ("dst" in op && op.dst !== null) assert.ok(opRegs(op).includes(op.dst), `${f.name}: ${op.kind} misses its dst`);
        }
        for (const r of termRegs(b.term)) assert.ok(r < f.regs.length, `${f.name}: terminator names r${r}`);
      }
    }
    assert.ok(ops > 100, `${name}: ${ops} ops`);
  }
});
