// Random `@checked` arithmetic functions inside the specialized subset (src/facts/types.ts):
// int/i64/float/bool parameters, locals of one type each, + - * / // % << >> & | ^ ~, unary
// minus, abs/min/max/float, comparisons (chained too), and/or, conditional expressions,
// int ** small constant, int/float mixing, if/else, for-range and while loops with bounded trip
// counts, break/continue, early returns. Every pick reads the Choices stream (0 = simplest).
// Beyond arithmetic (in some functions each): module constants (pyast.ts MODULE_CONSTS; a case
// may rebind one: inputs.ts rebindFor), list[int]/list[float] parameters iterated with
// `for x in xs` / enumerate / zip and indexed `xs[i % len(xs)]` behind a `len(xs) > 0` test,
// functions returning `tuple[int|float, int|float]` and calls of them unpacked (`a, b = h(..)`),
// generic statements (islands: a dict accumulation, a str built with str(), a None-initialized
// local later set to a number, try/except ZeroDivisionError around a division), float powers
// `x ** 2`, `x ** 3`, `abs(x) ** 0.5`. Objects: parameters and locals of the module's @frozen
// class PF and @record class PR (fields `x: float`, `n: int`; pyast.ts MODULE_HEADER): field
// reads, PF's @checked method `score`, stores into PR fields, and construction of both.

import { Choices } from "./choices.ts";
import {
  BIT_BUDGET, INT_ARG_BITS, MODULE_CONSTS, bitsOf, flowBits, maxBits, tyOf,
  type Ann, type Expr, type Func, type ObjClass, type Stmt, type Ty,
} from "./pyast.ts";

interface Var { name: string; ty: Ty; assignable: boolean }

const INT_CONSTS: readonly bigint[] = [
  0n, 1n, 2n, 3n, -1n, 5n, 7n, 10n, -3n, 31n, 32n, 63n, 64n, 100n, 255n, 1000003n,
  2n ** 31n, 2n ** 32n - 1n, 3037000499n, 3037000500n, 2n ** 53n + 1n, 2n ** 62n, 2n ** 63n - 1n, -(2n ** 63n), -(2n ** 62n),
];
const FLOAT_CONSTS: readonly number[] = [
  0.0, 1.0, 2.0, 0.5, -1.5, 0.1, 3.25, 1e-3, -0.0, 1e16, 2 ** 53, 2 ** 63, 1e308, 5e-324, 1e300, Infinity, -Infinity,
];
const SCALAR_ANNS: readonly Ann[] = ["int", "float", "i64", "bool"];
const PARAM_ANNS: readonly Ann[] = [...SCALAR_ANNS, "list[int]", "list[float]", "PF", "PR"];
const PARAM_ANN_W = [40, 30, 22, 8, 9, 9, 6, 6];
const RET_ANNS: readonly Ann[] = ["int", "float", "i64", "bool"];
const RET_ANN_W = [35, 30, 20, 15];

const INT_OPS_ARITH = ["+", "-", "*"];
const INT_OPS_DIV = ["//", "%"];
const INT_OPS_BIT = ["&", "|", "^"];
const CMP_OPS = ["<", "<=", ">", ">=", "==", "!="];

const bin = (op: string, l: Expr, r: Expr, ty: Ty): Expr => ({ k: "bin", op, l, r, ty });
const ci = (v: bigint | number): Expr => ({ k: "int", v: BigInt(v) });

