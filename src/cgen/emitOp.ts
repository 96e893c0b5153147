/**
 * Op and terminator emission for one block, shared by the whole-function and the split layouts
 * (emitFunc.ts). What differs between layouts comes in through FnCtx: where errors go, how a
 * jump into the other C function of a split is made, how a return leaves.
 */
import type * as IR from "../ir/types.ts";
import type { CWriter } from "./writer.ts";
import { BOX_KIND, KERNEL_ABORT, SLOT_FIELD, blockLabel, kernelCall, constRef, errLabel, frameInfoName, hotName, implName, layoutCacheName, nativeName, regName } from "./names.ts";
import { InternalError } from "../diag/types.ts";

export const CTYPE: Record<IR.Rep, string> = { obj: "PyObject *", i64: "int64_t ", f64: "double ", bool: "int ", i128: "__int128 ", u64: "uint64_t " };

/** The SpzRet field of an unboxed representation. */
export const RET_FIELD: Record<IR.Rep, string> = { i64: "i", f64: "f", bool: "b", obj: "o", i128: "<none>", u64: "u" };

/** What op emission needs to know about the function and module around it. */
export interface FnCtx {
  readonly f: IR.FuncIR;
  readonly m: IR.ModuleIR;
  rep(r: IR.RegId): IR.Rep;
  /** C statement that records the line and jumps to this block's error path */
  onErr(ln: number): string;
  readonly handler: IR.BlockId | null;
  /** the per-site static (inline cache) of the op being emitted */
  site(): string;
  /** C statement counting a failure of this op's guard edge under SPYC_STATS ("" when none) */
  stat(edge: "fail" | "boxed"): string;
  /** C for `goto target` (a split function hands over to its other half instead) */
  jump(target: IR.BlockId): string;
  /** the C function returns SpzRet (status 1 = boxed result) rather than PyObject* */
  readonly spzRet: boolean;
  /** callee index -> whether its direct entry is a split hot function */
  isSplit(index: number): boolean;
  /** the line a direct call moves the caller's stack frame to first (0: it is there already) */
  callerLine(): number;
  /** `op` writes obj register `r` while it is NULL on every path (exitRegs.ts nullBeforeOps) */
  fresh(op: IR.Op, r: IR.RegId): boolean;
}

/** C storing a new reference `v` into obj register `r`, which `op` writes: releasing the old one */
function setReg(cx: FnCtx, op: IR.Op, r: IR.RegId, v: string): string {
  return cx.fresh(op, r) ? `${regName(r)} = ${v};` : `Py_XSETREF(${regName(r)}, ${v});`;
}

/** C expression boxing an unboxed register (a new reference or NULL). */
export function boxExpr(rep: IR.Rep, v: string): string {
  if (rep === "i128") return `spz_i128_to_pylong(${v})`;
  if (rep === "u64") return `PyLong_FromUnsignedLongLong(${v})`;
  return rep === "i64" ? `PyLong_FromLongLong(${v})` : rep === "f64" ? `PyFloat_FromDouble(${v})` : `Py_NewRef(${v} ? Py_True : Py_False)`;
}

type BoxOp = Extract<IR.Op, { kind: "box" }>;

/**
 * How many ops from `i` on form a run for emitBoxRun (0: none): at least two `box` ops of one
 * line into distinct registers, as a deopt block boxes the live values at a resume point
 * (irbuild/specCtx.ts `deoptBlock`).
 */
export function boxRunAt(ops: readonly IR.Op[], i: number): number {
  const first = ops[i];
  if (first === undefined || first.kind !== "box") return 0;
  const dsts = new Set<IR.RegId>();
  let n = 0;
  for (let op = ops[i]; op !== undefined && op.kind === "box" && op.line === first.line && !dsts.has(op.dst); op = ops[i + ++n]) dsts.add(op.dst);
  return n >= 2 ? n : 0;
}

/**
 * A run of boxes (boxRunAt) as one call of the runtime's spz_box_n: inline, each box was a call,
 * a test and a release, and the generic halves' deopt blocks held about a tenth of a cold unit's
 * compile time (sample100: cc1 2.98 G instructions, 0.32 G of them these boxes). Same order, and
 * the same registers written when a box fails part way (spz_box_n stops there).
 */
