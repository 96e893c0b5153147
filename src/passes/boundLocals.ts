/**
 * Pass: no "local is bound" check (`check_bound`, which raises UnboundLocalError) of a boxed
 * local that holds a value on every path to it.
 *
 * irbuild checks every read of a local (`s += i * i` checks i twice); the generic twin of every
 * specialized function is full of them, each a test, a branch and an error path that gcc compiles
 * (a twentieth of the generic tier's compile time on the build benchmark). A forward
 * must-analysis (boundFlags.ts mustAtEntry) finds the obj registers that are non-NULL on every
 * path: after a check of the register, after an op that fails rather than leave its result NULL
 * (a constant, a copy, a call, an attribute load, a built tuple or list, a boxed bool), after a
 * move from a non-NULL register, and on the non-NULL side of a branch_null (a loop's next item).
 * Any other write or emptying of the register (ir written(): `del`, a stolen argument, an
 * unpack, a next() that may end) removes it. The function's entry starts with its parameters
 * known, any other entry with nothing. A guard edge (a deopt) carries what is known: in a split
 * function (cgen/split.ts) the generic half is re-entered holding the obj registers the hot half
 * wrote or borrowed, and the deopt block boxes every typed local (parameters included) that is
 * bound, so an obj register known non-NULL here is non-NULL there too.
 */
import type * as IR from "../ir/types.ts";
import { dropKnown, written, type MustStep } from "./boundFlags.ts";

/** the register an op leaves non-NULL on its normal path, judged on the set `s` before it */
function nonNull(op: IR.Op, s: ReadonlySet<IR.RegId>): IR.RegId | null {
  switch (op.kind) {
    case "check_bound": return op.reg;
    case "const": case "copy": case "box_bool": case "build": case "vcall": case "vcall_method": case "getattr":
      return op.dst;
    case "move": return s.has(op.src) ? op.dst : null;
    // a deopt block's boxing: unconditional, or under a flag and over a value already there
    case "box": return op.ifSet === null || s.has(op.dst) ? op.dst : null;
    case "call_c": return op.err === "null" && op.dst !== null ? op.dst : null;
    default: return null;
  }
}

function step(op: IR.Op, s: ReadonlySet<IR.RegId>): MustStep {
  const r = nonNull(op, s);
  return { kill: written(op), gen: r === null ? [] : [r] };
}

const nonNullSide = (t: IR.Terminator, target: IR.BlockId): readonly IR.RegId[] =>
  t.kind === "branch_null" && target === t.otherwise && target !== t.ifNull ? [t.reg] : [];

export function boundLocals(m: IR.ModuleIR): IR.ModuleIR {
  const funcs = m.funcs.map((f): IR.FuncIR => {
    if (!f.blocks.some((b) => b.ops.some((op) => op.kind === "check_bound"))) return f;
    const params = f.params.map((p) => p.reg).filter((r) => f.regs[r]!.rep === "obj");
    return dropKnown(f, step, (op, s) => op.kind === "check_bound" && s.has(op.reg),
      { edgeGen: nonNullSide, atEntry: params });
  });
  return { ...m, funcs };
}
