/**
 * Emits one FuncIR as a C function with the SpzEntry signature.
 * In: a verified FuncIR. Out: C text. Knows nothing about Python syntax: it prints exactly what
 * the IR says. Reference rule (from ir/types.ts): every obj register is NULL or owned, every
 * write releases the old value, and the epilogue releases them all — on every path.
 * Error rule: a failing op sets `lineno` and jumps to the error label of its block's handler,
 * which adds one traceback entry and continues at the handler (or leaves the function).
 */
import type * as IR from "../ir/types.ts";
import { CWriter, cComment } from "./writer.ts";
import { blockLabel, constRef, errLabel, implName, nativeName, regName } from "./names.ts";
import { InternalError } from "../diag/types.ts";

const CTYPE: Record<IR.Rep, string> = { obj: "PyObject *", i64: "int64_t ", f64: "double ", bool: "int " };

/** What op emission needs to know about the function and module around it. */
interface FnCtx {
  readonly f: IR.FuncIR;
  readonly m: IR.ModuleIR;
  rep(r: IR.RegId): IR.Rep;
  /** C statement that records the line and jumps to this block's error path */
  onErr(ln: number): string;
  readonly handler: IR.BlockId | null;
  /** a unique C identifier for a per-site static (inline caches) */
  site(): string;
}

/** C expression boxing an unboxed register (a new reference or NULL). */
function boxExpr(rep: IR.Rep, v: string): string {
  return rep === "i64" ? `PyLong_FromLongLong(${v})` : rep === "f64" ? `PyFloat_FromDouble(${v})` : `Py_NewRef(${v} ? Py_True : Py_False)`;
}

/**
 * The blocks of the specialized twin that run without a deopt: reachable from the specialized
 * entry by normal edges (not guard failures). null when the function is not specialized.
 */
function hotBlocks(f: IR.FuncIR): Set<IR.BlockId> | null {
  const start = f.blocks.find((b) => b.id === f.entry);
  if (!start || !start.label.startsWith("spec.")) return null;
  const byId = new Map(f.blocks.map((b) => [b.id, b]));
  const hot = new Set<IR.BlockId>([f.entry]);
  const work = [f.entry];
  while (work.length) {
    const t = byId.get(work.pop()!)!.term;
    const succ = t.kind === "goto" ? [t.target] : t.kind === "branch" ? [t.then, t.else] : t.kind === "branch_null" ? [t.ifNull, t.otherwise] : [];
    for (const s of succ) if (!hot.has(s)) { hot.add(s); work.push(s); }
  }
  return hot;
}

/** The SpzRet field of an unboxed representation. */
const RET_FIELD: Record<IR.Rep, string> = { i64: "i", f64: "f", bool: "b", obj: "o" };

/**
 * The C signature of a function's direct (unboxed) entry: `args` NULL means the unboxed
 * parameters d0.. are used; `depth_` is the native nesting depth (see spz/direct.h).
 */
function implSignature(f: IR.FuncIR, d: IR.DirectEntry): string {
  const ps = d.params.map((r, i) => `${CTYPE[f.regs[r]!.rep]}d${i}`);
  return `static SpzRet ${implName(f)}(${["SpzFunction *self", "PyObject *const *args", "int depth_", ...ps].join(", ")})`;
}

/** Forward declarations, so functions can call each other's direct entries in any order. */
export function emitPrototypes(w: CWriter, f: IR.FuncIR): void {
  w.line(`static PyObject *${nativeName(f)}(SpzFunction *self, PyObject *const *args);`);
  if (f.direct) w.line(`${implSignature(f, f.direct)};`);
}

