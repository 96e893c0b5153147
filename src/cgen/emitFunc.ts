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
import { blockLabel, constRef, errLabel, nativeName, regName } from "./names.ts";
import { InternalError } from "../diag/types.ts";

const CTYPE: Record<IR.Rep, string> = { obj: "PyObject *", i64: "int64_t ", f64: "double ", bool: "int " };

export function emitFunc(w: CWriter, f: IR.FuncIR, sourceLines: readonly string[], fileName: string): void {
  const reg = regName;
  w.line(`/* ${cComment(`${fileName}:${f.defLine}: def ${f.qualname}`)} */`);
  w.open(`static PyObject *${nativeName(f)}(SpzFunction *self, PyObject *const *args)`);
  // declarations: every register starts NULL/0 so the shared epilogue can release them blindly
  for (const r of f.regs) {
    const comment = r.local !== null ? ` /* ${cComment(r.local)} */` : "";
    w.line(`${CTYPE[r.rep]}${reg(r.id)} = ${r.rep === "obj" ? "NULL" : "0"};${comment}`);
  }
  w.line("PyObject *retval = NULL;");
  w.line(`int lineno = ${f.defLine};`);
  w.line("(void)self; (void)lineno;");
  f.params.forEach((p, i) => w.line(`${reg(p.reg)} = Py_NewRef(args[${i}]);`));
  w.line(`goto ${blockLabel(f.entry)};`);

  regRep = (r) => f.regs[r]!.rep;
  const handlers = new Set<IR.BlockId | null>([null]);
  let lastLine = -1;
  for (const b of f.blocks) {
    w.label(blockLabel(b.id));
    const onErr = (ln: number): string => {
      handlers.add(b.handler);
      return `{ lineno = ${ln}; goto ${errLabel(b.handler)}; }`;
    };
    for (const op of b.ops) {
      if (op.line !== lastLine && op.line > 0) {
        lastLine = op.line;
        const src = sourceLines[op.line - 1]?.trim() ?? "";
        w.line(`/* ${cComment(`${fileName}:${op.line}: ${src.slice(0, 90)}`)} */`);
      }
      emitOp(w, op, onErr, b.handler);
    }
    emitTerm(w, b.term, b.handler);
  }

  for (const h of handlers) {
    w.label(errLabel(h));
    w.line("spz_traceback_add(self, lineno);");
    w.line(h === null ? "goto fail;" : `goto ${blockLabel(h)};`);
  }
  w.label("fail");
  w.line("retval = NULL;");
  w.label("done");
  for (const r of f.regs) if (r.rep === "obj") w.line(`Py_XDECREF(${reg(r.id)});`);
  w.line("return retval;");
  w.close();
  w.line();
}

/** the representation of a register of the function being emitted */
let regRep: (r: IR.RegId) => IR.Rep = () => "obj";

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

function emitOp(w: CWriter, op: IR.Op, onErr: (ln: number) => string, handler: IR.BlockId | null): void {
  const reg = regName;
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
      w.line(`if (!spz_builtin_ok(self, ${constRef(op.name)}, "${op.which}")) goto ${blockLabel(op.onFail)};`);
      return;
    case "unbox":
      w.line(`if (!spz_unbox_${regRep(op.dst)}(${reg(op.src)}, &${reg(op.dst)})) goto ${blockLabel(op.onFail)};`);
      return;
    case "box": {
      const rep = regRep(op.src);
      const mk = rep === "i64" ? `PyLong_FromLongLong(${reg(op.src)})` : rep === "f64" ? `PyFloat_FromDouble(${reg(op.src)})` : `Py_NewRef(${reg(op.src)} ? Py_True : Py_False)`;
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

function emitTerm(w: CWriter, t: IR.Terminator, handler: IR.BlockId | null): void {
  const reg = regName;
  switch (t.kind) {
    case "goto": w.line(`goto ${blockLabel(t.target)};`); return;
    case "branch": w.line(`if (${reg(t.cond)}) goto ${blockLabel(t.then)}; else goto ${blockLabel(t.else)};`); return;
    case "branch_null": w.line(`if (${reg(t.reg)} == NULL) goto ${blockLabel(t.ifNull)}; else goto ${blockLabel(t.otherwise)};`); return;
    case "return": w.line(`retval = ${reg(t.value)}; ${reg(t.value)} = NULL; goto done;`); return;
    case "reraise": w.line(`goto ${handler === null ? "fail" : blockLabel(handler)};`); return;
    case "unreachable": w.line("goto fail; /* unreachable */"); return;
  }
}
