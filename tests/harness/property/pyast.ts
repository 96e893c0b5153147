// The tiny typed Python subset the property generator produces, its rendering to source, and an
// upper bound on the bit length of every int value (so generated big-int code stays fast: the
// generator drops any statement or loop whose bound exceeds BIT_BUDGET).

export type Ty = "int" | "float" | "bool";
export type Ann = "int" | "i64" | "float" | "bool" | "list[int]" | "list[float]" | ObjClass;
/** the module's @frozen class `PF` (with a @checked method `score`) and @record class `PR`, both
 * with fields `x: float` and `n: int` (MODULE_HEADER) */
export type ObjClass = "PF" | "PR";
/** the longest generated list argument (inputs.ts): bounds the trips of `for x in xs` */
export const MAX_LIST = 6;

export type Expr =
  | { k: "name"; name: string; ty: Ty }
  | { k: "int"; v: bigint }
  | { k: "float"; v: number }
  | { k: "bool"; v: boolean }
  | { k: "bin"; op: string; l: Expr; r: Expr; ty: Ty }
  | { k: "un"; op: "-" | "+" | "~" | "not "; e: Expr; ty: Ty }
  /** int/round/math.*: builtins the specializer may not handle yet (functions with `ext`) */
  | { k: "call"; fn: "abs" | "min" | "max" | "float" | "int" | "round" | "math.sqrt" | "math.floor" | "math.ceil"; args: Expr[]; ty: Ty }
  | { k: "cmp"; ops: string[]; es: Expr[] }
  | { k: "boolop"; op: "and" | "or"; es: Expr[] }
  | { k: "ifexp"; c: Expr; a: Expr; b: Expr; ty: Ty }
  /** a call of an earlier generated function of the same module (a direct call when compiled) */
  | { k: "ucall"; fn: string; args: Expr[]; ty: Ty }
  /** `len(xs)` of a list parameter, or of the generic locals `d` (dict) / `s` (str) */
  | { k: "len"; of: string }
  /** `(xs[(idx) % len(xs)] if len(xs) > 0 else dflt)`: an index guarded against empty lists */
  | { k: "index"; list: string; idx: Expr; dflt: Expr; ty: Ty }
  /** `o.x` / `o.n` of a PF/PR parameter or local */
  | { k: "field"; obj: string; field: "x" | "n"; ty: Ty }
  /** `o.score(arg)` of a PF (a method call: static dispatch when compiled) */
  | { k: "mcall"; obj: string; arg: Expr; ty: Ty }
  /** `sum/min/max(elt for v in xs [if cond])` over a list parameter, or `in range(n)` when
   * `list` is null (n a small constant): an inline loop on unboxed items when compiled */
  | { k: "reduce"; fn: "sum" | "min" | "max"; v: string; list: string | null; n: number; elt: Expr; cond: Expr | null; ty: Ty };

export type Stmt =
  /** `ann`: a local annotation, which is not a fact (CPython never evaluates it) */
  | { k: "assign"; name: string; e: Expr; ann?: Ann }
  | { k: "aug"; name: string; op: string; e: Expr }
  | { k: "if"; c: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "for"; v: string; args: Expr[]; trips: number; body: Stmt[]; orelse: Stmt[] }
  /** renders `w = 0` before the loop and `w += 1` first in the body: at most `limit` trips */
  | { k: "while"; counter: string; limit: number; form: number; c: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: "break" } | { k: "continue" } | { k: "pass" }
  /** `es`: `return e0, e1` (a function returning `tuple[...]`) */
  | { k: "return"; e: Expr; es?: Expr[] }
  /** `for x in xs` (form 0), `for i, x in enumerate(xs)` (1), `for a, b in zip(xs, ys)` (2) */
  | { k: "forin"; form: 0 | 1 | 2; vars: string[]; lists: string[]; body: Stmt[]; orelse: Stmt[] }
  /** `a, b = h(...)` of a generated function returning a tuple; `tys`: the items' types */
  | { k: "unpack"; names: string[]; tys: Ty[]; e: Expr }
  /** generic statements (islands): `d[k % 7] = d.get(k % 7, 0) + v`, `s = s + str(e)`,
   * `name = None`, and `try: name = num op den / except ZeroDivisionError: name = dflt` */
  | { k: "dacc"; key: Expr; val: Expr }
  | { k: "sapp"; e: Expr }
  | { k: "none"; name: string }
  | { k: "tryd"; name: string; op: string; num: Expr; den: Expr; dflt: Expr; ty: Ty }
  /** `o.f = e` or `o.f op= e` on a PR (@record: a type-checked store; int converts for x) */
  | { k: "setf"; obj: string; field: "x" | "n"; op: string; e: Expr }
  /** `name = PF(x, n)` / `PR(x, n)` (construction: the field contracts are checked) */
  | { k: "newobj"; name: string; cls: ObjClass; x: Expr; n: Expr }
  /** a fixed line (`d = {}`, `s = ''`) */
  | { k: "raw"; text: string };