export function emitBoxRun(w: CWriter, ops: readonly IR.Op[], cx: Pick<FnCtx, "rep" | "onErr">): void {
  const run = ops as readonly BoxOp[];
  const objs = run.map((o) => regName(o.dst));
  const vals = run.map((o) => `{.${SLOT_FIELD[cx.rep(o.src)]} = ${regName(o.src)}}`);
  const kinds = run.map((o) => (o.ifSet === null ? BOX_KIND[cx.rep(o.src)] : `${regName(o.ifSet)} ? ${BOX_KIND[cx.rep(o.src)]} : SPZ_BOX_NONE`));
  const back = objs.map((r, j) => `${r} = o_[${j}];`).join(" ");
  w.line(`{ PyObject *o_[] = {${objs.join(", ")}}; const SpzSlot v_[] = {${vals.join(", ")}}; const unsigned char k_[] = {${kinds.join(", ")}};`
    + ` int e_ = spz_box_n(${run.length}, o_, v_, k_); ${back} if (SPZ_UNLIKELY(e_ < 0)) ${cx.onErr(run[0]!.line)} }`);
}

function subst(text: string, args: readonly IR.RegId[]): string {
  return text.replace(/\$(\d+)/g, (_m, i: string) => regName(args[Number(i)]!));
}

/** `spz_callmethod(`, or a fast path's `spz_callmethod_deque(SPZ_DEQUE_POPLEFT, ` (same arguments) */
function callmethodHead(op: Extract<IR.Op, { kind: "vcall_method" }>): string {
  if (!op.fast) return "spz_callmethod(";
  const [mod, meth] = op.fast.split(".") as [string, string];
  return `spz_callmethod_${mod}(SPZ_${mod.toUpperCase()}_${meth.toUpperCase()}, `;
}

function operand(o: IR.Operand): string {
  switch (o.k) {
    case "reg": return regName(o.reg);
    case "const": return constRef(o.index);
    case "c": return o.text;
    case "int": return String(o.value);
  }
}

const STORE_TYPE: Record<string, string> = { i64: "&PyLong_Type, 0", u64: "&PyLong_Type, 1", f64: "&PyFloat_Type, 0", bool: "&PyBool_Type, 0" };

/**
 * layout_guard: the fast check of every object; when one fails, the cold fill of each object's
 * cache (one resolve per field, all at one version tag of the object's type), then the fast
 * check of all of them again: the fill may run Python code (a class plan), which could have
 * changed an object checked before it.
 */
function emitLayoutGuard(w: CWriter, op: Extract<IR.Op, { kind: "layout_guard" }>, cx: FnCtx): void {
  const cache = (k: number): string => layoutCacheName(cx.f, op.id, k);
  const ok = op.objs.map((o, k) => `spz_layout_ok(${regName(o.obj)}, &${cache(k)}.h)`).join(" && ");
  const deopt = `{ ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`;
  w.line(`if (SPZ_FORCE_DEOPT || SPZ_UNLIKELY(!(${ok}))) {`);
  op.objs.forEach((o, k) => {
    const c = cache(k), r = regName(o.obj);
    const fields = o.fields.map((x, i) => x.native ? [
      // a native double field: only that layout fills (spz/spec.h spz_layout_get_n)
      ...(x.read ? [`spz_layout_get_n(${r}, ${constRef(x.name)}, &t_, &${c}.off[${i}])`] : []),
      ...(x.store ? [`spz_layout_set_n(${r}, ${constRef(x.name)}, &t_, &${c}.off[${i}], ${x.read ? 1 : 0})`] : []),
    ].join(" && ") : [
      ...(x.read ? [`spz_layout_get(${r}, ${constRef(x.name)}, &t_, &${c}.off[${i}])`] : []),
      ...(x.store ? [`spz_layout_set(${r}, ${constRef(x.name)}, ${STORE_TYPE[x.store]}, &t_, &${c}.off[${i}], ${x.read ? 1 : 0})`] : []),
    ].join(" && "));
    w.line(`  { unsigned int t_ = 0; if (!(spz_layout_reset(&${c}.h, ${r}) && ${fields.join(" && ")} && spz_layout_end(&${c}.h, ${r}, t_))) ${deopt} }`);
  });
  w.line(`  if (SPZ_FORCE_DEOPT || !(${ok})) ${deopt}`);
  w.line("}");
}

