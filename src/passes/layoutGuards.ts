/**
 * Pass: field-layout guards checked once per object per region, not per access.
 *
 * Every slot_get/slot_set checks on its own that the object's exact type, at an unchanged version
 * tag, keeps the field in a plain slot (per-site cache). Within one block, a stretch of ops that
 * run no Python code and rebind no obj register (`layoutSafe`) cannot change an object's type, its
 * version tag or its type's attributes: nothing can assign `__class__`, replace a descriptor or a
 * `__setattr__`, since all of that needs Python code (or a C extension called from it). So the
 * pass puts one `layout_guard` before the first slot access of such a stretch, covering every
 * object the stretch accesses and the fields it reads or stores, and marks the accesses (`layout`)
 * so that they only load the offset and check the slot's value.
 *
 * The stretch: the ops after a boundary up to the next boundary, where a boundary is any op that
 * is neither `layoutSafe` nor a slot access (a call, a generic op, a loop poll that may run signal
 * handlers, any write of an obj register, whose release of the old value may run a finalizer).
 * A covered store deopts unless the slot's old value is of the stored value's exact type, so
 * releasing it runs no finalizer either (spz_lslot_set_*); before, it stored and released anything.
 *
 * A later covered access of a field an earlier one of the stretch read or stored (same object
 * register, same Python type) is `known`: covered stores put only that exact type in the slot and
 * nothing else can write it, so it checks nothing (n-body's `a.vx -= ...`: the store after the read).
 *
 * One guard_builtin/guard_direct after the stretch's first access does not end it: it moves to
 * just before the layout guard and takes its deopt edge. Its condition, too, changes only by
 * Python code, and whatever its cold lookup may run then runs before the layout is checked.
 *
 * The guard takes the deopt edge of the access it precedes: at that point the state is exactly
 * the one that access would deopt with, and a deopt is never observable, so failing there for an
 * object whose own first access comes later is as correct as failing at that access.
 * The verifier re-checks every covered access (`layoutErrors`).
 */
import type * as IR from "../ir/types.ts";

/**
 * Ops that run no Python code and write no obj register (a covered access is checked apart).
 * Not the name guards and global reads: their cold lookups search dicts, where a key's `__eq__`
 * may be Python code.
 */
export function layoutSafe(op: IR.Op, f: IR.FuncIR): boolean {
  switch (op.kind) {
    case "guard":
      return true;
    case "imm": case "cexpr": case "guarded": case "unbox": case "slot_get": case "move": case "copy":
      return f.regs[op.dst]!.rep !== "obj";
    default:
      return false;
  }
}

type Access = Extract<IR.Op, { kind: "slot_get" | "slot_set" }>;
const isNameGuard = (op: IR.Op): op is Extract<IR.Op, { kind: "guard_builtin" | "guard_direct" }> =>
  op.kind === "guard_builtin" || op.kind === "guard_direct";
const isAccess = (op: IR.Op): op is Access => op.kind === "slot_get" || op.kind === "slot_set";

/**
 * The Python type of the value an access reads or stores, for the reps whose check is the exact
 * type alone (an int read also checks the range, which a store of the other int rep can break).
 */
const PY_TYPE: Partial<Record<IR.Rep, string>> = { f64: "float", bool: "bool" };
const slotKey = (f: IR.FuncIR, op: Access): string =>
  `${op.obj}.${op.name}:${PY_TYPE[f.regs[op.kind === "slot_set" ? op.src : op.dst]!.rep] ?? "?"}`;

const storeRep = (f: IR.FuncIR, op: Access): IR.LayoutField["store"] =>
  op.kind === "slot_set" ? (f.regs[op.src]!.rep as IR.LayoutField["store"]) : null;