export interface Func {
  name: string;
  params: { name: string; ann: Ann }[];
  ret: Ann;
  /** returns `tuple[rets...]` instead of `ret` */
  rets?: Ann[];
  /** module constants it reads (a case may rebind one of them: run.ts) */
  consts: string[];
  body: Stmt[];
  /** calls other generated functions (such functions are never callees: call depth stays 1) */
  calls: boolean;
}

export const BIT_BUDGET = 20_000;
/** loop indices and while counters are small */
const SMALL_BITS = 8;
const CALL_BITS = 2000;
/** int arguments are at most 2**130 in magnitude (see inputs.ts) */
export const INT_ARG_BITS = 132;

export const tyOf = (e: Expr): Ty =>
  e.k === "int" || e.k === "len" ? "int" : e.k === "float" ? "float" : e.k === "bool" || e.k === "cmp" || e.k === "boolop" ? "bool" : e.ty;

// ---------------------------------------------------------------------------------------------
// Rendering (fully parenthesized: precedence is not what this test is about)

const INT64_MIN = -(2n ** 63n);

export function floatLiteral(v: number): string {
  if (Number.isNaN(v)) return "float('nan')";
  if (v === Infinity) return "float('inf')";
  if (v === -Infinity) return "float('-inf')";
  if (Object.is(v, -0)) return "-0.0";
  const s = String(v);
  return /[.e]/.test(s) ? s : s + ".0";
}

function constText(e: Expr): string | null {
  switch (e.k) {
    case "int":
      // -2**63 written as a literal would be USub(2**63), outside the specialized subset
      return e.v === INT64_MIN ? "(-9223372036854775807 - 1)" : e.v < 0n ? `(${e.v})` : String(e.v);
    case "float":
      // 1e309 is how Python source spells inf; nan has no literal (never generated)
      return e.v === Infinity ? "1e309" : e.v === -Infinity ? "(-1e309)" : Object.is(e.v, -0) || e.v < 0 ? `(${floatLiteral(e.v)})` : floatLiteral(e.v);
    case "bool":
      return e.v ? "True" : "False";
    default:
      return null;
  }
}

export function renderExpr(e: Expr): string {
  const c = constText(e);
  if (c !== null) return c;
  switch (e.k) {
    case "name": return e.name;
    case "bin": return `(${renderExpr(e.l)} ${e.op} ${renderExpr(e.r)})`;
    case "un": return `(${e.op}${renderExpr(e.e)})`;
    case "call": case "ucall": return `${e.fn}(${e.args.map(renderExpr).join(", ")})`;
    case "len": return `len(${e.of})`;
    case "index": return `(${e.list}[(${renderExpr(e.idx)}) % len(${e.list})] if len(${e.list}) > 0 else ${renderExpr(e.dflt)})`;
    case "field": return `${e.obj}.${e.field}`;
    case "reduce":
      return `${e.fn}(${renderExpr(e.elt)} for ${e.v} in ${e.list ?? `range(${e.n})`}${e.cond ? ` if ${renderExpr(e.cond)}` : ""})`;
    case "mcall": return `${e.obj}.score(${renderExpr(e.arg)})`;
    case "cmp": return `(${e.es.map((x, i) => (i ? `${e.ops[i - 1]} ` : "") + renderExpr(x)).join(" ")})`;
    case "boolop": return `(${e.es.map(renderExpr).join(` ${e.op} `)})`;
    case "ifexp": return `(${renderExpr(e.a)} if ${renderExpr(e.c)} else ${renderExpr(e.b)})`;
    default: throw new Error(`unrenderable ${e.k}`);
  }
}

function renderBlock(stmts: Stmt[], ind: string, out: string[]): void {
  if (!stmts.length) out.push(`${ind}pass`);
  for (const s of stmts) renderStmt(s, ind, out);
}

