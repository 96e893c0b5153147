/**
 * Call hoisting (A-normal form for direct calls): rewrites a specialized function so that every
 * direct call of a compiled function is a statement of its own, `.tN = f(args)`.
 *
 * Why: specialized code deopts by re-running the current statement in generic code. That is
 * exact only while a statement has no side effects before its guards fail — a call in the middle
 * of an expression would be repeated. As a statement of its own, a call either has not happened
 * yet (guards before it deopt to the statement) or is complete (a boxed result deopts to the code
 * AFTER it, irbuild/spec.ts).
 *
 * The rewrite preserves Python's evaluation order and exceptions: operands evaluated before a
 * call are hoisted before it too (into temporaries), unless they cannot fail (constants and
 * parameters, which are always bound). Calls evaluated conditionally become statements under an
 * `if`: `a if c else f(x)` and `a and f(x)` turn into if-statements assigning a temporary, and
 * `while f(x): …` into `while True:` with the condition re-evaluated (and a `break`) at the top.
 * The facts check (types.ts) rejects what is left: calls inside comparison chains and in the
 * condition of a while that has an else clause. Temporaries are named `.tN`, which no Python
 * identifier can be. The generic code is built from the rewritten body as well, so both twins
 * agree statement by statement.
 */
import type * as A from "../syntax/ast.ts";
import { InternalError } from "../diag/types.ts";
import { someOperand } from "./types.ts";
import { walk } from "../syntax/visit.ts";

export interface AnfResult {
  readonly body: readonly A.Stmt[];
  readonly temps: readonly string[];
  /** ids of the `.tN = f(...)` statements */
  readonly callStmts: ReadonlySet<number>;
}

/** Fresh node ids for synthesized nodes, far above the parser's. */
let nextId = 1 << 30;
const fresh = (): A.NodeId => nextId++ as A.NodeId;