class Gen {
  private vars: Var[] = [];
  private bits = new Map<string, number>();
  private fresh = 0;
  private loops = 0;
  private ret: Ann = "int";
  /** may call int()/round()/math.* (possibly outside the specialized subset: kept to a few
   * functions so the specialization-rate assertion stays meaningful) */
  private ext = false;
  /** may call the given earlier functions */
  private caller = false;
  private called = false;
  /** > 0 while generating the operands of a chained comparison (see compare) */
  private noCalls = 0;
  /** generating the element of a sum/min/max reduction (no reduction nests in another: the
   * binder leaves a generator expression holding a comprehension to CPython) */
  private reducing = false;
  /** list parameters (never assigned) */
  private lists: { name: string; elem: Ty }[] = [];
  /** may read module constants; those read */
  private useConsts = false;
  private consts = new Set<string>();
  /** may contain generic statements (locals `d = {}` and `s = ''` exist from the start) */
  private generic = false;
  /** locals bound to None and not yet set to a number */
  private nones: string[] = [];
  /** returns a tuple of these */
  private rets: Ann[] | undefined;
  /** PF/PR parameters and top-level locals (never rebound: stores go into their fields) */
  private objs: { name: string; cls: ObjClass }[] = [];

  constructor(private readonly c: Choices, private readonly callees: readonly Func[]) {}

  func(name: string): Func {
    const c = this.c;
    const params = Array.from({ length: 1 + c.below(4) }, (_, i) => {
      const ann = PARAM_ANNS[c.weighted(PARAM_ANN_W)]!;
      const p = { name: "abcd"[i]!, ann };
      if (ann === "PF" || ann === "PR") {
        this.objs.push({ name: p.name, cls: ann });
        this.bits.set(`${p.name}.n`, INT_ARG_BITS);
        return p;
      }
      if (ann === "list[int]" || ann === "list[float]") {
        this.lists.push({ name: p.name, elem: ann === "list[int]" ? "int" : "float" });
        return p;
      }
      // parameters are never assigned: the contract-checked values stay visible throughout
      this.vars.push({ name: p.name, ty: ann === "i64" ? "int" : ann as Ty, assignable: false });
      if (ann !== "float" && ann !== "bool") this.bits.set(p.name, ann === "i64" ? 64 : INT_ARG_BITS);
      return p;
    });
    const ret = (this.ret = RET_ANNS[c.weighted(RET_ANN_W)]!);
    this.ext = c.chance(8);
    this.caller = this.callees.length > 0 && c.chance(30);
    this.useConsts = c.chance(35);
    if (this.useConsts) for (const k of MODULE_CONSTS) this.bits.set(k.name, k.bits);
    this.generic = c.chance(25);
    if (c.chance(12)) this.rets = [c.pick<Ann>(["int", "float"]), c.pick<Ann>(["int", "float"])];
    const body: Stmt[] = this.generic ? [{ k: "raw", text: "d = {}" }, { k: "raw", text: "s = ''" }] : [];
    body.push(...this.block(2 + c.below(7), 0, true));
    body.push(this.returnStmt(1 + c.below(3)));
    return { name, params, ret, ...(this.rets ? { rets: this.rets } : {}), consts: [...this.consts], body, calls: this.called };
  }

  private returnStmt(d: number): Stmt {
    if (!this.rets) return { k: "return", e: this.expr(this.retTy(this.ret), d) };
    const es = this.rets.map((a) => this.expr(this.retTy(a), d));
    return { k: "return", e: es[0]!, es };
  }

  /** mostly the annotated type; sometimes int for float (promoted), else a TypeError */
  private retTy(ret: Ann): Ty {
    const c = this.c;
    if (ret === "bool") return c.chance(4) ? "int" : "bool";
    if (ret === "float") return c.chance(12) ? "int" : "float";
    return c.chance(4) ? c.pick<Ty>(["float", "bool"]) : "int";
  }

  /** local annotations are not facts: any annotation, whatever the value's type */
  private localAnn(pct: number): { ann?: Ann } {
    return this.c.chance(pct) ? { ann: this.c.pick(SCALAR_ANNS) } : {};
  }

  private newName(prefix: string): string {
    return `${prefix}${this.fresh++}`;
  }

  private names(ty: Ty, assignable = false): Var[] {
    return this.vars.filter((v) => v.ty === ty && (!assignable || v.assignable));
  }

  // -------------------------------------------------------------------------------------------
  // Statements

