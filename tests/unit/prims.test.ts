/**
 * The primitive table (src/prims/table.ts): every helper it names is defined in the runtime
 * headers with the `int fn(operands..., T *out)` shape irbuild emits, rows are unique, and facts,
 * irbuild and cgen agree with it (typing, lowering, guard names).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PRIMS, prim, primByHelper, binOps, mathFns } from "../../src/prims/table.ts";
import { describeGuard } from "../../src/cgen/stats.ts";
import type * as IR from "../../src/ir/types.ts";

const HDR = join(import.meta.dirname, "../../specializer/include/spz");
const headers = readdirSync(HDR).filter((f) => f.endsWith(".h")).map((f) => readFileSync(join(HDR, f), "utf8")).join("\n");
const CTYPE = { i64: "int64_t", f64: "double" } as const;

test("every helper exists in the runtime headers with the operands and result the row says", () => {
  for (const p of PRIMS) {
    if (!("helper" in p.c)) continue;
    const m = new RegExp(`static inline int ${p.c.helper}\\(([^)]*)\\)`).exec(headers);
    assert.ok(m, `${p.c.helper} is not defined in specializer/include/spz/*.h`);
    // "int64_t a" -> "int64_t", "int64_t *r" -> "int64_t *"
    const params = m[1]!.split(",").map((x) => x.trim().replace(/^(.*?)\s*(\*?)\s*\w+$/, (_, t: string, star: string) => (star ? `${t} *` : t)));
    assert.deepEqual(params, [...p.operands.map((o) => CTYPE[o]), `${CTYPE[p.result]} *`], `${p.c.helper}'s signature`);
    assert.ok(p.guard, `${p.c.helper} can fail: its row names the guard`);
  }
});

test("inline rows use only their operands; they fail only through their check, which names its guard", () => {
  const uses = (text: string): number[] => [...text.matchAll(/\$(\d)/g)].map((m) => Number(m[1]));
  for (const p of PRIMS) {
    if (!("expr" in p.c)) continue;
    assert.ok(uses(p.c.expr).every((i) => i < p.operands.length), `${p.op}: ${p.c.expr}`);
    if (!p.check) { assert.equal(p.guard, null, `${p.op} cannot fail`); continue; }
    // a check after the expression also sees the result, as $n after the n operands
    assert.ok(uses(p.check.text).every((i) => i < p.operands.length + (p.check!.after ? 1 : 0)), `${p.op}: ${p.check.text}`);
    assert.ok(p.guard, `${p.op}'s check names its guard`);
  }
});

test("rows are unique and looked up by operation and by helper", () => {
  const keys = PRIMS.map((p) => `${p.op}(${p.operands.join(",")})`);
  assert.equal(new Set(keys).size, keys.length);
  assert.equal(prim("Add", ["i64", "i64"])?.result, "i64");
  assert.equal(prim("Div", ["i64", "i64"]), undefined); // int / int: its own exactness guard, not a row
  assert.equal(primByHelper("spz_f64_div")?.op, "Div");
  assert.deepEqual([...binOps("f64")].sort(), ["Add", "Div", "FloorDiv", "Mod", "Mult", "Sub"]);
  assert.ok(binOps("i64").has("BitXor") && !binOps("i64").has("Div"));
  assert.equal(mathFns().get("floor"), "i64");
  assert.equal(mathFns().get("sqrt"), "f64");
});

test("cgen names a helper's or a check's guard failure with the row's words", () => {
  const why = { kind: "guard", text: "!($0 < 0.0)", args: [], onFail: 0, line: 1, why: prim("math.sqrt", ["f64"])!.guard } as unknown as IR.Op;
  assert.equal(describeGuard(why, { regs: [] } as unknown as IR.FuncIR, { consts: [] } as unknown as IR.ModuleIR, "fail" as never), "math.sqrt() of a non-negative float");
  for (const p of PRIMS) {
    if (!("helper" in p.c)) continue;
    const op = { kind: "guarded", dst: 0, fn: p.c.helper, args: [], onFail: 0, line: 1 } as unknown as IR.Op;
    assert.equal(describeGuard(op, { regs: [] } as unknown as IR.FuncIR, { consts: [] } as unknown as IR.ModuleIR, "fail" as never), p.guard);
  }
});
