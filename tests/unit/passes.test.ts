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
import { handlerClears } from "../../src/passes/handlerClears.ts";

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

// ---- layout guards (passes/layoutGuards.ts) and bound flags (passes/boundFlags.ts) ----

const OBJ_SRC = `from spyc import checked, record

@record
class B:
    x: float
    vx: float
    m: float

def noise() -> None:
    pass

@checked
def step(bs: list[B], dt: float) -> float:
    t = 0.0
    for b in bs:
        b.vx = b.vx + dt * b.m
        b.x += dt * b.vx
        t += b.x
    return t

@checked
def split(bs: list[B], dt: float) -> float:
    t = 0.0
    for b in bs:
        t += b.x * b.m
        noise()
        t += b.vx * b.m
    return t
`;

/** the verifier's errors for m with f's blocks replaced */
const verifyWithBlocks = (m: IR.ModuleIR, f: IR.FuncIR, blocks: IR.Block[]) => verifyModule({ ...m, funcs: m.funcs.map((x) => (x === f ? { ...f, blocks } : x)) });
const ops = (f: IR.FuncIR): IR.Op[] => f.blocks.flatMap((b) => b.ops);
const covered = (f: IR.FuncIR): IR.Op[] => ops(f).filter((op) => (op.kind === "slot_get" || op.kind === "slot_set") && op.layout);

test("layout-guards: one guard covers every field access of a stretch without Python code", async () => {
  const f = fn(await irOf(OBJ_SRC), "step");
  const guards = ops(f).filter((op) => op.kind === "layout_guard");
  assert.equal(guards.length, 1);
  const g = guards[0] as Extract<IR.Op, { kind: "layout_guard" }>;
  assert.equal(g.objs.length, 1);
  // vx read and stored, m read, x read and stored: one entry (offset) per field
  assert.deepEqual(g.objs[0]!.fields.map((x) => [x.read, x.store]), [[true, "f64"], [true, null], [true, "f64"]]);
  const accesses = ops(f).filter((op) => op.kind === "slot_get" || op.kind === "slot_set");
  assert.ok(accesses.length >= 5 && accesses.every((op) => "layout" in op && op.layout), "every access covered");
  // the guard sits right before the first access and deopts where it does
  const b = f.blocks.find((x) => x.ops.includes(g))!;
  const next = b.ops[b.ops.indexOf(g) + 1]!;
  assert.ok(next.kind === "slot_get" && next.onFail === g.onFail);
});

test("layout-guards: a call ends the stretch (a guard on each side)", async () => {
  const f = fn(await irOf(OBJ_SRC), "split");
  assert.equal(ops(f).filter((op) => op.kind === "layout_guard").length, 2);
  assert.equal(covered(f).length, 4);
});

test("verifier: a covered access after an op that may run Python code is an error", async () => {
  const m = await irOf(OBJ_SRC);
  const f = fn(m, "step");
  // move a poll (signal handlers: Python code) right after the guard
  const blocks = f.blocks.map((b) => {
    const i = b.ops.findIndex((op) => op.kind === "layout_guard");
    if (i < 0) return b;
    const o = [...b.ops];
    o.splice(i + 1, 0, { kind: "poll", line: 1 });
    return { ...b, ops: o };
  });
  const errs = verifyWithBlocks(m, f, blocks);
  assert.ok(errs.some((e) => /does not hold here/.test(e.message)), JSON.stringify(errs));
});

test("verifier: a covered access naming another field than its guard entry is an error", async () => {
  const m = await irOf(OBJ_SRC);
  const f = fn(m, "step");
  const blocks = f.blocks.map((b) => ({
    ...b, ops: b.ops.map((op) => (op.kind === "slot_get" && op.layout ? { ...op, layout: { ...op.layout, field: (op.layout.field + 1) % 2 } } : op)),
  }));
  const errs = verifyWithBlocks(m, f, blocks);
  assert.ok(errs.some((e) => /does not match/.test(e.message)), JSON.stringify(errs));
});

test("verifier: a covered store after a store that is not covered is an error (its release may run a finalizer)", async () => {
  const m = await irOf(OBJ_SRC);
  const f = fn(m, "step");
  let first = true;
  const blocks = f.blocks.map((b) => ({
    ...b, ops: b.ops.map((op) => {
      if (op.kind !== "slot_set" || !first) return op;
      first = false;
      const { layout: _l, ...plain } = op;
      return plain;
    }),
  }));
  const errs = verifyWithBlocks(m, f, blocks);
  assert.ok(errs.some((e) => /does not hold here/.test(e.message)), JSON.stringify(errs));
});

const FLAG_SRC = `from spyc import checked

@checked
def nested(n: int) -> float:
    s = 0.0
    for i in range(n):
        x = i * 0.5
        for j in range(n):
            s += x * j
    return s

@checked
def maybe(n: int) -> float:
    s = 0.0
    for i in range(n):
        if i > 2:
            y = i * 1.5
        s += y
    return s
`;

const flagGuards = (f: IR.FuncIR): number => ops(f).filter((op) => op.kind === "guard" && op.text === "$0").length;

test("bound-flags: a local assigned on every path needs no bound guard", async () => {
  const m = await irOf(FLAG_SRC);
  assert.equal(flagGuards(fn(m, "nested")), 0);
});

test("bound-flags: a local assigned on some paths keeps its guard", async () => {
  const m = await irOf(FLAG_SRC);
  assert.ok(flagGuards(fn(m, "maybe")) >= 1);
});