  private block(n: number, depth: number, top: boolean): Stmt[] {
    const out: Stmt[] = [];
    for (let i = 0; i < n; i++) {
      const s = this.stmt(depth, top);
      if (s) out.push(s);
    }
    return out;
  }

  /** a nested block; its new locals go out of scope after it, except sometimes (then a later
   * use may raise UnboundLocalError — which compiled code must reproduce too) */
  private nested(n: number, depth: number): Stmt[] {
    const mark = this.vars.length;
    const body = this.block(n, depth, false);
    const inner = this.vars.splice(mark);
    for (const v of inner) if (this.c.chance(10)) this.vars.push(v);
    return body;
  }

  private stmt(depth: number, top: boolean): Stmt | null {
    const c = this.c;
    const canNest = depth < 3;
    const w = [
      30, // new local
      18, // reassign
      14, // augmented assignment
      canNest ? 12 : 0, // if
      canNest && this.loops < 2 ? 9 : 0, // for
      canNest && this.loops < 2 ? 5 : 0, // while
      top ? 0 : 3, // early return
      this.loops && !top ? 5 : 0, // break / continue
      1, // pass
      canNest && this.loops < 2 && this.lists.length ? 12 : 0, // for over a list
      this.tupleCallees().length ? 8 : 0, // a, b = h(...)
      this.generic ? 5 : 0, // d[k] = d.get(k, 0) + v
      this.generic ? 4 : 0, // s = s + str(e)
      this.generic ? 3 : 0, // n = None
      this.nones.length ? 6 : 0, // n = <number>
      this.generic ? 5 : 0, // try: v = a / b except ZeroDivisionError: v = c
      this.generic ? 3 : 0, // v = len(d) or len(s)
      this.objs.some((o) => o.cls === "PR") ? 8 : 0, // o.f = e / o.f op= e on a record
      top ? 4 : 0, // o = PF(x, n) / PR(x, n)
    ];
    const before = new Map(this.bits);
    const mark = this.vars.length;
    let s: Stmt | null;
    switch (c.weighted(w)) {
      case 0: {
        const ty = (["int", "float", "bool"] as const)[c.weighted([50, 38, 12])]!;
        const e = this.expr(ty, 1 + c.below(3));
        const name = this.newName("v");
        s = { k: "assign", name, e, ...this.localAnn(15) };
        this.vars.push({ name, ty, assignable: true });
        break;
      }
      case 1: {
        const v = this.someVar();
        s = v ? { k: "assign", name: v.name, e: this.expr(v.ty, 1 + c.below(3)), ...this.localAnn(5) } : null;
        break;
      }
      case 2: s = this.aug(); break;
      case 3: {
        const cond = this.cond();
        const body = this.nested(1 + c.below(3), depth + 1);
        const orelse = c.chance(45) ? this.nested(1 + c.below(3), depth + 1) : [];
        s = { k: "if", c: cond, body, orelse };
        break;
      }
      case 4: s = this.forLoop(depth); break;
      case 5: s = this.whileLoop(depth); break;
      case 6: s = this.returnStmt(1 + c.below(2)); break;
      case 7: s = { k: c.chance(50) ? "continue" : "break" }; break;
      case 8: s = { k: "pass" }; break;
      case 9: s = this.forIn(depth); break;
      case 10: s = this.unpack(); break;
      case 11: s = { k: "dacc", key: this.expr("int", 1 + c.below(2)), val: this.expr(c.chance(70) ? "int" : "float", 1 + c.below(2)) }; break;
      case 12: s = { k: "sapp", e: this.expr(c.pick<Ty>(["int", "float", "bool"]), 1 + c.below(2)) }; break;
      case 13: {
        const name = this.newName("n");
        this.nones.push(name);
        s = { k: "none", name };
        break;
      }
      case 14: {
        const name = this.nones.splice(c.below(this.nones.length), 1)[0]!;
        const ty = c.chance(50) ? "int" : "float";
        s = { k: "assign", name, e: this.expr(ty, 1 + c.below(2)) };
        this.vars.push({ name, ty, assignable: true });
        break;
      }
      case 15: {
        const ty: Ty = c.chance(50) ? "float" : "int";
        const op = ty === "float" ? c.pick(["/", "//", "%"]) : c.pick(["//", "%"]);
        const num = this.expr(ty === "float" && c.chance(50) ? "int" : ty, 1 + c.below(2));
        const den = this.expr(c.chance(50) ? "int" : ty, 1 + c.below(2));
        const name = this.newName("t");
        s = { k: "tryd", name, op, num, den, dflt: this.expr(ty, 1), ty };
        this.vars.push({ name, ty, assignable: true });
        break;
      }
      case 16: {
        const name = this.newName("v");
        s = { k: "assign", name, e: { k: "len", of: c.chance(50) ? "d" : "s" } };
        this.vars.push({ name, ty: "int", assignable: true });
        break;
      }
      case 17: s = this.setField(); break;
      default: {
        const cls: ObjClass = c.chance(50) ? "PF" : "PR";
        const name = this.newName("o");
        // x may be an int (the contract converts it); n a float sometimes (a TypeError)
        s = { k: "newobj", name, cls, x: this.expr(c.chance(20) ? "int" : "float", 1 + c.below(2)), n: this.expr(c.chance(5) ? "float" : "int", 1 + c.below(2)) };
        this.objs.push({ name, cls });
      }
    }
    if (!s) return null;
    // keep big ints cheap: re-run the bounds over this statement (loops: every trip) and drop
    // it if some int could outgrow the budget
    const after = new Map(before);
    flowBits([s], after);
    if (maxBits(after) > BIT_BUDGET) {
      this.bits = before;
      this.vars.splice(mark);
      return null;
    }
    this.bits = after;
    return s;
  }