export function hoistCalls(
  body: readonly A.Stmt[], isCall: (e: A.Expr) => boolean, params: ReadonlySet<string>,
  /** `a, b = f(x)` with this statement stays the call statement (a callee returning a tuple in parts) */
  isTupleCall: (s: A.Stmt) => boolean = () => false,
  /** per argument of a direct call: computed into a temporary first (an object argument given by
   * an expression, `rest(book, Order(...))`: the call passes locals, facts/objArgs.ts) */
  heldArgs: (e: A.ExprOf<"Call">) => readonly boolean[] = () => [],
): AnfResult {
  const temps: string[] = [];
  const callStmts = new Set<number>();
  const hasCall = (e: A.Expr): boolean => someOperand(e, isCall);
  const name = (id: string, span: A.Span, ctx: A.ExprContext): A.Expr => ({ kind: "Name", name: id, ctx, id: fresh(), span } as A.Expr);
  const assign = (target: string, value: A.Expr): A.Stmt =>
    ({ kind: "Assign", targets: [name(target, value.span, "Store")], value, id: fresh(), span: value.span } as A.Stmt);
  const temp = (): string => { const t = `.t${temps.length}`; temps.push(t); return t; };

  /** e with its calls replaced by temporaries; the hoisted statements go to `pre`, in order. */
  function lift(e: A.Expr, pre: A.Stmt[]): A.Expr {
    if (!hasCall(e)) return e;
    switch (e.kind) {
      case "Call": {
        let args = liftAll(e.args, pre);
        if (!isCall(e)) return { ...e, args };
        // with every argument before it, in CPython's order (hold keeps parameters and constants)
        const last = heldArgs(e).lastIndexOf(true);
        if (last >= 0) args = args.map((a, i) => (i <= last ? hold(a, pre) : a));
        const t = temp();
        const s = assign(t, { ...e, args });
        callStmts.add(s.id);
        pre.push(s);
        return name(t, e.span, "Load");
      }
      case "BinOp": {
        const [left, right] = liftAll([e.left, e.right], pre);
        return { ...e, left: left!, right: right! };
      }
      case "UnaryOp": return { ...e, operand: lift(e.operand, pre) };
      // `return f(x) + 1, y`: the parts, left to right
      case "Tuple": return { ...e, elts: liftAll(e.elts, pre) };
      case "Subscript": {
        // xs[f(i)]: the container is evaluated before the index, as in CPython
        const [value, slice] = liftAll([e.value, e.slice], pre);
        return { ...e, value: value!, slice: slice! };
      }
      case "Compare": {
        if (e.ops.length > 1 && e.comparators.slice(1).some(hasCall)) return chain(e, pre);
        const [left, ...comparators] = liftAll([e.left, ...e.comparators], pre);
        return { ...e, left: left!, comparators };
      }
      case "IfExp": {
        // t = a if c else b  ->  if c: t = a  else: t = b   (only the chosen branch runs)
        const t = temp();
        const test = lift(e.test, pre);
        pre.push(ifStmt(test, into(t, e.body), into(t, e.orelse), e.span));
        return name(t, e.span, "Load");
      }
      case "BoolOp": {
        // t = a and b  ->  t = a; if t: t = b   (or: if not t); operands are bools here
        const t = temp();
        pre.push(...into(t, e.values[0]!));
        for (const v of e.values.slice(1)) {
          const rest = into(t, v);
          pre.push(ifStmt(name(t, v.span, "Load"), e.op === "And" ? rest : [], e.op === "And" ? [] : rest, v.span));
        }
        return name(t, e.span, "Load");
      }
      default:
        throw new InternalError(`call hoisting: a call inside ${e.kind} passed the facts check`, e.span);
    }
  }

  /**
   * `a < b < f(x)`: a later operand runs only when the comparisons before it held, so it cannot
   * be hoisted in front of them. t = a < b; if t: t = b < f(x) — each operand evaluated once, in
   * order, and the value is that of the last comparison made, as in CPython.
   */
  function chain(e: A.ExprOf<"Compare">, pre: A.Stmt[]): A.Expr {
    const t = temp();
    const hold = (x: A.Expr, out: A.Stmt[]): A.Expr => {
      if (x.kind === "Constant") return x;
      const v = temp();
      out.push(...into(v, x));
      return name(v, x.span, "Load");
    };
    let sink = pre;
    let left = hold(e.left, sink);
    e.ops.forEach((op, i) => {
      const right = hold(e.comparators[i]!, sink);
      sink.push(assign(t, { kind: "Compare", left, ops: [op], comparators: [right], id: fresh(), span: e.span } as A.Expr));
      if (i < e.ops.length - 1) {
        const next: A.Stmt[] = [];
        sink.push(ifStmt(name(t, e.span, "Load"), next, [], e.span));
        sink = next;
      }
      left = right;
    });
    return name(t, e.span, "Load");
  }

  /** statements computing e into temporary t */
  function into(t: string, e: A.Expr): A.Stmt[] {
    const pre: A.Stmt[] = [];
    const v = lift(e, pre);
    return [...pre, assign(t, v)];
  }

  function ifStmt(test: A.Expr, body: A.Stmt[], orelse: A.Stmt[], span: A.Span): A.Stmt {
    return { kind: "If", test, body, orelse, id: fresh(), span } as A.Stmt;
  }

  /** Operands evaluated left to right: everything before the last call-bearing one is hoisted. */
  function liftAll(es: readonly A.Expr[], pre: A.Stmt[]): A.Expr[] {
    let last = -1;
    es.forEach((x, i) => { if (hasCall(x)) last = i; });
    return es.map((x, i) => {
      if (i > last) return x;
      if (hasCall(x)) return lift(x, pre);
      if (x.kind === "Constant" || (x.kind === "Name" && params.has(x.name))) return x;
      const t = temp();
      pre.push(assign(t, x));
      return name(t, x.span, "Load");
    });
  }

  /** a subscript target `xs[...]` whose index holds a call (the container must be a local name) */
  function indexCall(t: A.Expr): boolean {
    return t.kind === "Subscript" && t.value.kind === "Name" && hasCall(t.slice);
  }

  /** x itself when it cannot fail or change (constants, parameters, temporaries), else a temporary holding it */
  function hold(x: A.Expr, pre: A.Stmt[]): A.Expr {
    if (x.kind === "Constant" || (x.kind === "Name" && (params.has(x.name) || x.name.startsWith(".t")))) return x;
    const t = temp();
    pre.push(assign(t, x));
    return name(t, x.span, "Load");
  }

  /**
   * xs[f(i)] as a target: xs is evaluated before the call, so a local container is first read
   * by a bare expression statement (its UnboundLocalError comes before f runs); the index's calls
   * are hoisted, and with `once` the index itself is held in a temporary.
   */
  function indexed(t: A.ExprOf<"Subscript">, pre: A.Stmt[], once: boolean): A.Expr {
    const xs = t.value as A.ExprOf<"Name">;
    if (!params.has(xs.name)) pre.push({ kind: "Expr", value: { ...xs, ctx: "Load", id: fresh() }, id: fresh(), span: xs.span } as A.Stmt);
    const slice = lift(t.slice, pre);
    return { ...t, slice: once ? hold(slice, pre) : slice };
  }

  function stmts(ss: readonly A.Stmt[]): A.Stmt[] {
    return ss.flatMap(stmt);
  }

  function stmt(s: A.Stmt): A.Stmt[] {
    const pre: A.Stmt[] = [];
    switch (s.kind) {
      case "Assign": case "Return": {
        if (s.kind === "Assign" && s.targets.length === 1 && indexCall(s.targets[0]!)) {
          // xs[f(i)] = v: CPython evaluates v, then xs, then the index
          const value = hold(hasCall(s.value) ? lift(s.value, pre) : s.value, pre);
          const target = indexed(s.targets[0] as A.ExprOf<"Subscript">, pre, false);
          return [...pre, { ...s, targets: [target], value }];
        }
        if (!s.value || !hasCall(s.value)) return [s];
        if (s.kind === "Assign" && s.value.kind === "Call" && isTupleCall(s)) {
          // `a, b = f(x)`: the call statement itself (a tuple-returning callee returns its parts)
          const call = { ...s, value: { ...s.value, args: liftAll(s.value.args, pre) } };
          callStmts.add(call.id);
          return [...pre, call];
        }
        const value = lift(s.value, pre);
        return [...pre, { ...s, value }];
      }
      case "AnnAssign": {
        if (!s.value || !hasCall(s.value)) return [s];
        const value = lift(s.value, pre);
        return [...pre, { ...s, value }];
      }
      case "AugAssign": {
        if (indexCall(s.target)) {
          // xs[f(i)] += v: xs, then the index (held once: it is read and stored), then v
          const target = indexed(s.target as A.ExprOf<"Subscript">, pre, hasCall(s.value));
          if (!hasCall(s.value)) return [...pre, { ...s, target }];
          s = { ...s, target };
        }
        if (!hasCall(s.value)) return [s];
        // `x op= f()` loads x before calling f: keep that order (UnboundLocalError first)
        const target = s.target as A.ExprOf<"Name">;
        const [old, value] = liftAll([{ ...target, ctx: "Load" } as A.Expr, s.value], pre);
        const bin = { kind: "BinOp", left: old!, op: s.op, right: value!, id: fresh(), span: s.span } as A.Expr;
        return [...pre, { kind: "Assign", targets: [s.target], value: bin, id: s.id, span: s.span } as A.Stmt];
      }
      case "Expr": {
        if (!hasCall(s.value)) return [s];
        // a direct call's temporary is simply never read; any other call stays a statement
        const value = lift(s.value, pre);
        return isCall(s.value) ? pre : [...pre, { ...s, value }];
      }
      case "If": {
        const test = lift(s.test, pre);
        return [...pre, { ...s, test, body: stmts(s.body), orelse: stmts(s.orelse) }];
      }
      case "While": {
        if (!hasCall(s.test)) return [{ ...s, body: stmts(s.body), orelse: stmts(s.orelse) }];
        // while c: body  ->  while True: (c's calls); if not c: break; body   (no else clause here)
        const test = lift(s.test, pre);
        const always = { kind: "Constant", value: { t: "bool", value: true }, id: fresh(), span: s.test.span } as A.Expr;
        const not = { kind: "UnaryOp", op: "Not", operand: test, id: fresh(), span: s.test.span } as A.Expr;
        const brk = { kind: "Break", id: fresh(), span: s.test.span } as A.Stmt;
        return [{ ...s, test: always, body: [...pre, ifStmt(not, [brk], [], s.test.span), ...stmts(s.body)], orelse: [] }];
      }
      case "For": {
        // range(...) arguments are evaluated once, before the loop: hoisting them is exact
        const iter = lift(s.iter, pre);
        return [...pre, { ...s, iter, body: stmts(s.body), orelse: stmts(s.orelse) }];
      }
      default:
        return [s];
    }
  }

  const out = stmts(body);
  for (const [st, names] of releasePoints(out)) RELEASED.set(st, names);
  return { body: out, temps, callStmts };
}