function renderStmt(s: Stmt, ind: string, out: string[]): void {
  const In = ind + "    ";
  switch (s.k) {
    case "assign": out.push(`${ind}${s.name}${s.ann ? `: ${s.ann}` : ""} = ${renderExpr(s.e)}`); return;
    case "aug": out.push(`${ind}${s.name} ${s.op}= ${renderExpr(s.e)}`); return;
    case "break": case "continue": case "pass": out.push(`${ind}${s.k}`); return;
    case "return": out.push(`${ind}return ${s.es ? s.es.map(renderExpr).join(", ") : renderExpr(s.e)}`); return;
    case "forin": {
      const head = s.form === 0 ? `${s.vars[0]} in ${s.lists[0]}` : s.form === 1 ? `${s.vars[0]}, ${s.vars[1]} in enumerate(${s.lists[0]})`
        : `${s.vars[0]}, ${s.vars[1]} in zip(${s.lists[0]}, ${s.lists[1]})`;
      out.push(`${ind}for ${head}:`);
      renderBlock(s.body, In, out);
      if (s.orelse.length) { out.push(`${ind}else:`); renderBlock(s.orelse, In, out); }
      return;
    }
    case "unpack": out.push(`${ind}${s.names.join(", ")} = ${renderExpr(s.e)}`); return;
    case "dacc": {
      const k = `(${renderExpr(s.key)}) % 7`;
      out.push(`${ind}d[${k}] = d.get(${k}, 0) + ${renderExpr(s.val)}`);
      return;
    }
    case "sapp": out.push(`${ind}s = s + str(${renderExpr(s.e)})`); return;
    case "none": out.push(`${ind}${s.name} = None`); return;
    case "raw": out.push(`${ind}${s.text}`); return;
    case "setf": out.push(`${ind}${s.obj}.${s.field} ${s.op}= ${renderExpr(s.e)}`); return;
    case "newobj": out.push(`${ind}${s.name} = ${s.cls}(${renderExpr(s.x)}, ${renderExpr(s.n)})`); return;
    case "tryd":
      out.push(`${ind}try:`, `${In}${s.name} = ${renderExpr(s.num)} ${s.op} ${renderExpr(s.den)}`, `${ind}except ZeroDivisionError:`, `${In}${s.name} = ${renderExpr(s.dflt)}`);
      return;
    case "if":
      out.push(`${ind}if ${renderExpr(s.c)}:`);
      renderBlock(s.body, In, out);
      if (s.orelse.length) { out.push(`${ind}else:`); renderBlock(s.orelse, In, out); }
      return;
    case "for":
      out.push(`${ind}for ${s.v} in range(${s.args.map(renderExpr).join(", ")}):`);
      renderBlock(s.body, In, out);
      if (s.orelse.length) { out.push(`${ind}else:`); renderBlock(s.orelse, In, out); }
      return;
    case "while": {
      const w = s.counter, c = renderExpr(s.c);
      out.push(`${ind}${w} = 0`);
      const head = [`${w} < ${s.limit} and ${c}`, `${c} and ${w} < ${s.limit}`, "True"][s.form]!;
      out.push(`${ind}while ${head}:`);
      out.push(`${In}${w} += 1`);
      if (s.form === 2) out.push(`${In}if ${w} > ${s.limit} or not ${c}:`, `${In}    break`);
      renderBlock(s.body, In, out);
      if (s.orelse.length) { out.push(`${ind}else:`); renderBlock(s.orelse, In, out); }
      return;
    }
  }
}

export function renderFunc(f: Func): string {
  const ret = f.rets ? `tuple[${f.rets.join(", ")}]` : f.ret;
  const out = ["@checked", `def ${f.name}(${f.params.map((p) => `${p.name}: ${p.ann}`).join(", ")}) -> ${ret}:`];
  renderBlock(f.body, "    ", out);
  return out.join("\n") + "\n";
}

/** module-level number constants generated functions read (Gen seeds their bit bounds) */
export const MODULE_CONSTS: readonly { name: string; ty: Ty; text: string; bits: number }[] = [
  { name: "K1", ty: "int", text: "3", bits: INT_ARG_BITS },
  { name: "K2", ty: "int", text: "-7", bits: INT_ARG_BITS },
  { name: "KBIG", ty: "int", text: String(2n ** 62n - 1n), bits: INT_ARG_BITS },
  { name: "KNEG", ty: "int", text: String(-(2n ** 62n)), bits: INT_ARG_BITS },
  { name: "F1", ty: "float", text: "0.25", bits: 0 },
  { name: "F2", ty: "float", text: "-1.5", bits: 0 },
  { name: "FLAG", ty: "bool", text: "True", bits: 0 },
];

/** `set_const` is what a case with a rebind calls before its call (and after it, to restore) */
export const MODULE_HEADER = "import math\nfrom spyc import checked, frozen, i64, record\n\n" +
  MODULE_CONSTS.map((k) => `${k.name} = ${k.text}\n`).join("") +
  "\n\ndef set_const(name, value):\n    globals()[name] = value\n\n\n" +
  "@frozen\nclass PF:\n    x: float\n    n: int\n\n    @checked\n    def score(self, k: float) -> float:\n        return self.x * k + self.n\n\n\n" +
  "@record\nclass PR:\n    x: float\n    n: int\n\n\n";

// ---------------------------------------------------------------------------------------------
// Bit-length bounds (an abstract interpretation; monotone, so one shared env over-approximates)