  private setField(): Stmt {
    const c = this.c;
    const o = c.pick(this.objs.filter((x) => x.cls === "PR"));
    if (c.chance(50)) {
      // x: a float, an int (converted), rarely a bool (a TypeError)
      const ty = c.weighted([70, 25, 5]);
      const e = this.expr((["float", "int", "bool"] as const)[ty]!, 1 + c.below(2));
      return c.chance(40) ? { k: "setf", obj: o.name, field: "x", op: c.pick(["+", "-", "*"]), e: this.expr("float", 1) } : { k: "setf", obj: o.name, field: "x", op: "", e };
    }
    if (c.chance(50)) return { k: "setf", obj: o.name, field: "n", op: c.pick(["+", "-", "*", "//", "%", "^"]), e: this.expr("int", 1 + c.below(2)) };
    return { k: "setf", obj: o.name, field: "n", op: "", e: this.expr(c.chance(6) ? "float" : "int", 1 + c.below(2)) };
  }

  private someVar(): Var | null {
    const vs = this.vars.filter((v) => v.assignable);
    return vs.length ? this.c.pick(vs) : null;
  }

  private aug(): Stmt | null {
    const c = this.c;
    const vs = this.vars.filter((v) => v.assignable && v.ty !== "bool");
    if (!vs.length) return null;
    const v = c.pick(vs);
    if (v.ty === "float") {
      return { k: "aug", name: v.name, op: c.pick(["+", "-", "*", "/", "//", "%"]), e: this.expr(c.chance(30) ? "int" : "float", 1 + c.below(2)) };
    }
    const op = c.pick(["+", "-", "*", "//", "%", "&", "|", "^", "<<", ">>", "**"]);
    if (op === "<<") return { k: "aug", name: v.name, op, e: this.shiftAmount() };
    if (op === "**") return { k: "aug", name: v.name, op, e: ci(c.pick([0, 1, 2, 3])) };
    return { k: "aug", name: v.name, op, e: this.expr("int", 1 + c.below(2)) };
  }