function guardBlock(f: IR.FuncIR, b: IR.Block, nextId: () => number): IR.Block {
  const out: IR.Op[] = [];
  let seg: IR.Op[] = [];
  const flush = (): void => {
    const accesses = seg.filter(isAccess);
    if (accesses.length < 2) { out.push(...seg); seg = []; return; }
    const id = nextId();
    const objs: { obj: IR.RegId; fields: IR.LayoutField[] }[] = [];
    const refOf = (op: Access): IR.LayoutRef => {
      let o = objs.findIndex((x) => x.obj === op.obj);
      if (o < 0) { objs.push({ obj: op.obj, fields: [] }); o = objs.length - 1; }
      // one entry per name (a read and the stores of one rep share its offset)
      const store = storeRep(f, op), fields = objs[o]!.fields;
      let k = fields.findIndex((x) => x.name === op.name && (store === null || x.store === null || x.store === store));
      if (k < 0) { fields.push({ name: op.name, read: false, store: null, ...(op.native ? { native: true as const } : {}) }); k = fields.length - 1; }
      const x = fields[k]!;
      fields[k] = { ...x, read: x.read || store === null, store: store ?? x.store };
      return { guard: id, obj: o, field: k };
    };
    const seen = new Set<string>();
    const marked = seg.map((op) => {
      if (!isAccess(op)) return op;
      const ref = refOf(op), key = slotKey(f, op);
      const known = seen.has(key) && !key.endsWith(":?");
      seen.add(key);
      return { ...op, layout: known ? { ...ref, known: true as const } : ref };
    });
    const first = seg.findIndex(isAccess), at = accesses[0]!;
    // the stretch's later builtin/global-function guards move up to just before the layout guard:
    // what they check changes only by Python code, which the stretch cannot run, so they hold at
    // the guard as they would later; and any Python code their lookups may run is done before it
    const rest = marked.slice(first);
    const moved = rest.filter(isNameGuard).map((op) => ({ ...op, onFail: at.onFail }));
    out.push(...marked.slice(0, first), ...moved, { kind: "layout_guard", id, objs, onFail: at.onFail, line: at.line }, ...rest.filter((op) => !isNameGuard(op)));
    seg = [];
  };
  // at most one name guard after the stretch's first access: moved to the front, its check would
  // otherwise come before another's lookup (which may run Python code) instead of after it
  let accessed = false, named = false;
  for (const op of b.ops) {
    if (isAccess(op)) { seg.push(op); accessed = true; continue; }
    if (layoutSafe(op, f)) { seg.push(op); continue; }
    if (isNameGuard(op) && !(accessed && named)) { seg.push(op); named ||= accessed; continue; }
    flush();
    accessed = named = false;
    out.push(op);
  }
  flush();
  return { ...b, ops: out };
}

export function layoutGuards(m: IR.ModuleIR): IR.ModuleIR {
  const funcs = m.funcs.map((f): IR.FuncIR => {
    if (!f.blocks.some((b) => b.ops.filter(isAccess).length >= 2)) return f;
    let id = 0;
    for (const b of f.blocks) for (const op of b.ops) if (op.kind === "layout_guard") id = Math.max(id, op.id + 1);
    return { ...f, blocks: f.blocks.map((b) => guardBlock(f, b, () => id++)) };
  });
  return { ...m, funcs };
}

/** The verifier's check: every covered access follows its guard in its block, with nothing between that could void it. */
export function layoutErrors(f: IR.FuncIR, b: IR.Block): string[] {
  const errs: string[] = [];
  let live: Extract<IR.Op, { kind: "layout_guard" }> | null = null;
  const ids = new Set<number>();
  let seen = new Set<string>();
  for (const op of b.ops) {
    if (op.kind === "layout_guard") {
      seen = new Set();
      if (ids.has(op.id)) errs.push(`layout_guard #${op.id} appears twice`);
      ids.add(op.id);
      if (op.objs.length === 0) errs.push(`layout_guard #${op.id} covers no object`);
      live = op; // its fill may run Python code, which voids any earlier guard
      continue;
    }
    if (isAccess(op) && op.layout) {
      const l = op.layout, o = live?.id === l.guard ? live.objs[l.obj] : undefined, fld = o?.fields[l.field];
      if (!o || !fld) errs.push(`${op.kind} covered by layout_guard #${l.guard}, which does not hold here`);
      else if (o.obj !== op.obj || fld.name !== op.name || (op.kind === "slot_get" ? !fld.read : fld.store !== storeRep(f, op))) errs.push(`${op.kind} does not match its entry in layout_guard #${l.guard}`);
      else if (!fld.native !== !op.native) errs.push(`${op.kind} and its entry in layout_guard #${l.guard} disagree on native`);
      const key = slotKey(f, op);
      if (l.known && !seen.has(key)) errs.push(`${op.kind} claims a known slot type no earlier covered access established`);
      seen.add(key);
      continue;
    }
    if (!layoutSafe(op, f)) { live = null; seen = new Set(); }
  }
  return errs;
}