const bitlen = (v: bigint): number => (v < 0n ? -v : v).toString(2).length;

/** upper bound on the bits of a shift amount the generator produced (constant or `e % K`) */
function shiftMax(e: Expr): number {
  if (e.k === "int") return Math.max(0, Number(e.v));
  if (e.k === "bin" && e.op === "%" && e.r.k === "int" && e.r.v > 0n) return Number(e.r.v) - 1;
  return Infinity;
}

export function bitsOf(e: Expr, env: ReadonlyMap<string, number>): number {
  const b = (x: Expr): number => bitsOf(x, env);
  switch (e.k) {
    case "int": return bitlen(e.v);
    case "name": return e.ty === "int" ? env.get(e.name) ?? SMALL_BITS : 0;
    case "float": case "bool": case "cmp": case "boolop": return 0;
    case "un": return b(e.e) + 1;
    case "ifexp": return Math.max(b(e.a), b(e.b));
    // a callee's result is not tracked; typical results are small, and this only guards speed
    case "ucall": return e.ty === "int" ? CALL_BITS : 0;
    case "len": return SMALL_BITS * 2;
    // list[int] elements are at most 2**130 too
    case "index": return e.ty === "int" ? Math.max(INT_ARG_BITS, b(e.dflt)) : 0;
    case "field": return e.field === "n" ? env.get(`${e.obj}.n`) ?? INT_ARG_BITS : 0;
    case "mcall": return 0;
    case "reduce": {
      if (e.ty !== "int") return 0;
      // items of a list[int] are at most INT_ARG_BITS wide; a sum of up to MAX_LIST of them grows by 3 bits
      const inner = bitsOf(e.elt, new Map([...env, [e.v, e.list ? INT_ARG_BITS : 3]]));
      return e.fn === "sum" ? inner + 3 : inner;
    }
    case "call":
      if (e.ty !== "int") return 0;
      // int(x)/round(x)/floor/ceil of a float: at most 1024 bits
      return e.fn === "abs" || e.fn === "min" || e.fn === "max" || tyOf(e.args[0]!) === "int" ? Math.max(...e.args.map(b)) + 1 : 1025;
    case "bin":
      if (e.ty !== "int") return 0;
      switch (e.op) {
        case "*": return b(e.l) + b(e.r);
        case "**": return b(e.l) * Math.max(1, Number((e.r as { v: bigint }).v));
        case "<<": return e.l.k === "int" && e.l.v === 0n ? 1 : b(e.l) + shiftMax(e.r);
        case "%": return b(e.r);
        case ">>": case "//": return b(e.l) + 1;
        default: return Math.max(b(e.l), b(e.r)) + 1;
      }
  }
}

export function flowBits(stmts: readonly Stmt[], env: Map<string, number>): void {
  const raise = (name: string, bits: number) => env.set(name, Math.max(env.get(name) ?? 0, bits));
  for (const s of stmts) {
    switch (s.k) {
      case "assign": if (tyOf(s.e) === "int") raise(s.name, bitsOf(s.e, env)); break;
      case "aug":
        if (env.has(s.name)) raise(s.name, bitsOf({ k: "bin", op: s.op, l: { k: "name", name: s.name, ty: "int" }, r: s.e, ty: "int" }, env));
        break;
      case "if": flowBits(s.body, env); flowBits(s.orelse, env); break;
      case "forin":
        for (const v of s.vars) raise(v, INT_ARG_BITS); // list[int] elements: at most 2**130
        for (let i = 0; i < MAX_LIST; i++) flowBits(s.body, env);
        flowBits(s.orelse, env);
        break;
      case "setf":
        if (s.field === "n") raise(`${s.obj}.n`, bitsOf(s.op ? { k: "bin", op: s.op, l: { k: "field", obj: s.obj, field: "n", ty: "int" }, r: s.e, ty: "int" } : s.e, env));
        break;
      case "newobj": raise(`${s.name}.n`, tyOf(s.n) === "int" ? bitsOf(s.n, env) : 0); break;
      case "unpack": s.names.forEach((n, i) => { if (s.tys[i] === "int") raise(n, CALL_BITS); }); break;
      case "tryd": if (s.ty === "int") raise(s.name, Math.max(bitsOf({ k: "bin", op: s.op, l: s.num, r: s.den, ty: "int" }, env), bitsOf(s.dflt, env))); break;
      case "for": case "while":
        for (let i = 0; i < (s.k === "for" ? s.trips : s.limit); i++) flowBits(s.body, env);
        flowBits(s.orelse, env);
        break;
      default: break;
    }
  }
}

export const maxBits = (env: ReadonlyMap<string, number>): number => Math.max(0, ...env.values());