export function emitOp(w: CWriter, op: IR.Op, cx: FnCtx): void {
  const reg = regName;
  const { onErr, handler } = cx;
  switch (op.kind) {
    case "const":
      w.line(setReg(cx, op, op.dst, `Py_NewRef(${constRef(op.index)})`));
      return;
    case "copy":
      w.line(setReg(cx, op, op.dst, `Py_NewRef(${reg(op.src)})`));
      return;
    case "move":
      w.line(`${setReg(cx, op, op.dst, reg(op.src))} ${reg(op.src)} = NULL;`);
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
          w.line(`{ PyObject *t_ = ${call};${steal} if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${op.dst !== null ? setReg(cx, op, op.dst, "t_") : "Py_DECREF(t_);"} }`);
          return;
        case "neg":
          w.line(`{ int t_ = ${call};${steal} if (SPZ_UNLIKELY(t_ < 0)) ${onErr(op.line)}${op.dst !== null ? ` ${reg(op.dst)} = t_;` : ""} }`);
          return;
        case "never":
          if (op.dst !== null) w.line(`${setReg(cx, op, op.dst, call)}${steal}`);
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
        ? `spz_vcall_obj(${reg(op.callee)}, a_ + 1, ${npos} | PY_VECTORCALL_ARGUMENTS_OFFSET, ${kw}, SPZ_SITE(SpzObjCallCache))`
        : `${callmethodHead(op)}${constRef(op.name)}, a_ + 1, ${npos} | PY_VECTORCALL_ARGUMENTS_OFFSET, ${kw}, &${cx.site()})`;
      w.line(`{ PyObject *a_[] = {${items.join(", ")}}; PyObject *t_ = ${call}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${setReg(cx, op, op.dst, "t_")} }`);
      return;
    }
    case "getattr":
      w.line(`{ PyObject *t_ = spz_getattr(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}); if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${setReg(cx, op, op.dst, "t_")} }`);
      return;
    case "setattr":
      w.line(`if (SPZ_UNLIKELY(spz_setattr(${reg(op.obj)}, ${constRef(op.name)}, ${reg(op.value)}, &${cx.site()}) < 0)) ${onErr(op.line)}`);
      return;
    case "build": {
      const n = op.items.length;
      const mk = op.what === "tuple" ? `PyTuple_New(${n})` : `PyList_New(${n})`;
      const set = op.what === "tuple" ? "PyTuple_SET_ITEM" : "PyList_SET_ITEM";
      w.open();
      w.line(`PyObject *t_ = ${mk}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)}`);
      op.items.forEach((r, i) => w.line(`${set}(t_, ${i}, ${reg(r)}); ${reg(r)} = NULL;`));
      w.line(setReg(cx, op, op.dst, "t_"));
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
      op.outs.forEach((r, i) => w.line(setReg(cx, op, r, `o_[${i}]`)));
      w.close();
      return;
    }
    case "iter_next":
      w.line(`{ PyObject *t_ = spz_iter_next(${reg(op.iter)}, ${op.reuse !== undefined ? reg(op.reuse) : "NULL"}); if (SPZ_UNLIKELY(t_ == NULL && PyErr_Occurred())) ${onErr(op.line)} ${setReg(cx, op, op.dst, "t_")} }`);
      return;
    case "is":
      w.line(`${reg(op.dst)} = (${reg(op.a)} == ${reg(op.b)});`);
      return;
    case "box_bool":
      w.line(setReg(cx, op, op.dst, `Py_NewRef(${reg(op.src)} ? Py_True : Py_False)`));
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
      w.line(`if (SPZ_FORCE_DEOPT || SPZ_UNLIKELY(${op.fn}(${args}))) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    }
    case "guard":
      w.line(`if (!SPZ_GUARD_OK(${subst(op.text, op.args)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "guard_builtin":
      if (op.which.startsWith("math.")) {
        w.line(`if (SPZ_FORCE_DEOPT || !spz_math_cached(self, ${constRef(op.name)}, "${op.which.slice(5)}", &${cx.site()})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      } else {
        w.line(`if (SPZ_FORCE_DEOPT || !spz_builtin_cached(self, ${constRef(op.name)}, "${op.which}", &${cx.site()})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      }
      return;
    case "unbox":
      w.line(`if (!spz_unbox_${cx.rep(op.dst)}(${reg(op.src)}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "call_direct": return emitCallDirect(w, op, cx);
    case "guard_direct":
      w.line(`if (SPZ_FORCE_DEOPT || spz_direct_target(self, ${constRef(op.name)}, &${cx.site()}, ${nativeName(cx.m.funcs[op.func]!)}) == NULL) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "global_num": {
      const attr = op.attr !== null ? constRef(op.attr) : "NULL";
      w.line(`if (SPZ_FORCE_DEOPT || !spz_gconst_${op.len ? "len" : cx.rep(op.dst)}(self, ${constRef(op.name)}, ${attr}, &${cx.site()}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    }
    case "layout_guard": return emitLayoutGuard(w, op, cx);
    case "str_eq":
      w.line(`if (SPZ_FORCE_DEOPT || !spz_slot_str_eq(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}, ${operand(op.other)}, ${op.neg ? 1 : 0}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "dict_item": {
      const key = op.attr !== null ? `${operand(op.key)}, ${constRef(op.attr)}, &${cx.site()}` : `${operand(op.key)}, NULL, NULL`;
      w.line(`if (SPZ_FORCE_DEOPT || !spz_dict_item_${cx.rep(op.dst)}(${reg(op.dict)}, ${key}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    }
    case "slot_item":
      w.line(`if (SPZ_FORCE_DEOPT || !spz_slot_item_${cx.rep(op.dst)}(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}, ${reg(op.index)}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "slot_get":
      if (op.layout) {
        const off = `${layoutCacheName(cx.f, op.layout.guard, op.layout.obj)}.off[${op.layout.field}]`;
        if (op.native) { w.line(`if (SPZ_FORCE_DEOPT) goto ${blockLabel(op.onFail)}; ${reg(op.dst)} = spz_nlslot_get(${reg(op.obj)}, ${off});`); return; }
        if (op.layout.known) { w.line(`if (SPZ_FORCE_DEOPT) goto ${blockLabel(op.onFail)}; spz_lslot_known_${cx.rep(op.dst)}(${reg(op.obj)}, ${off}, &${reg(op.dst)});`); return; }
        w.line(`if (SPZ_FORCE_DEOPT || SPZ_UNLIKELY(!spz_lslot_get_${cx.rep(op.dst)}(${reg(op.obj)}, ${off}, &${reg(op.dst)}))) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
        return;
      }
      w.line(`if (SPZ_FORCE_DEOPT || !spz_${op.native ? "n" : ""}slot_get_${cx.rep(op.dst)}(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}, &${reg(op.dst)})) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
      return;
    case "dict_acc": {
      const attr = op.attr !== null ? constRef(op.attr) : "NULL", site = op.attr !== null ? `&${cx.site()}` : "NULL";
      const dflt = op.dflt !== null ? constRef(op.dflt) : "NULL";
      w.line(`if (SPZ_UNLIKELY(spz_dict_acc_${cx.rep(op.src)}(${reg(op.dict)}, ${reg(op.key)}, ${attr}, ${site}, ${dflt}, ${reg(op.src)}, ${op.sub ? 1 : 0}) < 0)) ${onErr(op.line)}`);
      return;
    }
    case "attr_acc":
      w.line(`if (SPZ_UNLIKELY(spz_attr_acc_${cx.rep(op.src)}(${reg(op.obj)}, ${constRef(op.name)}, ${cx.site()}, ${reg(op.src)}, ${op.sub ? 1 : 0}) < 0)) ${onErr(op.line)}`);
      return;
    case "slot_item_set":
      w.line(`{ int st_ = SPZ_FORCE_DEOPT ? 0 : spz_slot_item_set_${cx.rep(op.src)}(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}, ${reg(op.index)}, ${reg(op.src)});`);
      w.line(`  if (SPZ_UNLIKELY(st_ <= 0)) { if (st_ < 0) ${onErr(op.line)} ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; } }`);
      return;
    case "slot_set":
      if (op.layout) {
        const off = `${layoutCacheName(cx.f, op.layout.guard, op.layout.obj)}.off[${op.layout.field}]`;
        if (op.native) { w.line(`if (SPZ_FORCE_DEOPT) goto ${blockLabel(op.onFail)}; spz_nlslot_set(${reg(op.obj)}, ${off}, ${reg(op.src)});`); return; }
        w.line(`{ int st_ = SPZ_FORCE_DEOPT ? 0 : spz_lslot_${op.layout.known ? "setk" : "set"}_${cx.rep(op.src)}(${reg(op.obj)}, ${off}, ${reg(op.src)});`);
      } else {
        w.line(`{ int st_ = SPZ_FORCE_DEOPT ? 0 : spz_${op.native ? "n" : ""}slot_set_${cx.rep(op.src)}(${reg(op.obj)}, ${constRef(op.name)}, &${cx.site()}, ${reg(op.src)});`);
      }
      w.line(`  if (SPZ_UNLIKELY(st_ <= 0)) { if (st_ < 0) ${onErr(op.line)} ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; } }`);
      return;
    case "box": {
      const mk = boxExpr(cx.rep(op.src), reg(op.src));
      const body = `{ PyObject *t_ = ${mk}; if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${setReg(cx, op, op.dst, "t_")} }`;
      w.line(op.ifSet !== null ? `if (${reg(op.ifSet)}) ${body}` : body);
      return;
    }
    case "range_resume":
      w.line(`{ PyObject *t_ = spz_range_resume(${reg(op.cur)}, ${reg(op.remaining)}, ${reg(op.step)}); if (SPZ_UNLIKELY(t_ == NULL)) ${onErr(op.line)} ${setReg(cx, op, op.dst, "t_")} }`);
      return;
    default: {
      const never: never = op;
      throw new InternalError(`cgen: unknown op ${(never as IR.Op).kind}`);
    }
  }
}

/**
 * Guard (the global still names the callee; recursion budget: spz_direct_budget), then call the callee's
 * direct entry with a reference held, as CPython holds the callable during a call.
 */
function emitCallDirect(w: CWriter, op: Extract<IR.Op, { kind: "call_direct" }>, cx: FnCtx): void {
  if (op.closed) return emitClosedSelfCall(w, op, cx);
  const reg = regName;
  const callee = cx.m.funcs[op.func]!;
  const site = cx.site();
  const split = cx.isSplit(op.func);
  const args = ["(SpzFunction *)fo_", ...(split ? [] : ["NULL"]), "dep_ - 1", "ts_, cfr_.f", ...op.args.map(reg), ...outArgs(op), ...(callee.direct?.proof ? ["0"] : [])].join(", ");
  const drop = "if (own_) Py_DECREF(fo_);";
  w.open();
  w.line("int rsv_ = 0, dep_ = 0;");
  w.line(op.method
    ? `PyObject *fo_ = spz_method_target(${reg(op.args[0]!)}, ${constRef(op.name)}, &${site}, ${nativeName(callee)});`
    : `PyObject *fo_ = spz_direct_target(self, ${constRef(op.name)}, &${site}, ${nativeName(callee)});`);
  // the caller's frame moves to this line (also right for the generic call if the guard fails),
  // and its thread state is at hand for the budget and the callee's stack frame (spz/frames.h)
  const ln = cx.callerLine();
  const mine = `&ts_, &cf_, &${frameInfoName(cx.f)}`;
  w.line(ln > 0 ? `spz_frame_line(${mine}, ${ln});` : `spz_frame_find(${mine});`);
  // object arguments the caller could not prove: the callee's contract plan, or the generic call
  const checks = (op.checks ?? []).map((i) => ` || !spz_direct_arg_ok((SpzFunction *)fo_, ${i}, ${reg(op.args[i]!)})`).join("");
  w.line(`if (SPZ_FORCE_DEOPT || fo_ == NULL${checks} || (dep_ = spz_direct_budget_in(ts_, depth_, &rsv_)) == 0) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
  // a recursive call needs no reference: the running caller already keeps `self` alive
  w.line("int own_ = fo_ != (PyObject *)self; if (own_) Py_INCREF(fo_);");
  w.line(`SpzFrame cfr_; spz_frame_push_in(ts_, &cfr_, (SpzFunction *)fo_, &${frameInfoName(callee)});`);
  w.line(`SpzRet rt_ = ${split ? hotName(callee) : implName(callee)}(${args}); spz_frame_pop(&cfr_); spz_direct_release_in(ts_, rsv_);`);
  if (callee.direct?.ret === "obj") {
    // an object result always comes boxed: its return contract, then the destination
    w.line(`PyObject *b_ = rt_.v.o;`);
    w.line(`if (rt_.st < 0 || spz_direct_check_return((SpzFunction *)fo_, &b_) < 0) { ${drop} ${cx.onErr(op.line)} }`);
    w.line(setReg(cx, op, op.dst, "b_"));
    w.line(drop);
    w.close();
    return;
  }
  w.line(`if (SPZ_LIKELY(rt_.st == 0)) ${reg(op.dst)} = rt_.v.${RET_FIELD[cx.rep(op.dst)]};`);
  w.open("else");
  w.line("PyObject *b_ = rt_.v.o;");
  w.line(`if (rt_.st < 0 || spz_direct_check_return((SpzFunction *)fo_, &b_) < 0) { ${drop} ${cx.onErr(op.line)} }`);
  w.line(`if (!${unboxResult(op, cx)}) { ${drop} ${setReg(cx, op, op.boxed, "b_")} ${cx.stat("boxed")}goto ${blockLabel(op.onBoxed)}; }`);
  w.line("Py_DECREF(b_);");
  w.close();
  w.line(drop);
  w.close();
}

/** Where a direct call's callee writes the other parts of a tuple result (DirectEntry.more). */
const outArgs = (op: Extract<IR.Op, { kind: "call_direct" }>): string[] => (op.more ?? []).map((r) => `&${regName(r)}`);

/** C condition: the boxed result `b_` unboxes into the call's destination(s), else it stays boxed. */
function unboxResult(op: Extract<IR.Op, { kind: "call_direct" }>, cx: FnCtx): string {
  if (!op.more?.length) return `spz_unbox_${cx.rep(op.dst)}(b_, &${regName(op.dst)})`;
  const parts = [op.dst, ...op.more];
  const items = parts.map((r, i) => `spz_unbox_${cx.rep(r)}(PyTuple_GET_ITEM(b_, ${i}), &${regName(r)})`);
  return `(PyTuple_CheckExact(b_) && PyTuple_GET_SIZE(b_) == ${parts.length} && ${items.join(" && ")})`;
}

/**
 * A closed self-call (passes/closedSelfCalls.ts): with the proof (`proof_`), the callee is `self`
 * and the global is not read; without it, the guard as above, and the callee gets the proof when
 * the global names `self`. No frame for the callee (no Python code runs until it returns). The
 * proof survives a result returned unboxed (all levels stayed in closed specialized code); a
 * boxed result (a level finished in generic code) drops it and always leaves the body.
 */
function emitClosedSelfCall(w: CWriter, op: Extract<IR.Op, { kind: "call_direct" }>, cx: FnCtx): void {
  const reg = regName;
  const f = cx.f;
  const split = cx.isSplit(op.func);
  // no frame for the callee: it finds the thread state itself if it needs it
  const args = ["(SpzFunction *)fo_", ...(split ? [] : ["NULL"]), "dep_ - 1", "NULL, NULL", ...op.args.map(reg), ...outArgs(op), "pf_"].join(", ");
  const drop = "if (!pf_) Py_DECREF(fo_);";
  const done = `kdone_${cx.site()}`;
  if (f.direct?.kernel) {
    // with the proof, run the pure kernel; if it abandons its run, make the call as below
    // (proof 2: a kernel run below was abandoned: none again in this call tree, so a deep
    // recursion that meets the limit is not re-run from every level)
    w.open(`if (SPZ_LIKELY(proof_ == 1) && !SPZ_FORCE_DEOPT)`);
    w.line("int rk_ = 0, dk_ = spz_direct_budget(depth_, &rk_);");
    w.open("if (dk_ != 0)");
    w.line(`${KERNEL_ABORT} = 0; ${CTYPE[cx.rep(op.dst)]}v_ = ${kernelCall(f, "dk_ - 1", op.args.map(reg))}; spz_direct_release(rk_);`);
    w.line(`if (SPZ_LIKELY(!${KERNEL_ABORT})) { ${reg(op.dst)} = v_; goto ${done}; }`);
    w.line("proof_ = 2;");
    w.close();
    w.close();
  }
  w.open();
  w.line("int rsv_ = 0, dep_ = 0;");
  w.line(`PyObject *fo_ = SPZ_LIKELY(proof_) ? (PyObject *)self : spz_direct_target(self, ${constRef(op.name)}, &${cx.site()}, ${nativeName(f)});`);
  w.line(`if (SPZ_FORCE_DEOPT || fo_ == NULL || (dep_ = spz_direct_budget(depth_, &rsv_)) == 0) { ${cx.stat("fail")}goto ${blockLabel(op.onFail)}; }`);
  // another object with the same code (a second instance of the module) holds its own reference
  w.line("int pf_ = fo_ != (PyObject *)self ? 0 : proof_ == 2 ? 2 : 1; if (!pf_) Py_INCREF(fo_);");
  w.line(`SpzRet rt_ = ${split ? hotName(f) : implName(f)}(${args}); spz_direct_release(rsv_);`);
  w.line(`if (SPZ_LIKELY(rt_.st == 0)) { ${reg(op.dst)} = rt_.v.${RET_FIELD[cx.rep(op.dst)]}; proof_ = pf_; }`);
  w.open("else");
  w.line("PyObject *b_ = rt_.v.o; proof_ = 0;");
  w.line(`if (rt_.st < 0 || spz_direct_check_return((SpzFunction *)fo_, &b_) < 0) { ${drop} ${cx.onErr(op.line)} }`);
  w.line(`${drop} ${setReg(cx, op, op.boxed, "b_")} ${cx.stat("boxed")}goto ${blockLabel(op.onBoxed)};`);
  w.close();
  w.line(drop);
  w.close();
  if (f.direct?.kernel) w.label(done);
}

export function emitTerm(w: CWriter, t: IR.Terminator, cx: FnCtx): void {
  const reg = regName;
  const handler = cx.handler;
  switch (t.kind) {
    case "goto": w.line(cx.jump(t.target)); return;
    case "branch": w.line(`if (${reg(t.cond)}) goto ${blockLabel(t.then)}; else goto ${blockLabel(t.else)};`); return;
    case "branch_null": w.line(`if (${reg(t.reg)} == NULL) goto ${blockLabel(t.ifNull)}; else goto ${blockLabel(t.otherwise)};`); return;
    case "return":
      if (cx.rep(t.value) !== "obj") {
        const parts = (t.more ?? []).map((r, i) => `*out${i + 1}_ = ${reg(r)}; `).join("");
        w.line(`${parts}ret_.v.${RET_FIELD[cx.rep(t.value)]} = ${reg(t.value)}; goto done_unboxed;`);
      }
      else w.line(`retval = ${reg(t.value)}; ${reg(t.value)} = NULL;${cx.spzRet ? " status = 1;" : ""} goto done;`);
      return;
    case "reraise": w.line(`goto ${handler === null ? "fail" : blockLabel(handler)};`); return;
    case "unreachable": w.line("goto fail; /* unreachable */"); return;
  }
}
