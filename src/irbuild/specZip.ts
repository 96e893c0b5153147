/**
 * Typed `for a, b in zip(xs, ys)` and `for i, x in enumerate(xs)` over lists (facts/classify.ts
 * decides which loops qualify): an index loop instead of a zip object and a tuple per item.
 *
 * Exactness: zip asks each list iterator in turn, and a list iterator yields item i while
 * i < len(list) at that moment; no code runs between those checks here, so `i < len(xs) &&
 * i < len(ys)` is the same decision. Each item is unboxed under a guard; a failing guard resumes
 * the generic loop with a zip (or enumerate) object over list iterators positioned at i, which
 * yields what the remaining iterations of the original would have (spz_zip_resume).
 */
import type * as A from "../syntax/ast.ts";
import type * as IR from "../ir/types.ts";
import type { ZipFor } from "../facts/types.ts";
import { InternalError } from "../diag/types.ts";
import { type IterLoop, type SCtx, SIZE, assign, cx, deopt, deoptBlock, resumeIter, seqReg } from "./specCtx.ts";
import { isSliceLocal } from "../facts/slices.ts";

type Rest = (c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, blocks: { head: IR.Block; orelse: IR.Block; end: IR.Block }, iter: IterLoop) => void;

export function zipFor(c: SCtx, s: A.StmtOf<"For" | "AsyncFor">, z: ZipFor, ln: number, rest: Rest): void {
  const b = c.b;
  b.emit({ kind: "guard_builtin", name: b.consts.str(z.fn), which: z.fn, onFail: deopt(c), line: ln });
  // the sequences are evaluated once, before the loop (as zip() does); a row local must be bound
  // and an exact list, else the whole statement runs generically
  const seqs = z.args.map((a) => {
    const kind = a.from === "param" ? c.lists.get(a.name)!.kind : "list";
    const src = a.from === "param" ? seqReg(c, c.lists.get(a.name)!, ln) : b.local(a.name);
    if (a.from === "row") b.emit({ kind: "guard", text: "$0 != NULL && PyList_CheckExact($0)", args: [src], onFail: deopt(c), line: ln });
    // a slice local is never rebound, and is freed right after the loop (facts/slices.ts)
    if (isSliceLocal(a.name)) return { reg: src, kind, elem: a.elem };
    const reg = b.reg();
    b.emit({ kind: "copy", dst: reg, src, line: ln });
    return { reg, kind, elem: a.elem };
  });
  const genericHead = b.forHeads.get(s.id);
  if (genericHead === undefined) throw new InternalError("zip loop without a generic head", s.span);
  const idx = b.reg("i64");
  b.emit({ kind: "imm", dst: idx, value: "0", line: ln });
  const iter: IterLoop = { kind: "zip", forId: s.id, fn: z.fn, seqs: seqs.map((q) => q.reg), idx };
  const head = b.newBlock("spec.zipfor", null), fetch = b.newBlock("spec.zipitem", null);
  const orelse = b.newBlock("spec.forelse", null), end = b.newBlock("spec.endfor", null);
  b.goto(head); b.setBlock(head);
  b.emit({ kind: "poll", line: ln });
  const more = cx(c, "bool", seqs.map((q, i) => `$0 < ${SIZE[q.kind]}($${i + 1})`).join(" && "), [idx, ...seqs.map((q) => q.reg)], ln);
  b.terminate({ kind: "branch", cond: more, then: fetch.id, else: orelse.id });
  b.setBlock(fetch);
  const atHead = deoptBlock(c, `deopt_zipitem@${ln}`, genericHead, ln, () => resumeIter(c, iter, ln));
  const items = seqs.map((q) => {
    const item = b.reg(q.elem);
    b.emit({ kind: "guarded", dst: item, fn: `spz_${q.kind}_get_${q.elem}`, args: [{ k: "reg", reg: q.reg }, { k: "reg", reg: idx }], onFail: atHead, line: ln });
    return item;
  });
  if (z.fn === "enumerate") {
    const i = b.reg("i64");
    b.emit({ kind: "cexpr", dst: i, text: "$0", args: [idx], line: ln });
    items.unshift(i);
  }
  b.emit({ kind: "cexpr", dst: idx, text: "$0 + 1", args: [idx], line: ln });
  z.targets.forEach((n, i) => assign(c, n, items[i]!, ln));
  rest(c, s, { head, orelse, end }, iter);
}