  private cond(): Expr {
    const c = this.c;
    return this.expr(c.chance(15) ? c.pick<Ty>(["int", "float"]) : "bool", 1 + c.below(3));
  }

  private loopBody(depth: number): Stmt[] {
    this.loops++;
    const body = this.nested(1 + this.c.below(4), depth + 1);
    this.loops--;
    return body;
  }

  private forLoop(depth: number): Stmt {
    const c = this.c;
    const K = 1 + c.below(8);
    let args: Expr[];
    let trips: number;
    switch (c.weighted([30, 25, 20, 15, 10])) {
      case 0: args = [ci(K)]; trips = K; break;
      case 1: args = [bin("%", this.expr("int", 1 + c.below(2)), ci(K), "int")]; trips = K; break;
      case 2: args = [{ k: "call", fn: "min", args: [this.expr("int", 1), ci(K)], ty: "int" }]; trips = K; break;
      case 3: {
        const lo = -c.below(4);
        args = [{ k: "call", fn: "max", args: [this.expr("int", 1), ci(lo)], ty: "int" }, ci(K)];
        trips = K - lo;
        break;
      }
      default: {
        const step = c.pick([-1, -2, -3, 2, 3]);
        const [a, b] = step < 0 ? [K, -c.below(3)] : [-c.below(3), K];
        args = [ci(a), ci(b), ci(step)];
        trips = Math.ceil(Math.abs(b - a) / Math.abs(step));
      }
    }
    const v = this.newName("i");
    this.vars.push({ name: v, ty: "int", assignable: false });
    const body = this.loopBody(depth);
    this.vars.splice(this.vars.findIndex((x) => x.name === v), 1);
    const orelse = c.chance(10) ? this.nested(1, depth + 1) : [];
    return { k: "for", v, args, trips, body, orelse };
  }

  private forIn(depth: number): Stmt {
    const c = this.c;
    const form = c.weighted([45, 30, 25]) as 0 | 1 | 2;
    const xs = c.pick(this.lists);
    const ys = c.pick(this.lists);
    let loopVars: Var[];
    if (form === 0) loopVars = [{ name: this.newName("x"), ty: xs.elem, assignable: false }];
    else if (form === 1) loopVars = [{ name: this.newName("i"), ty: "int", assignable: false }, { name: this.newName("x"), ty: xs.elem, assignable: false }];
    else loopVars = [{ name: this.newName("x"), ty: xs.elem, assignable: false }, { name: this.newName("y"), ty: ys.elem, assignable: false }];
    this.vars.push(...loopVars);
    for (const v of loopVars) this.bits.set(v.name, INT_ARG_BITS);
    const body = this.loopBody(depth);
    for (const v of loopVars) this.vars.splice(this.vars.findIndex((x) => x.name === v.name), 1);
    const orelse = c.chance(10) ? this.nested(1, depth + 1) : [];
    return { k: "forin", form, vars: loopVars.map((v) => v.name), lists: form === 2 ? [xs.name, ys.name] : [xs.name], body, orelse };
  }

  /** generated functions returning tuples this one may call (with scalar parameters only) */
  private tupleCallees(): Func[] {
    return this.caller ? this.callees.filter((f) => f.rets && f.params.every((p) => !p.ann.startsWith("list"))) : [];
  }

  private unpack(): Stmt {
    const c = this.c;
    const f = c.pick(this.tupleCallees());
    const e: Expr = { k: "ucall", fn: f.name, args: this.callArgs(f, 1 + c.below(2)), ty: "int" };
    this.called = true;
    const tys = f.rets!.map((a) => a as Ty);
    const names = tys.map(() => this.newName("u"));
    names.forEach((name, i) => this.vars.push({ name, ty: tys[i]!, assignable: true }));
    return { k: "unpack", names, tys, e };
  }

  private callArgs(f: Func, d: number): Expr[] {
    return f.params.map((p) =>
      this.expr(p.ann === "float" ? (this.c.chance(20) ? "int" : "float") : p.ann === "i64" ? "int" : p.ann as Ty, d - 1));
  }

