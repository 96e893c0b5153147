/**
 * collections.deque and heapq operations of @checked code that the generic lowering gives a C
 * fast path (irbuild/expr.ts, the Ctx's `stdFast`): these decide, from the syntax alone, which
 * sites qualify. Nothing about the receiver is assumed -- each fast path's runtime guard (an
 * exact deque, or an exact list for `append`, CPython's own _heapq function on an exact list;
 * spz/deque.h, spz/heapq.h) decides
 * per call, and a failing guard runs the ordinary generic operation in place.
 */
import type * as A from "../syntax/ast.ts";
import { FAST_METHODS, type FastMethod } from "../ir/types.ts";

const OWNER: Readonly<Record<string, string>> = { popleft: "deque", append: "deque", heappush: "heapq", heappop: "heapq" };

/** `x.popleft()`, `x.append(v)`, `m.heappush(h, v)`, `m.heappop(h)`: positional, no starred argument */
export function fastMethod(e: A.ExprOf<"Call">): FastMethod | null {
  if (e.func.kind !== "Attribute" || e.keywords.length || e.args.some((a) => a.kind === "Starred")) return null;
  const owner = OWNER[e.func.attr];
  if (owner === undefined) return null;
  const m = `${owner}.${e.func.attr}` as FastMethod;
  return FAST_METHODS[m] === e.args.length ? m : null;
}

/** the value of an int literal index (`q[0]`, `q[-1]`) small enough for a C Py_ssize_t constant */
export function constIndex(e: A.Expr): number | null {
  const neg = e.kind === "UnaryOp" && e.op === "USub";
  const k = neg ? e.operand : e;
  if (k.kind !== "Constant" || k.value.t !== "int" || !/^[0-9]{1,9}$/.test(k.value.py)) return null;
  const v = Number(k.value.py);
  return neg ? -v : v;
}
