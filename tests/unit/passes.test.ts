/**
 * IR passes (src/passes): which self-calls the closed-self-calls pass marks (and which closed
 * bodies get a pure kernel), and the verifier's
 * rejection of a `closed` call whose body is not closed (a negative test: the pass's fact must
 * not survive a later change that makes the body run Python code).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileModule } from "../../src/driver/pipeline.ts";
import { verifyModule } from "../../src/ir/verify.ts";
import type * as IR from "../../src/ir/types.ts";

async function irOf(src: string): Promise<IR.ModuleIR> {
  const file = { id: 0 as never, path: "main.py", absPath: "/main.py", text: src };
  return (await compileModule(file, "main", { all: false, dump: [], verify: true })).ir;
}

const closedCalls = (f: IR.FuncIR): number =>
  f.blocks.reduce((n, b) => n + b.ops.filter((op) => op.kind === "call_direct" && op.closed).length, 0);
const fn = (m: IR.ModuleIR, name: string): IR.FuncIR => m.funcs.find((f) => f.name === name)!;

const SRC = `from spyc import checked

@checked
def fib(n: int) -> int:
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

@checked
def noisy(n: int) -> int:
    if n < 2:
        print(n)
        return n
    return noisy(n - 1) + 1

@checked
def looped(n: int) -> int:
    s = 0
    for i in range(n):
        s += i
    if n < 1:
        return s
    return looped(n - 1) + s

@checked
def other(n: int) -> int:
    return fib(n) + fib(n - 1)

K = 3

@checked
def scaled(n: int) -> int:
    if n < 1:
        return K
    return scaled(n - 1) + K
`;

test("closed-self-calls: a body of arithmetic and self-calls is closed", async () => {
  const m = await irOf(SRC);
  assert.equal(closedCalls(fn(m, "fib")), 2);
  assert.equal(fn(m, "fib").direct?.proof, true);
  assert.equal(fn(m, "fib").direct?.kernel, true);
});

test("closed-self-calls: a closed body reading a module constant is not a pure kernel", async () => {
  const m = await irOf(SRC);
  assert.equal(closedCalls(fn(m, "scaled")), 1);
  assert.ok(!fn(m, "scaled").direct?.kernel);
});

test("verifier: a kernel of a body that is not pure is an error", async () => {
  const m = await irOf(SRC);
  const scaled = fn(m, "scaled");
  const forged: IR.FuncIR = { ...scaled, direct: { ...scaled.direct!, kernel: true } };
  const errs = verifyModule({ ...m, funcs: m.funcs.map((f) => (f === scaled ? forged : f)) });
  assert.ok(errs.some((e) => /kernel/.test(e.message)), JSON.stringify(errs));
});

test("closed-self-calls: generic code, a loop poll or calls of other functions keep the guards", async () => {
  const m = await irOf(SRC);
  for (const name of ["noisy", "looped", "other"]) {
    assert.equal(closedCalls(fn(m, name)), 0, name);
    assert.ok(!fn(m, name).direct?.proof, name);
  }
});

test("verifier: a closed call in a body that is not closed is an error", async () => {
  const m = await irOf(SRC);
  const noisy = fn(m, "noisy");
  const forged: IR.FuncIR = {
    ...noisy,
    direct: { ...noisy.direct!, proof: true },
    blocks: noisy.blocks.map((b) => ({ ...b, ops: b.ops.map((op) => (op.kind === "call_direct" ? { ...op, closed: true } : op)) })),
  };
  const errs = verifyModule({ ...m, funcs: m.funcs.map((f) => (f === noisy ? forged : f)) });
  assert.ok(errs.some((e) => /not closed/.test(e.message)), JSON.stringify(errs));
});

test("verifier: a closed call of another function is an error", async () => {
  const m = await irOf(SRC);
  const other = fn(m, "other");
  const forged: IR.FuncIR = {
    ...other,
    blocks: other.blocks.map((b) => ({ ...b, ops: b.ops.map((op) => (op.kind === "call_direct" ? { ...op, closed: true } : op)) })),
  };
  const errs = verifyModule({ ...m, funcs: m.funcs.map((f) => (f === other ? forged : f)) });
  assert.ok(errs.some((e) => /not a self-call/.test(e.message)), JSON.stringify(errs));
});