  /**
   * `sum/min/max(<ty expr of v> for v in xs [if <cond>])` over a list parameter (its items of
   * either type) or `range(n)`: min/max of nothing raise ValueError on both sides, the sum of no
   * floats is the int 0
   */
  private reduce(ty: "int" | "float", d: number): Expr {
    const c = this.c;
    const src = this.lists.length && c.chance(70) ? c.pick(this.lists) : null;
    const v = this.newName("g");
    const vty: Ty = src ? src.elem : "int";
    this.vars.push({ name: v, ty: vty, assignable: false });
    this.noCalls++; // the inline loop runs no calls (they would keep it generic)
    this.reducing = true;
    const elt = ty === "int" ? this.intExpr(d - 1) : this.floatExpr(d - 1);
    const cond = c.chance(30) ? this.boolExpr(1) : null;
    this.noCalls--;
    this.reducing = false;
    this.vars.splice(this.vars.findIndex((x) => x.name === v), 1);
    return { k: "reduce", fn: c.pick(["sum", "sum", "min", "max"] as const), v, list: src ? src.name : null, n: c.below(7), elt, cond, ty };
  }

  /** a guarded index of a list parameter with `ty` elements, or null */
  private index(ty: Ty, d: number): Expr | null {
    const ls = this.lists.filter((l) => l.elem === ty);
    if (!ls.length) return null;
    return { k: "index", list: this.c.pick(ls).name, idx: this.intExpr(d - 1), dflt: this.leaf(ty), ty };
  }

