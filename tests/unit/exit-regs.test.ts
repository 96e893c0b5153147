/**
 * cgen/exitRegs.ts nullBeforeOps: the temporaries an op writes while they are NULL on every path
 * (cgen stores those without Py_XSETREF). Checked on a small hand-made function: a cleared
 * temporary is NULL again, a loop's back edge and a guard's edge carry what is set, an exception
 * handler starts with everything set, and a named local is never reported. Then, on compiled
 * benchmark programs: only obj temporaries the op mentions, and the C has both kinds of store.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { nullBeforeOps } from "../../src/cgen/exitRegs.ts";
import { compileModule } from "../../src/driver/pipeline.ts";
import { opRegs } from "../../src/ir/regs.ts";
import type * as IR from "../../src/ir/types.ts";

const R = (n: number) => n as IR.RegId;
const B = (n: number) => n as IR.BlockId;
const konst = (dst: number): IR.Op => ({ kind: "const", dst: R(dst), index: 0, line: 1 });

function func(blocks: IR.Block[], locals: Record<number, string> = {}): IR.FuncIR {
  const regs = Array.from({ length: 8 }, (_, id) => ({ id: R(id), rep: "obj" as const, local: locals[id] ?? null }));
  return { params: [{ reg: R(0) }], regs, blocks, entry: B(0) } as unknown as IR.FuncIR;
}
const block = (id: number, ops: IR.Op[], term: IR.Terminator, handler: number | null = null): IR.Block =>
  ({ id: B(id), ops, term, handler: handler === null ? null : B(handler), label: "" });
/** the registers nullBeforeOps reports for op `i` of block `b` (writes only: dst of a const) */
const fresh = (f: IR.FuncIR, b: number, i: number): number[] => [...(nullBeforeOps(f).get(f.blocks[b]!.ops[i]!) ?? [])].sort();

test("nullBeforeOps: cleared temporaries, loops, guard edges, handlers, named locals", () => {
  const guard: IR.Op = { kind: "guard", text: "1", args: [R(3)], onFail: B(2), line: 1 };
  const f = func([
    // entry: r1 set, the guard may leave for block 2, r1 cleared, r2 set
    block(0, [konst(1), guard, { kind: "clear", reg: R(1), line: 1 }, konst(2)], { kind: "goto", target: B(1) }),
    // a loop: r3 is fresh on the first pass only, so it is not fresh; r1 was cleared: fresh
    block(1, [konst(3), konst(1), { kind: "clear", reg: R(1), line: 1 }], { kind: "branch", cond: R(2), then: B(1), else: B(3) }),
    // the guard's target: r1 was set when the guard ran, the guard mentions r3 (it may have set
    // it), r4 never was
    block(2, [konst(1), konst(3), konst(4)], { kind: "branch", cond: R(2), then: B(3), else: B(4) }, 4),
    // r5 fresh; r6 is a named local, never reported
    block(3, [konst(5), konst(6)], { kind: "return", value: R(5) }),
    // an exception handler (also a branch target): anything may be set
    block(4, [konst(7)], { kind: "return", value: R(7) }),
  ], { 6: "x" });
  assert.deepEqual(fresh(f, 0, 0), [1]);
  assert.deepEqual(fresh(f, 0, 3), [2]);
  assert.deepEqual(fresh(f, 1, 0), []);
  assert.deepEqual(fresh(f, 1, 1), [1]);
  assert.deepEqual(fresh(f, 2, 0), []);
  assert.deepEqual(fresh(f, 2, 1), []);
  assert.deepEqual(fresh(f, 2, 2), [4]);
  // block 3 is reached from block 1 (r5 never set) and block 2
  assert.deepEqual(fresh(f, 3, 0), [5]);
  assert.deepEqual(fresh(f, 3, 1), []);
  assert.deepEqual(fresh(f, 4, 0), []);
});

test("nullBeforeOps over compiled programs: obj temporaries the op mentions; the C stores those plainly", async () => {
  for (const name of ["orderbook", "stats", "sieve"]) {
    const path = `benchmarks/programs/${name}.py`;
    const file = { id: 0 as never, path, absPath: path, text: readFileSync(path, "utf8") };
    const res = await compileModule(file, name, { all: true, dump: [], verify: true });
    let nulls = 0;
    for (const f of res.ir.funcs) {
      for (const [op, regs] of nullBeforeOps(f)) {
        for (const r of regs) {
          nulls++;
          assert.equal(f.regs[r]!.rep, "obj", `${f.name}: r${r}`);
          assert.equal(f.regs[r]!.local, null, `${f.name}: r${r} is a named local`);
          assert.ok(opRegs(op).includes(r), `${f.name}: ${op.kind} does not mention r${r}`);
        }
      }
    }
    assert.ok(nulls > 20, `${name}: ${nulls} fresh writes`);
    // the plain stores are there, and the others still release what they replace
    assert.match(res.unit.text, /\br\d+ = t_; \}/);
    assert.match(res.unit.text, /Py_XSETREF\(r\d+, /);
  }
});