export function emitFunc(w: CWriter, f: IR.FuncIR, m: IR.ModuleIR, sourceLines: readonly string[], fileName: string): void {
  const reg = regName;
  const d = f.direct;
  // inline caches of guard sites live at file scope: one per site, shared by all calls
  const sites: string[] = [];
  f.blocks.forEach((b) => b.ops.forEach((op, i) => {
    if (op.kind === "call_direct" || op.kind === "guard_builtin") sites.push(`pyc_gc_${f.index}_${b.id}_${i}`);
  }));
  for (const site of sites) w.line(`static SpzGlobalCache ${site};`);
  w.line(`/* ${cComment(`${fileName}:${f.defLine}: def ${f.qualname}`)} */`);
  if (d) {
    // the boxed entry: run the direct entry with boxed arguments, box an unboxed result
    w.open(`static PyObject *${nativeName(f)}(SpzFunction *self, PyObject *const *args)`);
    w.line("int base = spz_native_active ? SPZ_NATIVE_DEPTH_MAX : 0;");
    w.line("spz_native_active++;");
    w.line(`SpzRet r = ${implName(f)}(${["self", "args", "base", ...d.params.map(() => "0")].join(", ")});`);
    w.line("spz_native_active--;");
    w.line(`if (r.st == 0) return ${boxExpr(d.ret, `r.v.${RET_FIELD[d.ret]}`)};`);
    w.line("return r.st == 1 ? r.v.o : NULL;");
    w.close();
    w.open(implSignature(f, d));
  } else {
    w.open(`static PyObject *${nativeName(f)}(SpzFunction *self, PyObject *const *args)`);
  }
  // declarations: every register starts NULL/0 so the shared epilogue can release them blindly
  for (const r of f.regs) {
    const comment = r.local !== null ? ` /* ${cComment(r.local)} */` : "";
    w.line(`${CTYPE[r.rep]}${reg(r.id)} = ${r.rep === "obj" ? "NULL" : "0"};${comment}`);
  }
  w.line("PyObject *retval = NULL;");
  // loop back edges counted in registers (spz/poll.h)
  const polls = f.blocks.some((b) => b.ops.some((op) => op.kind === "poll"));
  if (polls) w.line("SPZ_POLL_ENTER(poll_, poll0_);");
  if (d) w.line("int status = -1; SpzRet ret_;");
  else if (f.blocks.some((b) => b.ops.some((op) => op.kind === "call_direct"))) w.line("const int depth_ = 0;");
  w.line(`int lineno = ${f.defLine};`);
  w.line("(void)self; (void)lineno;");
  if (d) w.line(`if (args == NULL) { ${d.params.map((r, i) => `${reg(r)} = d${i}; `).join("")}goto ${blockLabel(d.entry)}; }`);
  f.params.forEach((p, i) => w.line(`${reg(p.reg)} = Py_NewRef(args[${i}]);`));
  w.line(`goto ${blockLabel(f.entry)};`);

  const handlers = new Set<IR.BlockId | null>([null]);
  let lastLine = -1, siteNo = 0;
  const hot = hotBlocks(f);
  for (const b of f.blocks) {
    // generic code of a specialized function runs only after a deopt: tell gcc to keep it out
    // of the way of the specialized fast path
    if (hot !== null && !hot.has(b.id)) w.line(`${blockLabel(b.id)}: __attribute__((cold));`);
    else w.label(blockLabel(b.id));
    const cx: FnCtx = {
      f, m, handler: b.handler,
      rep: (r) => f.regs[r]!.rep,
      onErr: (ln) => {
        handlers.add(b.handler);
        return `{ lineno = ${ln}; goto ${errLabel(b.handler)}; }`;
      },
      site: () => sites[siteNo++]!,
    };
    for (const op of b.ops) {
      if (op.line !== lastLine && op.line > 0) {
        lastLine = op.line;
        const src = sourceLines[op.line - 1]?.trim() ?? "";
        w.line(`/* ${cComment(`${fileName}:${op.line}: ${src.slice(0, 90)}`)} */`);
      }
      emitOp(w, op, cx);
    }
    emitTerm(w, b.term, cx);
  }

  for (const h of handlers) {
    w.label(errLabel(h));
    w.line("spz_traceback_add(self, lineno);");
    w.line(h === null ? "goto fail;" : `goto ${blockLabel(h)};`);
  }
  w.label("fail");
  w.line(d ? "retval = NULL; status = -1;" : "retval = NULL;");
  w.label("done");
  if (polls) w.line("SPZ_POLL_LEAVE(poll_, poll0_);");
  for (const r of f.regs) if (r.rep === "obj") w.line(`Py_XDECREF(${reg(r.id)});`);
  if (d) {
    w.line("ret_.st = status; ret_.v.o = retval;");
    w.line("return ret_;");
    // Unboxed returns happen only in specialized code that never ran generic code, and that code
    // writes no obj register on its way to a return (boxing happens on deopt edges only): just
    // the parameter registers of a boxed entry can hold references.
    w.label("done_unboxed");
    if (polls) w.line("SPZ_POLL_LEAVE(poll_, poll0_);");
    if (f.params.length) w.line(`if (args != NULL) { ${f.params.map((p) => `Py_XDECREF(${reg(p.reg)}); `).join("")}}`);
    w.line("ret_.st = 0;");
    w.line("return ret_;");
  } else {
    w.line("return retval;");
  }
  w.close();
  w.line();
}