  private whileLoop(depth: number): Stmt {
    const c = this.c;
    const limit = 1 + c.below(8);
    const counter = this.newName("w");
    const form = c.weighted([50, 30, 20]);
    const cond = c.chance(25) ? ({ k: "bool", v: true } as Expr) : this.boolExpr(1 + c.below(3)); // operands of `and` must be bool to stay specialized
    // the counter is readable inside the loop but never assigned by generated code
    this.vars.push({ name: counter, ty: "int", assignable: false });
    this.bits.set(counter, 8);
    const body = this.loopBody(depth);
    this.vars.splice(this.vars.findIndex((x) => x.name === counter), 1);
    const orelse = c.chance(10) ? this.nested(1, depth + 1) : [];
    return { k: "while", counter, limit, form, c: cond, body, orelse };
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  expr(ty: Ty, depth: number): Expr {
    if (ty === "int") return this.intExpr(depth);
    if (ty === "float") return this.floatExpr(depth);
    return this.boolExpr(depth);
  }

  private leaf(ty: Ty): Expr {
    const c = this.c;
    const vs = this.names(ty);
    if (this.useConsts && c.chance(15)) {
      const ks = MODULE_CONSTS.filter((k) => k.ty === ty);
      if (ks.length) {
        const k = c.pick(ks);
        this.consts.add(k.name);
        return { k: "name", name: k.name, ty };
      }
    }
    if (ty === "int" && this.lists.length && c.chance(6)) return { k: "len", of: c.pick(this.lists).name };
    if (ty !== "bool" && this.objs.length && c.chance(15)) return { k: "field", obj: c.pick(this.objs).name, field: ty === "int" ? "n" : "x", ty };
    if (vs.length && !c.chance(25)) return { k: "name", name: c.pick(vs).name, ty };
    if (ty === "int") return ci(c.chance(50) ? BigInt(c.below(10)) : c.pick(INT_CONSTS));
    if (ty === "float") return { k: "float", v: c.pick(FLOAT_CONSTS) };
    return { k: "bool", v: c.chance(50) };
  }

  /** a shift amount with a known small maximum (a constant, possibly negative: ValueError) */
  private shiftAmount(): Expr {
    const c = this.c;
    if (c.chance(50)) return ci(c.pick([0, 1, 3, 31, 32, 62, 63, 64, 65, -1]));
    return bin("%", this.intExpr(1), ci(c.pick([8, 33, 64, 65, 70])), "int");
  }

  private intExpr(d: number): Expr {
    const c = this.c;
    if (d <= 0) return this.leaf("int");
    const sub = () => this.intExpr(d - 1);
    const call = this.userCall("int", d);
    const hasList = this.lists.some((l) => l.elem === "int");
    switch (c.weighted([25, 25, 10, 8, 6, 7, 4, 5, 5, 4, this.ext ? 8 : 0, call ? 8 : 0, hasList ? 8 : 0, this.reducing ? 0 : 4])) {
      case 0: return this.leaf("int");
      case 1: return bin(c.pick(INT_OPS_ARITH), sub(), sub(), "int");
      case 2: return bin(c.pick(INT_OPS_DIV), sub(), sub(), "int");
      case 3: return bin(c.pick(INT_OPS_BIT), sub(), sub(), "int");
      case 4:
        if (c.chance(50)) return bin(">>", sub(), sub(), "int");
        // 0 << n is 0 for any n >= 0, however big: the only unbounded left shift CPython finishes
        return c.chance(12) ? bin("<<", ci(0), sub(), "int") : bin("<<", sub(), this.shiftAmount(), "int");
      case 5: return { k: "un", op: c.pick(["-", "~", "+"] as const), e: sub(), ty: "int" };
      case 6: return { k: "call", fn: "abs", args: [sub()], ty: "int" };
      case 7: return { k: "call", fn: c.chance(50) ? "max" : "min", args: [sub(), sub()], ty: "int" };
      case 8: {
        const base = sub();
        // big exponents only on small bases: bitsOf keeps the rest under budget anyway
        const e = c.chance(15) ? c.pick([13, 31, 40, 62, 63, 64]) : c.pick([0, 1, 2, 2, 3, 3, 4, 5, 7]);
        return bitsOf(base, this.bits) * Math.max(1, e) > BIT_BUDGET ? base : bin("**", base, ci(e), "int");
      }
      case 9: return { k: "ifexp", c: this.boolExpr(d - 1), a: sub(), b: sub(), ty: "int" };
      case 11: return call!();
      case 12: return this.index("int", d)!;
      case 13: return this.reduce("int", d);
      default: {
        const fn = c.pick(["int", "int", "round", "math.floor", "math.ceil"] as const);
        return { k: "call", fn, args: [fn === "int" && c.chance(30) ? sub() : this.floatExpr(d - 1)], ty: "int" };
      }
    }
  }

  private floatExpr(d: number): Expr {
    const c = this.c;
    if (d <= 0) return this.names("float").length || c.chance(40) ? this.leaf("float") : { k: "call", fn: "float", args: [this.leaf("int")], ty: "float" };
    const sub = () => this.floatExpr(d - 1);
    const num = () => (c.chance(35) ? this.intExpr(d - 1) : sub());
    const call = this.userCall("float", d);
    const hasList = this.lists.some((l) => l.elem === "float");
    const pfs = this.noCalls ? [] : this.objs.filter((o) => o.cls === "PF");
    switch (c.weighted([25, 25, 12, 8, 5, 4, 5, 8, 4, this.ext ? 8 : 0, call ? 8 : 0, hasList ? 8 : 0, 6, pfs.length ? 6 : 0, this.reducing ? 0 : 4])) {
      case 0: return this.floatExpr(0);
      case 1: { // at least one float operand
        const l = num();
        return bin(c.pick(["+", "-", "*"]), l, tyOf(l) === "float" ? num() : sub(), "float");
      }
      case 2: return bin("/", num(), num(), "float");
      case 3: {
        const l = num();
        return bin(c.pick(["//", "%"]), l, tyOf(l) === "float" ? num() : sub(), "float");
      }
      case 4: return { k: "un", op: c.pick(["-", "+"] as const), e: sub(), ty: "float" };
      case 5: return { k: "call", fn: "abs", args: [sub()], ty: "float" };
      case 6: return { k: "call", fn: c.chance(50) ? "max" : "min", args: [sub(), sub()], ty: "float" };
      case 7: return { k: "call", fn: "float", args: [c.chance(20) ? sub() : this.intExpr(d - 1)], ty: "float" };
      case 8: return { k: "ifexp", c: this.boolExpr(d - 1), a: sub(), b: sub(), ty: "float" };
      case 10: return call!();
      case 11: return this.index("float", d)!;
      case 13: return { k: "mcall", obj: c.pick(pfs).name, arg: num(), ty: "float" };
      case 14: return this.reduce("float", d);
      case 12: {
        // float powers: x ** 2, x ** 3 (OverflowError past 1e308), abs(x) ** 0.5
        const p = c.weighted([40, 30, 30]);
        if (p === 2) return bin("**", { k: "call", fn: "abs", args: [sub()], ty: "float" }, { k: "float", v: 0.5 }, "float");
        return bin("**", sub(), ci(p + 2), "float");
      }
      default:
        return c.chance(50)
          ? { k: "call", fn: "math.sqrt", args: [num()], ty: "float" }
          : { k: "call", fn: "round", args: [sub(), ci(c.pick([0, 1, 2, -1, 3, 400]))], ty: "float" };
    }
  }

  private boolExpr(d: number): Expr {
    const c = this.c;
    if (d <= 0) return this.names("bool").length ? this.leaf("bool") : this.compare(0);
    const sub = () => this.boolExpr(d - 1);
    const call = this.userCall("bool", d);
    switch (c.weighted([40, 10, 12, 8, 4, 3, 3, call ? 6 : 0])) {
      case 0: return this.compare(d - 1);
      case 1: return { k: "un", op: "not ", e: this.expr(c.pick<Ty>(["bool", "bool", "int", "float"]), d - 1), ty: "bool" };
      case 2: return { k: "boolop", op: c.chance(50) ? "or" : "and", es: Array.from({ length: 2 + (c.chance(20) ? 1 : 0) }, sub) };
      case 3: return this.leaf("bool");
      case 4: return { k: "cmp", ops: [c.chance(50) ? "==" : "!="], es: [sub(), sub()] };
      case 5: return { k: "bool", v: c.chance(50) };
      case 6: return { k: "ifexp", c: sub(), a: sub(), b: sub(), ty: "bool" };
      default: return call!();
    }
  }

  /** a maker for a call of a callee returning `ty` (arguments of the parameters' types; ints
   * for i64 may be out of range, ints for float get converted), or null when there is none */
  private userCall(ty: Ty, d: number): (() => Expr) | null {
    const fs = this.caller && !this.noCalls
      ? this.callees.filter((f) => !f.rets && (f.ret === "i64" ? "int" : f.ret) === ty && f.params.every((p) => !p.ann.startsWith("list")))
      : [];
    if (!fs.length) return null;
    return () => {
      const f = this.c.pick(fs);
      const args = this.callArgs(f, d);
      this.called = true;
      return { k: "ucall", fn: f.name, args, ty };
    };
  }

  private compare(d: number): Expr {
    const c = this.c;
    const num = (): Expr => this.expr(c.weighted([55, 45]) === 0 ? "int" : "float", d);
    const n = c.chance(15) ? 3 : 2;
    // calls may sit in any operand of a chain: a later one runs only if the comparisons before
    // it held (facts/anf.ts keeps chains short-circuiting; spec_prop_regressions.py)
    const es = Array.from({ length: n }, num);
    return { k: "cmp", ops: Array.from({ length: n - 1 }, () => c.pick(CMP_OPS)), es };
  }
}

/** `callees`: earlier functions of the same module this one may call (leaves: no calls) */
export function genFunc(choices: readonly number[], name: string, callees: readonly Func[] = []): Func {
  return new Gen(new Choices(choices), callees).func(name);
}