/** release points of the rewritten bodies irbuild lowers (filled by hoistCalls, keyed by node) */
const RELEASED = new WeakMap<A.Stmt, readonly string[]>();

/**
 * The call temporaries to release right after simple statement `s` (irbuild emits a `clear` for
 * each that holds an object): where CPython's stack drops the value once the call or operation
 * consumed it, so that a `__del__` or weakref callback runs when it would under CPython.
 */
export function consumedTemps(s: A.Stmt): readonly string[] {
  return RELEASED.get(s) ?? [];
}

/**
 * For each temporary read by exactly one statement of the body, that statement -- when it is a
 * simple one (an assignment or expression statement: a test's or loop's temporaries are kept) and
 * every binding of the temporary is in the same innermost loop (a later iteration binds it again
 * before reading it). A temporary read twice (`xs[.t1] += v` reads its index in two statements)
 * is left to the function's end.
 */
function releasePoints(body: readonly A.Stmt[]): Map<A.Stmt, string[]> {
  const reads = new Map<string, { stmt: A.Stmt | null; loop: number; n: number }>();
  const defs = new Map<string, Set<number>>();
  const tempsIn = (n: A.Expr | A.Stmt | null | undefined): string[] => {
    const found = new Set<string>();
    if (n) walk(n, (x) => { if (x.kind === "Name" && x.ctx === "Load" && x.name.startsWith(".t")) found.add(x.name); });
    return [...found];
  };
  const read = (t: string, st: A.Stmt | null, loop: number): void => {
    const r = reads.get(t);
    reads.set(t, { stmt: st, loop, n: (r?.n ?? 0) + 1 });
  };
  const visit = (list: readonly A.Stmt[], loop: number): void => {
    for (const st of list) {
      if (st.kind === "Assign") {
        for (const t of st.targets) walk(t, (x) => { if (x.kind === "Name" && x.ctx !== "Load" && x.name.startsWith(".t")) (defs.get(x.name) ?? defs.set(x.name, new Set()).get(x.name)!).add(loop); });
      }
      const simple = st.kind === "Assign" || st.kind === "AugAssign" || st.kind === "AnnAssign" || st.kind === "Expr";
      if (simple) { for (const t of tempsIn(st)) read(t, st, loop); continue; }
      if (st.kind === "If" || st.kind === "While") {
        for (const t of tempsIn(st.test)) read(t, null, loop);
        const inner = st.kind === "While" ? st.id : loop;
        visit(st.body, inner); visit(st.orelse, loop);
      } else if (st.kind === "For") {
        for (const t of tempsIn(st.iter)) read(t, null, loop);
        visit(st.body, st.id); visit(st.orelse, loop);
      } else {
        // any other statement (return, try, with, ...): its temporaries are kept
        for (const t of tempsIn(st)) read(t, null, loop);
      }
    }
  };
  visit(body, -1);
  const out = new Map<A.Stmt, string[]>();
  for (const [t, r] of reads) {
    const d = defs.get(t);
    if (r.n !== 1 || r.stmt === null || !d || [...d].some((l) => l !== r.loop)) continue;
    out.set(r.stmt, [...(out.get(r.stmt) ?? []), t]);
  }
  return out;
}