function subst(text: string, args: readonly IR.RegId[]): string {
  return text.replace(/\$(\d+)/g, (_m, i: string) => regName(args[Number(i)]!));
}

function operand(o: IR.Operand): string {
  switch (o.k) {
    case "reg": return regName(o.reg);
    case "const": return constRef(o.index);
    case "c": return o.text;
    case "int": return String(o.value);
  }
}

function emitOp(w: CWriter, op: IR.Op, cx: FnCtx): void {
  const reg = regName;
  const { onErr, handler } = cx;
  switch (op.kind) {
    case "const":
      w.line(`Py_XSETREF(${reg(op.dst)}, Py_NewRef(${constRef(op.index)}));`);
      return;
    case "copy":
      w.line(`Py_XSETREF(${reg(op.dst)}, Py_NewRef(${reg(op.src)}));`);
      return;
    case "move":
      w.line(`Py_XSETREF(${reg(op.dst)}, ${reg(op.src)}); ${reg(op.src)} = NULL;`);
      return;
    case "clear":
      w.line(`Py_CLEAR(${reg(op.reg)});`);
      return;
    case "check_bound":
      w.line(`if (SPZ_UNLIKELY(${reg(op.reg)} == NULL)) { spz_raise_unbound_local(${constRef(op.nameConst)}); ${onErr(op.line)} }`);
      return;
    case "call_c": {
      const call = `${op.fn}(${op.args.map(operand).join(", ")})`;
      const steal = (op.steals ?? []).map((i) => {
        const a = op.args[i];
        if (a?.k !== "reg") throw new InternalError(`${op.fn}: steals a non-register`);
        return ` ${reg(a.reg)} = NULL;`;
      }).join("");
      switch (op.err) {
        case "null":
          w.line(`{ PyObject *t_ = ${call};${steal} if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${op.dst !== null ? `Py_XSETREF(${reg(op.dst)}, t_);` : "Py_DECREF(t_);"} }`);
          return;
        case "neg":
          w.line(`{ int t_ = ${call};${steal} if (SPZ_UNLIKELY(t_ < 0)) ${onErr(op.line)}${op.dst !== null ? ` ${reg(op.dst)} = t_;` : ""} }`);
          return;
        case "never":
          if (op.dst !== null) w.line(`Py_XSETREF(${reg(op.dst)}, ${call});${steal}`);
          else w.line(`${call};${steal}`);
          return;
        case "raise":
          // a bare re-raise adds no traceback entry (CPython's RERAISE), a new raise does
          w.line(`lineno = ${op.line};`);
          w.line(`if (${call} == SPZ_RAISE_RERAISE) goto ${handler === null ? "fail" : blockLabel(handler)};`);
          w.line(`goto ${errLabel(handler)};`);
          onErr(op.line); // registers the error label
          return;
      }
      return;
    }
    case "vcall":
    case "vcall_method": {
      const self = op.kind === "vcall_method" ? [reg(op.self)] : [];
      const items = ["NULL", ...self, ...op.args.map(reg)];
      const npos = self.length + op.args.length - op.nkw;
      const kw = op.kwnames !== null ? constRef(op.kwnames) : "NULL";
      const call = op.kind === "vcall"
        ? `PyObject_Vectorcall(${reg(op.callee)}, a_ + 1, ${npos} | PY_VECTORCALL_ARGUMENTS_OFFSET, ${kw})`
        : `PyObject_VectorcallMethod(${constRef(op.name)}, a_ + 1, ${npos} | PY_VECTORCALL_ARGUMENTS_OFFSET, ${kw})`;
      w.line(`{ PyObject *a_[] = {${items.join(", ")}}; PyObject *t_ = ${call}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} Py_XSETREF(${reg(op.dst)}, t_); }`);
      return;
    }
    case "build": {
      const n = op.items.length;
      const mk = op.what === "tuple" ? `PyTuple_New(${n})` : `PyList_New(${n})`;
      const set = op.what === "tuple" ? "PyTuple_SET_ITEM" : "PyList_SET_ITEM";
      w.open();
      w.line(`PyObject *t_ = ${mk}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)}`);
      op.items.forEach((r, i) => w.line(`${set}(t_, ${i}, ${reg(r)}); ${reg(r)} = NULL;`));
      w.line(`Py_XSETREF(${reg(op.dst)}, t_);`);
      w.close();
      return;
    }
    case "unpack": {
      const n = op.outs.length;
      const call = op.starAt === null
        ? `spz_unpack(${reg(op.seq)}, ${n}, o_)`
        : `spz_unpack_ex(${reg(op.seq)}, ${op.starAt}, ${n - op.starAt - 1}, o_)`;
      w.open();
      w.line(`PyObject *o_[${n}]; if (SPZ_UNLIKELY(${call} < 0)) ${onErr(op.line)}`);
      op.outs.forEach((r, i) => w.line(`Py_XSETREF(${reg(r)}, o_[${i}]);`));
      w.close();
      return;
    }
    case "iter_next":
      w.line(`{ PyObject *t_ = PyIter_Next(${reg(op.iter)}); if (SPZ_UNLIKELY(t_ == NULL && PyErr_Occurred())) ${onErr(op.line)} Py_XSETREF(${reg(op.dst)}, t_); }`);
      return;
    case "is":
      w.line(`${reg(op.dst)} = (${reg(op.a)} == ${reg(op.b)});`);
      return;
    case "box_bool":
      w.line(`Py_XSETREF(${reg(op.dst)}, Py_NewRef(${reg(op.src)} ? Py_True : Py_False));`);
      return;
    case "poll":
      w.line(`if (SPZ_POLL(poll_, poll0_)) ${onErr(op.line)}`);
      return;
    case "not":
      w.line(`${reg(op.dst)} = !${reg(op.src)};`);
      return;
    case "imm":
      w.line(`${reg(op.dst)} = ${op.value};`);
      return;
    case "cexpr":
      w.line(`${reg(op.dst)} = ${subst(op.text, op.args)};`);
      return;
    case "guarded": {
      const args = [...op.args.map(operand), `&${reg(op.dst)}`].join(", ");
      w.line(`if (SPZ_FORCE_DEOPT || SPZ_UNLIKELY(${op.fn}(${args}))) goto ${blockLabel(op.onFail)};`);
      return;
    }
    case "guard":
      w.line(`if (!SPZ_GUARD_OK(${subst(op.text, op.args)})) goto ${blockLabel(op.onFail)};`);
      return;
    case "guard_builtin":
      if (op.which.startsWith("math.")) {
        w.line(`if (SPZ_FORCE_DEOPT || !spz_math_cached(self, ${constRef(op.name)}, "${op.which.slice(5)}", &${cx.site()})) goto ${blockLabel(op.onFail)};`);
      } else {
        w.line(`if (SPZ_FORCE_DEOPT || !spz_builtin_cached(self, ${constRef(op.name)}, "${op.which}", &${cx.site()})) goto ${blockLabel(op.onFail)};`);
      }
      return;
    case "unbox":
      w.line(`if (!spz_unbox_${cx.rep(op.dst)}(${reg(op.src)}, &${reg(op.dst)})) goto ${blockLabel(op.onFail)};`);
      return;
    case "call_direct": return emitCallDirect(w, op, cx);
    case "box": {
      const mk = boxExpr(cx.rep(op.src), reg(op.src));
      const body = `{ PyObject *t_ = ${mk}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} Py_XSETREF(${reg(op.dst)}, t_); }`;
      w.line(op.ifSet !== null ? `if (${reg(op.ifSet)}) ${body}` : body);
      return;
    }
    case "range_resume":
      w.line(`{ PyObject *t_ = spz_range_resume(${reg(op.cur)}, ${reg(op.remaining)}, ${reg(op.step)}); if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} Py_XSETREF(${reg(op.dst)}, t_); }`);
      return;
    default: {
      const never: never = op;
      throw new InternalError(`cgen: unknown op ${(never as IR.Op).kind}`);
    }
  }
}

