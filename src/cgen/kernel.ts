/**
 * The recursion kernel of a closed, pure function (DirectEntry.kernel, passes/closedSelfCalls.ts):
 * its specialized body once more as a plain C function `pyc_k_*(depth, params) -> result`, whose
 * self-calls call the kernel itself. No status, no proof, no frames, no deopt blocks: a failing
 * guard anywhere abandons the whole run (sets `pyc_kabort` and returns; every level returns at
 * once), and the closed call that started it makes the call the ordinary way instead. That is
 * exact because the body is pure: the abandoned run did nothing anyone can observe. Recursion is
 * paid for as for direct calls (spz_direct_budget; every level gives back what it reserved,
 * also when abandoning), so limits and the C stack checks hold.
 */
import type * as IR from "../ir/types.ts";
import { reachable } from "../ir/cfg.ts";
import { CWriter } from "./writer.ts";
import { KERNEL_ABORT, blockLabel, kernelCall, kernelName, regName } from "./names.ts";
import { CTYPE, emitOp, emitTerm, type FnCtx } from "./emitOp.ts";
import { InternalError } from "../diag/types.ts";

export function kernelSignature(f: IR.FuncIR): string {
  const d = f.direct!;
  const ps = d.params.map((r, i) => `${CTYPE[f.regs[r]!.rep]}k${i}`);
  return `static ${CTYPE[d.ret]}${kernelName(f)}(${["int depth_", ...ps].join(", ")})`;
}

export function emitKernel(w: CWriter, f: IR.FuncIR, m: IR.ModuleIR): void {
  const d = f.direct!;
  const body = reachable(f, d.entry);
  const blocks = f.blocks.filter((b) => body.has(b.id));
  w.open(kernelSignature(f));
  // (an obj register only as a list parameter, borrowed from the caller for the whole run)
  for (const r of f.regs) if (r.rep !== "obj" || d.params.includes(r.id)) w.line(`${CTYPE[r.rep]}${regName(r.id)} = 0;`);
  d.params.forEach((r, i) => w.line(`${regName(r)} = k${i};`));
  w.line(`goto ${blockLabel(d.entry)};`);
  const cx: FnCtx = {
    f, m, handler: null, spzRet: false,
    rep: (r) => f.regs[r]!.rep,
    onErr: () => { throw new InternalError(`kernel of ${f.qualname}: an op that can raise`); },
    site: () => { throw new InternalError(`kernel of ${f.qualname}: an op with an inline cache`); },
    stat: () => "",
    jump: (t) => `goto ${blockLabel(t)};`,
    isSplit: () => false,
    callerLine: () => 0,
    fresh: () => false, // no obj registers
  };
  const aborts = new Set<IR.BlockId>();
  for (const b of blocks) {
    w.label(blockLabel(b.id));
    for (const op of b.ops) {
      if (op.kind === "call_direct") {
        // spend budget as a direct call does; give it back before looking at the outcome
        w.open();
        w.line("int rsv_ = 0, dep_ = spz_direct_budget(depth_, &rsv_);");
        w.line("if (SPZ_UNLIKELY(dep_ == 0)) goto kabort_;");
        w.line(`${regName(op.dst)} = ${kernelCall(f, "dep_ - 1", op.args.map(regName))}; spz_direct_release(rsv_);`);
        w.line(`if (SPZ_UNLIKELY(${KERNEL_ABORT})) return 0;`);
        w.close();
        continue;
      }
      if ("onFail" in op) aborts.add(op.onFail);
      emitOp(w, op, cx);
    }
    if (b.term.kind === "return") w.line(`return ${regName(b.term.value)};`);
    else emitTerm(w, b.term, cx);
  }
  // every deopt edge of the body abandons the run
  for (const t of aborts) w.line(`${blockLabel(t)}: __attribute__((cold)); goto kabort_;`);
  w.label("kabort_");
  w.line(`${KERNEL_ABORT} = 1;`);
  w.line("return 0;");
  w.close();
  w.line();
}