test("layout-guards: a store after a read of the same float field is known (checks nothing)", async () => {
  const f = fn(await irOf(OBJ_SRC), "step");
  const stores = ops(f).filter((op) => op.kind === "slot_set" && op.layout);
  const known = (op: IR.Op): boolean => (op.kind === "slot_set" || op.kind === "slot_get") && !!op.layout?.known;
  assert.ok(stores.length === 2 && stores.every(known), "b.vx = b.vx + ... and b.x += ...: stores after reads");
  const firstRead = ops(f).find((op) => op.kind === "slot_get" && op.layout)!;
  assert.ok(!known(firstRead));
});

test("verifier: a known access with no earlier access of its field in the stretch is an error", async () => {
  const m = await irOf(OBJ_SRC);
  const f = fn(m, "step");
  const blocks = f.blocks.map((b) => ({
    ...b, ops: b.ops.map((op) => (op.kind === "slot_get" && op.layout ? { ...op, layout: { ...op.layout, known: true as const } } : op)),
  }));
  const errs = verifyWithBlocks(m, f, blocks);
  assert.ok(errs.some((e) => /known slot type/.test(e.message)), JSON.stringify(errs));
});

test("verifier: a builtin guard between a layout guard and its accesses voids it (its lookup may run Python code)", async () => {
  const m = await irOf(OBJ_SRC);
  const f = fn(m, "step");
  const blocks = f.blocks.map((b) => {
    const i = b.ops.findIndex((op) => op.kind === "layout_guard");
    if (i < 0) return b;
    const g = b.ops[i] as Extract<IR.Op, { kind: "layout_guard" }>;
    const o = [...b.ops];
    o.splice(i + 1, 0, { kind: "guard_builtin", name: g.objs[0]!.fields[0]!.name, which: "len", onFail: g.onFail, line: g.line });
    return { ...b, ops: o };
  });
  const errs = verifyWithBlocks(m, f, blocks);
  assert.ok(errs.some((e) => /does not hold here/.test(e.message)), JSON.stringify(errs));
});

const HANDLERS = `
def g(*a):
    return a

def in_try(x):
    try:
        g(1, 2, 1 // x)
    except ZeroDivisionError:
        pass
    return 0

def loop_try(xs):
    n = 0
    for x in xs:
        try:
            n += len(g(x, 10 // x))
        except ZeroDivisionError:
            n -= 1
    return n
`;

test("handler-clears: a handler first clears the temporaries its try body left, newest first", async () => {
  const file = { id: 0 as never, path: "main.py", absPath: "/main.py", text: HANDLERS };
  const m = (await compileModule(file, "main", { all: true, dump: [], verify: true })).ir;
  for (const name of ["in_try", "loop_try"]) {
    const f = fn(m, name);
    const handlers = new Set(f.blocks.flatMap((b) => (b.handler !== null ? [b.handler] : [])));
    const dispatch = f.blocks.find((b) => handlers.has(b.id) && b.label === "except.dispatch")!;
    const lead = dispatch.ops.slice(0, dispatch.ops.findIndex((op) => op.kind !== "clear"));
    const regs = lead.map((op) => (op.kind === "clear" ? op.reg : -1));
    // `g` and the operands evaluated before `1 // x` failed are pending there
    assert.ok(regs.length >= 2, `${name}: ${regs.length} clears`);
    assert.deepEqual(regs, [...regs].sort((a, b) => b - a), `${name}: newest first`);
    for (const r of regs) assert.equal(f.regs[r]!.local, null, `${name}: r${r} is a temporary`);
    if (name === "loop_try") {
      // the loop's iterator is live at the handler (the loop goes on): never cleared
      const iter = f.blocks.flatMap((b) => b.ops).find((op) => op.kind === "iter_next");
      assert.ok(iter && iter.kind === "iter_next" && !regs.includes(iter.iter), "loop iterator cleared");
    }
  }
});

test("handler-clears: a temporary the handler reads stays; named locals stay; dead temporaries go", () => {
  const R = (n: number) => n as IR.RegId;
  const B = (n: number) => n as IR.BlockId;
  const konst = (dst: number): IR.Op => ({ kind: "const", dst: R(dst), index: 0, line: 1 });
  const block = (id: number, ops: IR.Op[], term: IR.Terminator, handler: number | null): IR.Block =>
    ({ id: B(id), ops, term, handler: handler === null ? null : B(handler), label: "" });
  const regs = Array.from({ length: 6 }, (_, id) => ({ id: R(id), rep: "obj" as const, local: id === 3 ? "x" : null }));
  const f = {
    name: "h", params: [{ reg: R(0) }], regs, entry: B(0),
    blocks: [
      // the protected code: r1, r2, r4 temporaries, r3 a named local
      block(0, [konst(1), konst(2), konst(3)], { kind: "goto", target: B(1) }, 2),
      block(1, [konst(4)], { kind: "return", value: R(4) }, 2),
      // the handler reads r2 (as a `with` block's exit method is read)
      block(2, [{ kind: "call_c", dst: R(5), fn: "f", args: [{ k: "reg", reg: R(2) }], err: "null", line: 2 } as IR.Op], { kind: "return", value: R(5) }, null),
    ],
  } as unknown as IR.FuncIR;
  const out = handlerClears({ funcs: [f] } as unknown as IR.ModuleIR).funcs[0]!;
  const h = out.blocks.find((b) => b.id === 2)!;
  assert.deepEqual(h.ops.filter((op) => op.kind === "clear").map((op) => (op.kind === "clear" ? op.reg : -1)), [4, 1]);
  assert.equal(h.ops[2]!.kind, "call_c");
});