/**
 * Guard (the global still names the callee; shallow native nesting), then call the callee's
 * direct entry with a reference held, as CPython holds the callable during a call.
 */
function emitCallDirect(w: CWriter, op: Extract<IR.Op, { kind: "call_direct" }>, cx: FnCtx): void {
  const reg = regName;
  const callee = cx.m.funcs[op.func]!;
  const site = cx.site();
  const args = ["(SpzFunction *)fo_", "NULL", "depth_ + 1", ...op.args.map(reg)].join(", ");
  const drop = "if (own_) Py_DECREF(fo_);";
  w.open();
  w.line(`PyObject *fo_ = spz_direct_target(self, ${constRef(op.name)}, &${site}, ${nativeName(callee)});`);
  w.line(`if (SPZ_FORCE_DEOPT || fo_ == NULL || depth_ >= SPZ_NATIVE_DEPTH_MAX) goto ${blockLabel(op.onFail)};`);
  // a recursive call needs no reference: the running caller already keeps `self` alive
  w.line("int own_ = fo_ != (PyObject *)self; if (own_) Py_INCREF(fo_);");
  w.line(`SpzRet rt_ = ${implName(callee)}(${args});`);
  w.line(`if (SPZ_LIKELY(rt_.st == 0)) ${reg(op.dst)} = rt_.v.${RET_FIELD[cx.rep(op.dst)]};`);
  w.open("else");
  w.line("PyObject *b_ = rt_.v.o;");
  w.line(`if (rt_.st < 0 || spz_direct_check_return((SpzFunction *)fo_, &b_) < 0) { ${drop} ${cx.onErr(op.line)} }`);
  w.line(`if (!spz_unbox_${cx.rep(op.dst)}(b_, &${reg(op.dst)})) { ${drop} Py_XSETREF(${reg(op.boxed)}, b_); goto ${blockLabel(op.onBoxed)}; }`);
  w.line("Py_DECREF(b_);");
  w.close();
  w.line(drop);
  w.close();
}

function emitTerm(w: CWriter, t: IR.Terminator, cx: FnCtx): void {
  const reg = regName;
  const handler = cx.handler;
  switch (t.kind) {
    case "goto": w.line(`goto ${blockLabel(t.target)};`); return;
    case "branch": w.line(`if (${reg(t.cond)}) goto ${blockLabel(t.then)}; else goto ${blockLabel(t.else)};`); return;
    case "branch_null": w.line(`if (${reg(t.reg)} == NULL) goto ${blockLabel(t.ifNull)}; else goto ${blockLabel(t.otherwise)};`); return;
    case "return":
      if (cx.rep(t.value) !== "obj") w.line(`ret_.v.${RET_FIELD[cx.rep(t.value)]} = ${reg(t.value)}; goto done_unboxed;`);
      else w.line(`retval = ${reg(t.value)}; ${reg(t.value)} = NULL;${cx.f.direct ? " status = 1;" : ""} goto done;`);
      return;
    case "reraise": w.line(`goto ${handler === null ? "fail" : blockLabel(handler)};`); return;
    case "unreachable": w.line("goto fail; /* unreachable */"); return;
  }
}
