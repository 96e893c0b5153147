/**
 * Emits one FuncIR as C functions. In: a verified FuncIR. Out: C text. Knows nothing about
 * Python syntax: it prints exactly what the IR says (op emission: emitOp.ts).
 * Reference rule (from ir/types.ts): every obj register is NULL or owned, every write releases
 * the old value, and the epilogue releases them all — on every path.
 * Error rule: a failing op sets `lineno` and jumps to the error label of its block's handler,
 * which adds one traceback entry and continues at the handler (or leaves the function).
 *
 * Layouts:
 *  - generic function: `pyc_f_*` with the SpzEntry signature;
 *  - specialized function, split (split.ts): `pyc_f_*` boxed wrapper -> `pyc_i_*` (unboxing
 *    entry + generic twin, also resumable after a deopt) -> `pyc_h_*` (the specialized body,
 *    also the direct entry other compiled functions call);
 *  - specialized function that cannot be split: `pyc_f_*` wrapper -> `pyc_i_*` holding both
 *    twins, whose `args == NULL` mode is the direct entry.
 */
import type * as IR from "../ir/types.ts";
import { CWriter, cComment } from "./writer.ts";
import { blockLabel, errLabel, frameInfoName, hotName, implName, nativeName, regName, layoutCacheName } from "./names.ts";
import { CTYPE, RET_FIELD, boxExpr, boxRunAt, emitBoxRun, emitOp, emitTerm, type FnCtx } from "./emitOp.ts";
import { reachable, type SplitPlan } from "./split.ts";
import { liveBlocks } from "../ir/cfg.ts";
import { shareResumeBoxes, type BoxGroup } from "./resumeBoxes.ts";
import { kernelSignature } from "./kernel.ts";
import { liveAtReturn, nullBeforeOps, setAtJump } from "./exitRegs.ts";
import { isStackTemp, opRegs, termRegs } from "../ir/regs.ts";
import { STAT_SITES, statKey, type StatSites } from "./stats.ts";
import { BOX_KIND, SLOT_FIELD } from "./names.ts";
import { localsOf, forgetLocals, staleAtEntry, syncLocals, writtenLocals, type BodyMode, type FrameLocal } from "./frameLocals.ts";

/** Module-wide knowledge: which functions are split. */
export interface ModCtx {
  readonly m: IR.ModuleIR;
  readonly plans: ReadonlyMap<number, SplitPlan>;
  /** guard sites counted under SPYC_STATS (stats.ts) */
  readonly stats: StatSites;
}

const reg = regName;
/** label prefix of the boxing runs resume points share (resumeBoxes.ts) */
const SHARED_RUN = "RB";

/** The C signature of a whole specialized function's direct entry (`args` NULL: d0.. used). */
/**
 * A body entered from another C function gets the thread state and its own frame from there
 * (`ts_` NULL: not known, found at the first call out; else `cf_` is the body's frame, NULL if it
 * has none): whoever pushed the frame already has both, so the body looks nothing up.
 */
const FRAME_PARAMS = "PyThreadState *ts_, _PyInterpreterFrame *cf_";

function implSignature(f: IR.FuncIR, d: IR.DirectEntry): string {
  const ps = d.params.map((r, i) => `${CTYPE[f.regs[r]!.rep]}d${i}`);
  return `PYC_L SpzRet ${implName(f)}(${["SpzFunction *self", "PyObject *const *args", "int depth_", FRAME_PARAMS, ...ps, ...outParams(d), ...proofParam(d)].join(", ")})`;
}

function genericSignature(f: IR.FuncIR): string {
  return `PYC_L SpzRet ${implName(f)}(${[`SpzFunction *self, PyObject *const *args, int depth_, ${FRAME_PARAMS}, int resume_, SpzSlot *state_`, ...outParams(f.direct)].join(", ")})`;
}

function hotSignature(f: IR.FuncIR, p: SplitPlan): string {
  const ps = p.hotParams.map((r, i) => (p.borrowed.has(r) ? `PyObject *${reg(r)}` : `${CTYPE[f.regs[r]!.rep]}h${i}`));
  return `PYC_L SpzRet ${hotName(f)}(${["SpzFunction *self", "int depth_", FRAME_PARAMS, ...ps, ...outParams(f.direct), ...proofParam(f.direct)].join(", ")})`;
}

/** The boxed entry (SpzEntry): `ts` is the caller's thread state, so pushing the frame looks nothing up. */
const entrySignature = (f: IR.FuncIR): string => `PYC_L PyObject *${nativeName(f)}(SpzFunction *self, PyObject *const *args, PyThreadState *ts)`;

/** Out-parameters for the other parts of a tuple a direct entry returns (DirectEntry.more). */
const outParams = (d: IR.DirectEntry | null): string[] => (d?.more ?? []).map((r, i) => `${CTYPE[r]}*out${i + 1}_`);
const outNames = (f: IR.FuncIR): string[] => (f.direct?.more ?? []).map((_, i) => `out${i + 1}_`);

/** The proof flag of a direct entry (passes/closedSelfCalls.ts): a mutable local of the body. */
const proofParam = (d: IR.DirectEntry | null): string[] => (d?.proof ? ["int proof_"] : []);

/** Forward declarations, so functions can call each other's direct entries in any order. */
export function emitPrototypes(w: CWriter, f: IR.FuncIR, mc: ModCtx): void {
  w.line(`PYC_EXT SpzFrameInfo ${frameInfoName(f)};`);
  f.blocks.forEach((b) => b.ops.forEach((op) => {
    if (op.kind === "layout_guard") op.objs.forEach((o, k) => w.line(`typedef SPZ_LAYOUT_CACHE(${o.fields.length}) ${layoutCacheName(f, op.id, k)}_t;`));
  }));
  for (const c of siteCaches(f)) w.line(`PYC_EXT ${c};`);
  w.line(`${entrySignature(f)};`);
  const p = mc.plans.get(f.index);
  if (p) {
    w.line(`${genericSignature(f)};`);
    w.line(`${hotSignature(f, p)};`);
  } else if (f.direct) {
    w.line(`${implSignature(f, f.direct)};`);
  }
  if (f.direct?.kernel) w.line(`${kernelSignature(f)};`);
}

/**
 * The file-scope inline caches of f's guard sites, one per site and shared by all calls: the hot
 * and the generic half of a split function may read the same one from different units, so they
 * are declared with the prototypes (PYC_EXT) and defined with the function (PYC_L).
 */
function siteCaches(f: IR.FuncIR): string[] {
  const out: string[] = [];
  f.blocks.forEach((b) => b.ops.forEach((op, i) => {
    if (op.kind === "call_direct" && op.method) out.push(`SpzMethodCache ${siteName(f, b.id, i)}`);
    else if (op.kind === "call_direct" || op.kind === "guard_builtin" || op.kind === "guard_direct") out.push(`SpzGlobalCache ${siteName(f, b.id, i)}`);
    if (op.kind === "slot_get" || op.kind === "str_eq" || op.kind === "slot_item" || op.kind === "slot_item_set" || op.kind === "slot_set" || ((op.kind === "dict_acc" || op.kind === "dict_item") && op.attr !== null)) out.push(`SpzSlotCache ${siteName(f, b.id, i)}`);
    if (op.kind === "global_num") out.push(`SpzConstCache ${siteName(f, b.id, i)}`);
    // (a struct type of its own: named, so the declaration and the definition agree)
    if (op.kind === "layout_guard") op.objs.forEach((o, k) => out.push(`${layoutCacheName(f, op.id, k)}_t ${layoutCacheName(f, op.id, k)}`));
    else if (op.kind === "getattr" || op.kind === "setattr" || op.kind === "vcall_method") out.push(`SpzAttrCache ${siteName(f, b.id, i)}`);
    if (op.kind === "attr_acc") out.push(`SpzAttrCache ${siteName(f, b.id, i)}[2]`); // the load's and the store's
  }));
  return out;
}

/**
 * f's C functions into `w`; the generic half of a split function into `cold` when given (a unit
 * of its own, compiled for size and speed of compilation: cgen/units.ts).
 */
export function emitFunc(w: CWriter, f: IR.FuncIR, mc: ModCtx, sourceLines: readonly string[], fileName: string, cold?: CWriter): void {
  for (const c of siteCaches(f)) w.line(`PYC_L ${c};`);
  w.line(`/* ${cComment(`${fileName}:${f.defLine}: def ${f.qualname}`)} */`);
  const body = new BodyEmitter(w, f, mc, sourceLines, fileName);
  const plan = mc.plans.get(f.index);
  if (plan) return emitSplit(w, f, plan, body, cold ?? w);
  if (f.direct) emitWrapper(w, f, `${implName(f)}(${["self", "args", "base", "fr_.ts, fr_.f", ...f.direct.params.map(() => "0"), ...outNames(f).map((o) => `&${o}`), ...proofArg(f)].join(", ")})`);
  emitWhole(w, f, body);
}

/** Every caller but a closed self-call passes "no proof". */
const proofArg = (f: IR.FuncIR): string[] => (f.direct?.proof ? ["0"] : []);

const siteName = (f: IR.FuncIR, block: IR.BlockId, op: number): string => `pyc_gc_${f.index}_${block}_${op}`;

/** The boxed entry: run the SpzRet-returning body with boxed arguments, box an unboxed result. */
function emitWrapper(w: CWriter, f: IR.FuncIR, call: string): void {
  w.open(entrySignature(f));
  w.line("const int base = 0; /* no reserved recursion budget yet (spz_direct_budget) */");
  w.line(`SpzFrame fr_; spz_frame_push_in(ts, &fr_, self, &${frameInfoName(f)});`);
  const more = f.direct?.more ?? [];
  if (more.length) w.line(`${more.map((r, i) => `${CTYPE[r]}out${i + 1}_ = 0;`).join(" ")}`);
  w.line(`SpzRet r = ${call};`);
  w.line("spz_frame_pop(&fr_);");
  if (f.direct && more.length) {
    // a tuple returned in parts: build it (what the specialized body did not need to)
    const parts = [boxExpr(f.direct.ret, `r.v.${RET_FIELD[f.direct.ret]}`), ...more.map((r, i) => boxExpr(r, `out${i + 1}_`))];
    w.line(`if (r.st == 0) { PyObject *p_[${parts.length}] = {${parts.join(", ")}}; return spz_tuple_of_parts(p_, ${parts.length}); }`);
  } else if (f.direct && f.direct.ret !== "obj") w.line(`if (r.st == 0) return ${boxExpr(f.direct.ret, `r.v.${RET_FIELD[f.direct.ret]}`)};`);
  w.line("return r.st == 1 ? r.v.o : NULL;");
  w.close();
}

/** Emits blocks with their ops and remembers which error labels they need. */
class BodyEmitter {
  private lastLine = -1;
  /** the line this block last moved the stack frame to (spz_frame_line) */
  private frameLine = -1;
  /**
   * `ts_`/`cf_` are known at this point of the block: an spz_frame_line or spz_frame_find ran
   * before it in the block (straight-line C: nothing between resets them), so a sync needs no
   * second lookup
   */
  private frameFound = false;
  /** the locals changed since the body last copied them into its frame record (frameLocals.ts) */
  private stale = new Set<number>();
  private readonly locals: readonly FrameLocal[];
  private readonly localIndex: ReadonlyMap<IR.RegId, number>;
  /** per op, the temporaries it writes while they are NULL (exitRegs.ts) */
  private readonly nulls: ReadonlyMap<IR.Op, ReadonlySet<IR.RegId>>;
  /** the C function being emitted (frameLocals.ts) */
  mode: BodyMode = "generic";
  /** per block, leading ops emitted elsewhere (resumeBoxes.ts: a shared boxing run) */
  skip: ReadonlyMap<IR.BlockId, number> = new Map();
  handlers = new Set<IR.BlockId | null>();
  constructor(
    /** where the blocks go (emitSplit moves it to the generic half's unit and back) */
    public w: CWriter, private readonly f: IR.FuncIR, private readonly mc: ModCtx,
    private readonly sourceLines: readonly string[], private readonly fileName: string,
  ) {
    this.locals = localsOf(f);
    this.localIndex = new Map(this.locals.map((l, j) => [l.reg, j] as const));
    this.nulls = nullBeforeOps(f);
  }

  /** `entries`: the blocks this C function is entered at */
  blocks(blocks: readonly IR.Block[], spzRet: boolean, cold: (b: IR.BlockId) => boolean, jump: (t: IR.BlockId) => string,
    entries: readonly IR.BlockId[]): void {
    const { w, f } = this;
    const stale = staleAtEntry(f, blocks, this.locals, this.mode, entries, runsCode);
    for (const b of blocks) {
      this.stale = new Set(stale.get(b.id));
      // generic code of a specialized function runs only after a deopt: keep it out of the way
      if (cold(b.id)) w.line(`${blockLabel(b.id)}: __attribute__((cold));`);
      else w.label(blockLabel(b.id));
      let opIndex = 0;
      let callerLine = 0;
      this.frameLine = -1;
      this.frameFound = false;
      const cx: FnCtx = {
        f, m: this.mc.m, handler: b.handler, spzRet, jump,
        rep: (r) => f.regs[r]!.rep,
        onErr: (ln) => {
          this.handlers.add(b.handler);
          return `{ lineno = ${ln}; goto ${errLabel(b.handler)}; }`;
        },
        site: () => siteName(f, b.id, opIndex),
        stat: (edge) => {
          const k = this.mc.stats.index.get(statKey(f.index, b.id, opIndex, edge));
          return k === undefined ? "" : `SPZ_STAT_FAIL(${STAT_SITES}[${k}]); `;
        },
        isSplit: (i) => this.mc.plans.has(i),
        callerLine: () => callerLine,
        fresh: (op, r) => this.nulls.get(op)?.has(r) ?? false,
      };
      // a shared run already boxed these (into the same registers): only its writes count here
      const skipped = this.skip.get(b.id) ?? 0;
      for (let i = 0; i < skipped; i++) for (const j of writtenLocals(f, b.ops[i]!, this.localIndex)) this.stale.add(j);
      for (let i = skipped; i < b.ops.length; i++) {
        const op = b.ops[i]!;
        opIndex = i;
        if (op.line !== this.lastLine && op.line > 0) {
          this.lastLine = op.line;
          const src = this.sourceLines[op.line - 1]?.trim() ?? "";
          w.line(`/* ${cComment(`${this.fileName}:${op.line}: ${src.slice(0, 90)}`)} */`);
        }
        callerLine = this.moveFrame(op);
        this.syncBefore(op);
        // boxes run no Python code: neither the frame nor the record moves inside a run
        const run = boxRunAt(b.ops, i);
        const ops = run > 0 ? b.ops.slice(i, i + run) : [op];
        if (run > 0) emitBoxRun(w, ops, cx);
        else emitOp(w, op, cx);
        for (const o of ops) for (const j of writtenLocals(f, o, this.localIndex)) this.stale.add(j);
        i += ops.length - 1;
      }
      emitTerm(w, b.term, cx);
    }
  }

  /**
   * Before an op that may run Python code (which may look at the stack: warnings, logging,
   * inspect), the function's stack frame moves to the op's line, once per line within a block.
   * A direct call does it as part of pushing its callee's frame: its line is returned.
   */
  private moveFrame(op: IR.Op): number {
    if (!movesFrame(op) || op.line === this.frameLine) return 0;
    this.frameLine = op.line;
    if (op.kind === "call_direct") return op.line;
    this.w.line(`spz_frame_line(&ts_, &cf_, &${frameInfoName(this.f)}, ${op.line});`);
    this.frameFound = true;
    return 0;
  }

  /** Before an op that may run Python code, the frame record gets the locals' current values. */
  private syncBefore(op: IR.Op): void {
    if (this.stale.size === 0 || !runsCode(op)) return;
    const sync = syncLocals(this.f, this.locals, this.mode, false, [...this.stale].sort((a, b) => a - b));
    this.stale.clear();
    if (sync === "") return;
    this.w.line(this.frameFound ? sync : `spz_frame_find(&ts_, &cf_, &${frameInfoName(this.f)}); ${sync}`);
    this.frameFound = true;
  }

  /**
   * A boxing run shared by resume points (resumeBoxes.ts): the resume switch has set `lineno`;
   * the run then continues at the rest of each block.
   */
  sharedRun(label: string, g: BoxGroup): void {
    const { w, f } = this;
    w.line(`${label}: __attribute__((cold));`);
    this.handlers.add(null);
    emitBoxRun(w, g.ops, { rep: (r) => f.regs[r]!.rep, onErr: () => `goto ${errLabel(null)};` });
    w.line(`switch (resume_) { ${g.blocks.map((t) => `case ${t}: goto ${blockLabel(t)}; `).join("")}default: __builtin_unreachable(); }`);
  }

  /**
   * error labels, then `fail` and `done` (the caller writes what follows `done`); `leave` false:
   * the caller writes `leaving()` itself, after the other exits join `done`
   */
  errorExits(extraFail: string, leave = true): void {
    const w = this.w;
    const fi = `&${frameInfoName(this.f)}`;
    for (const h of this.handlers) {
      w.label(errLabel(h));
      // the traceback entry is the body's own frame, showing the locals of this moment
      w.line(`spz_frame_find(&ts_, &cf_, ${fi}); ${syncLocals(this.f, this.locals, this.mode, true)}`);
      w.line(`spz_traceback_live(self, ${fi}, &ts_, &cf_, lineno);`);
      w.line(h === null ? "goto fail;" : `goto ${blockLabel(h)};`);
    }
    this.handlers = new Set();
    w.label("fail");
    w.line(`retval = NULL;${extraFail}`);
    w.label("done");
    if (leave) this.leaving();
  }

  /**
   * The body leaves: a frame object of its record takes the final locals (spz_frame_keep), else
   * the record forgets its copies of registers about to be released.
   */
  leaving(): void {
    const keep = `${syncLocals(this.f, this.locals, this.mode, true)} spz_frame_keep(cf_);`;
    const forget = forgetLocals(this.f, this.locals, this.mode);
    this.w.line(`if (cf_ != NULL && SPZ_UNLIKELY(cf_->frame_obj != NULL)) { ${keep} }${forget ? ` else if (cf_ != NULL) { ${forget} }` : ""}`);
  }
}

/**
 * ops before which the frame record gets the current locals: they may run Python code (calls, and
 * what iterates or hashes through a type's methods), which may read the record; not the loop
 * polls, whose signal handlers see locals as of the last copy
 */
const runsCode = (op: IR.Op): boolean =>
  movesFrame(op) || op.kind === "iter_next" || op.kind === "unpack" || op.kind === "dict_acc";

/** ops that may run Python code, before which the stack frame shows their line */
function movesFrame(op: IR.Op): boolean {
  // a closed self-call runs no Python code before it returns: no one can look at the stack
  const calls = op.kind === "vcall" || op.kind === "vcall_method" || op.kind === "getattr" || op.kind === "setattr" || op.kind === "attr_acc"
    || (op.kind === "call_direct" && !op.closed) || (op.kind === "call_c" && op.err !== "never" && op.err !== "raise");
  return calls && op.line > 0;
}

/**
 * The body's handles on the stack (spz/frames.h): `ts_` and its own frame `cf_`. The boxed entry
 * that is the body itself pushes that frame (`own`) on the thread state it was given; a body
 * entered otherwise gets both from its caller, which pushed the frame (FRAME_PARAMS).
 */
function frameLocals(w: CWriter, f: IR.FuncIR, blocks: readonly IR.Block[], own: boolean): void {
  const fi = `&${frameInfoName(f)}`;
  if (own) {
    w.line(`SpzFrame fr_; spz_frame_push_in(ts, &fr_, self, ${fi});`);
    w.line("PyThreadState *ts_ = fr_.ts; _PyInterpreterFrame *cf_ = fr_.f; (void)ts_; (void)cf_;");
  } else {
    w.line("(void)ts_; (void)cf_; /* parameters (FRAME_PARAMS) */");
  }
}

const hasOp = (blocks: readonly IR.Block[], kind: IR.Op["kind"]): boolean => blocks.some((b) => b.ops.some((op) => op.kind === kind));

/** every register starts NULL/0 so an epilogue can release them blindly */
function declareRegs(w: CWriter, f: IR.FuncIR, skip: ReadonlySet<IR.RegId> = new Set(), only?: ReadonlySet<number>): void {
  for (const r of f.regs) {
    if (skip.has(r.id) || (only && !only.has(r.id))) continue;
    const comment = r.local !== null ? ` /* ${cComment(r.local)} */` : "";
    w.line(`${CTYPE[r.rep]}${reg(r.id)} = ${r.rep === "obj" ? "NULL" : "0"};${comment}`);
  }
}

/**
 * The order an exit releases obj registers in, as CPython leaves a frame: the value stack is
 * popped first, newest first (temporaries: registers are numbered in evaluation order, so the
 * highest first -- a finalizer of `D(2)` in `g(D(1), D(2), 1 // x)` runs before `D(1)`'s), then
 * the frame's locals in order (parameters and named locals, lowest first).
 */
function releaseOrder(f: IR.FuncIR, keep: (r: IR.RegId) => boolean): IR.RegId[] {
  const objs = f.regs.filter((r) => r.rep === "obj" && keep(r.id));
  return [...objs.filter(isStackTemp).reverse(), ...objs.filter((r) => !isStackTemp(r))].map((r) => r.id);
}

function releaseRegs(w: CWriter, f: IR.FuncIR, skip: ReadonlySet<IR.RegId> = new Set(), only?: ReadonlySet<number>): void {
  for (const r of releaseOrder(f, (r) => !skip.has(r) && (!only || only.has(r)))) w.line(`Py_XDECREF(${reg(r)});`);
}

/** arguments per spz_release_n call (well under any C compiler's limit) */
const RELEASE_CHUNK = 32;

/**
 * releaseRegs for an exit that runs once per call at most and never on the hot path (the generic
 * half's): the same releases in the same order, made by out-of-line calls (spz_release_n) -- each
 * inlined Py_XDECREF is a test, a decrement and a call gcc compiles separately.
 */
function releaseRegsCold(w: CWriter, f: IR.FuncIR, only: ReadonlySet<number>): void {
  const rs = releaseOrder(f, (r) => only.has(r)).map(reg);
  if (rs.length < 2) return releaseRegs(w, f, new Set(), only);
  for (let i = 0; i < rs.length; i += RELEASE_CHUNK) {
    const part = rs.slice(i, i + RELEASE_CHUNK);
    w.line(`spz_release_n(${part.length}, ${part.join(", ")});`);
  }
}

/**
 * The registers one half of a split function can touch: those its blocks mention, the locals its
 * frame record names, and the ones passed across (parameters, hot parameters, resume state).
 * The other half's temporaries are neither declared nor released there: they are NULL in this
 * half throughout, and gcc spent a tenth of a module's compile time proving it.
 */
function halfRegs(f: IR.FuncIR, p: SplitPlan, blocks: readonly IR.Block[]): Set<number> {
  const out = new Set<number>([...f.params.map((q) => q.reg), ...p.hotParams, ...p.state, ...p.vals, ...p.bodyOwned]);
  for (const l of localsOf(f)) {
    out.add(l.reg);
    if (l.typed) { out.add(l.typed.reg); if (l.typed.flag !== null) out.add(l.typed.flag); }
  }
  for (const b of blocks) {
    for (const op of b.ops) for (const r of opRegs(op)) out.add(r);
    for (const r of termRegs(b.term)) out.add(r);
  }
  return out;
}

function emitWhole(w: CWriter, f: IR.FuncIR, body: BodyEmitter): void {
  const d = f.direct;
  w.open(d ? implSignature(f, d) : entrySignature(f));
  declareRegs(w, f);
  w.line("PyObject *retval = NULL;");
  // loop back edges counted in registers (spz/poll.h)
  const polls = hasOp(f.blocks, "poll");
  if (polls) w.line("SPZ_POLL_ENTER(poll_, poll0_);");
  if (d) w.line("int status = -1; SpzRet ret_;");
  else if (hasOp(f.blocks, "call_direct")) w.line("const int depth_ = 0;");
  w.line(`int lineno = ${f.defLine};`);
  w.line("(void)self; (void)lineno;");
  frameLocals(w, f, f.blocks, !d);
  // an object parameter of the direct entry (a method's receiver) comes borrowed: take a reference,
  // as the boxed entry does, so every exit releases it alike
  const dset = (r: IR.RegId, i: number): string => (f.regs[r]!.rep === "obj" ? `${reg(r)} = Py_NewRef(d${i}); ` : `${reg(r)} = d${i}; `);
  if (d) w.line(`if (args == NULL) { ${d.params.map(dset).join("")}goto ${blockLabel(d.entry)}; }`);
  f.params.forEach((p, i) => w.line(`${reg(p.reg)} = Py_NewRef(args[${i}]);`));
  w.line(`goto ${blockLabel(f.entry)};`);
  const entry = f.blocks.find((b) => b.id === f.entry)!;
  const spec = entry.label.startsWith("spec.");
  const hot = spec ? reachable(f, f.entry) : new Set<IR.BlockId>();
  body.mode = "whole";
  body.blocks(f.blocks, d !== null, (id) => spec && !hot.has(id), (t) => `goto ${blockLabel(t)};`, d ? [f.entry, d.entry] : [f.entry]);
  body.errorExits(d ? " status = -1;" : "");
  if (!d) w.line("spz_frame_pop(&fr_);");
  if (polls) w.line("SPZ_POLL_LEAVE(poll_, poll0_);");
  if (d || spec) releaseRegs(w, f);
  else {
    // a normal return leaves only these set: the rest is released when the call failed (exitRegs.ts)
    // (those first: temporaries, which a frame's exit releases before its locals)
    const live = liveAtReturn(f);
    const rest = releaseOrder(f, (r) => !live.has(r));
    if (rest.length) w.line(`if (SPZ_UNLIKELY(retval == NULL)) { ${rest.map((r) => `Py_XDECREF(${reg(r)}); `).join("")}}`);
    releaseRegs(w, f, new Set(rest));
  }
  if (d) {
    w.line("ret_.st = status; ret_.v.o = retval;");
    w.line("return ret_;");
    // Unboxed returns happen only in specialized code: the parameter registers of a boxed entry
    // hold references,
    w.label("done_unboxed");
    body.leaving();
    if (polls) w.line("SPZ_POLL_LEAVE(poll_, poll0_);");
    const both = f.params.filter((p) => d.params.includes(p.reg) && f.regs[p.reg]!.rep === "obj");
    const boxedOnly = f.params.filter((p) => !both.includes(p));
    for (const p of both) w.line(`Py_XDECREF(${reg(p.reg)});`);
    if (boxedOnly.length) w.line(`if (args != NULL) { ${boxedOnly.map((p) => `Py_XDECREF(${reg(p.reg)}); `).join("")}}`);
    // ... and what the specialized code itself holds: its lists, and what its islands (generic
    // code on boxed values) left in registers; every other obj register is still NULL
    releaseRegs(w, f, new Set(f.params.map((p) => p.reg)));
    w.line("ret_.st = 0;");
    w.line("return ret_;");
  } else {
    w.line("return retval;");
  }
  w.close();
  w.line();
}

function emitSplit(w: CWriter, f: IR.FuncIR, p: SplitPlan, body: BodyEmitter, g: CWriter): void {
  // the boxed entry goes with the generic half: gcc inlines the one call between them, except
  // at -Og in a cold unit (PYC_COLD, driver/build.ts), which calls the runtime's copy of the
  // same entry instead of inlining a frame push and pop into each (spz_enter_split)
  const call = `${implName(f)}(${["self, args, base, fr_.ts, fr_.f, 0, NULL", ...outNames(f).map((o) => `&${o}`)].join(", ")})`;
  if (outNames(f).length === 0) {
    g.line("#ifdef PYC_COLD");
    g.open(entrySignature(f));
    g.line(`return spz_enter_split(self, args, ts, &${frameInfoName(f)}, ${implName(f)}, ${BOX_KIND[f.direct?.ret ?? "obj"]});`);
    g.close();
    g.line("#else");
    emitWrapper(g, f, call);
    g.line("#endif");
  } else emitWrapper(g, f, call);
  // (a deopt block whose guard a pass removed is left behind: not emitted)
  const live = liveBlocks(f, [f.entry, ...p.resumeAt]);
  const generic = f.blocks.filter((b) => !p.hot.has(b.id) && live.has(b.id));
  const hot = f.blocks.filter((b) => p.hot.has(b.id));

  // the generic half: unboxing entry, generic twin, resumable at any deopt target
  g.open(genericSignature(f));
  const gRegs = halfRegs(f, p, generic);
  declareRegs(g, f, new Set(), gRegs);
  g.line("PyObject *retval = NULL; int status = -1; SpzRet ret_;");
  const gPolls = hasOp(generic, "poll");
  if (gPolls) g.line("SPZ_POLL_ENTER(poll_, poll0_);");
  g.line(`int lineno = ${f.defLine};`);
  g.line("(void)self; (void)lineno; (void)depth_;");
  frameLocals(g, f, generic, false);
  g.open("if (state_ != NULL)");
  p.state.forEach((r, i) => g.line(`${reg(r)} = state_[${i}].o;`));
  p.vals.forEach((r, i) => g.line(`${reg(r)} = state_[${p.state.length + i}].${SLOT_FIELD[f.regs[r]!.rep]};`));
  const shared = shareResumeBoxes(f, p);
  const resumeCase = (t: IR.BlockId): string => {
    const s = shared.at.get(t);
    if (s === undefined) return `case ${t}: goto ${blockLabel(t)}; `;
    // the line this block's own run would report (runs are of one line: boxRunAt)
    const line = f.blocks.find((b) => b.id === t)!.ops[0]!.line;
    return `case ${t}: lineno = ${line}; goto ${SHARED_RUN}${s.group}; `;
  };
  g.line(`switch (resume_) { ${p.resumeAt.map(resumeCase).join("")}}`);
  g.close();
  f.params.forEach((q, i) => g.line(`${reg(q.reg)} = Py_NewRef(args[${i}]);`));
  g.line(`goto ${blockLabel(f.entry)};`);
  const toHot = (t: IR.BlockId): string =>
    t === p.bodyEntry ? `{ ret_ = ${hotName(f)}(${["self", "depth_", "ts_", "cf_", ...p.hotParams.map(reg), ...outNames(f), ...proofArg(f)].join(", ")}); goto done_hot; }` : `goto ${blockLabel(t)};`;
  body.mode = "generic";
  body.w = g;
  shared.groups.forEach((grp, k) => body.sharedRun(`${SHARED_RUN}${k}`, grp));
  body.skip = new Map([...shared.at].map(([t, s]) => [t, s.len]));
  body.blocks(generic, true, (id) => id !== f.entry, toHot, [f.entry, ...p.resumeAt]);
  body.skip = new Map();
  body.errorExits(" status = -1;");
  if (gPolls) g.line("SPZ_POLL_LEAVE(poll_, poll0_);");
  releaseRegsCold(g, f, gRegs);
  g.line("ret_.st = status; ret_.v.o = retval;");
  g.line("return ret_;");
  // not joined with the exit above: every call from interpreted code returns here from the hot
  // half, where only the parameters can be set (joined, or as one out-of-line call: orderbook
  // 1.96x -> 1.40x, fib --force-deopt -20 %); it releases only what may be set there
  // (exitRegs.ts), which gcc would otherwise spend time proving for each of the others
  g.label("done_hot");
  if (gPolls) g.line("SPZ_POLL_LEAVE(poll_, poll0_);");
  const atHot = setAtJump(f, p.bodyEntry);
  releaseRegs(g, f, new Set(), new Set([...gRegs].filter((r) => atHot.has(r as IR.RegId))));
  g.line("return ret_;");
  g.close();

  if (g !== w) g.line();
  body.w = w;
  // the hot half: only the specialized body and its deopt blocks
  w.open(hotSignature(f, p));
  const hRegs = halfRegs(f, p, hot);
  declareRegs(w, f, p.borrowed, hRegs);
  // an obj parameter the hot code writes is not borrowed: it takes its own reference
  p.hotParams.forEach((r, i) => { if (!p.borrowed.has(r)) w.line(f.regs[r]!.rep === "obj" ? `${reg(r)} = Py_NewRef(h${i});` : `${reg(r)} = h${i};`); });
  w.line("PyObject *retval = NULL; int status = -1, resume_ = 0; SpzRet ret_;");
  const hPolls = hasOp(hot, "poll");
  if (hPolls) w.line("SPZ_POLL_ENTER(poll_, poll0_);");
  w.line(`int lineno = ${f.defLine};`);
  w.line("(void)self; (void)lineno; (void)depth_;");
  frameLocals(w, f, hot, false);
  w.line(`goto ${blockLabel(p.bodyEntry)};`);
  const leave = hPolls ? " SPZ_POLL_LEAVE(poll_, poll0_);" : "";
  // a deopt hands its registers to the generic half (which owns them from then on), which runs
  // the deopt block: every guard's target here only names it (one handover per function)
  const resume = (t: IR.BlockId): string => (p.hot.has(t) ? `goto ${blockLabel(t)};` : `{ resume_ = ${t}; goto deopt_; }`);
  const handover = (): string => {
    const items = [
      ...p.state.map((r) => `{.o = ${p.borrowed.has(r) ? `Py_NewRef(${reg(r)})` : reg(r)}}`),
      ...p.vals.map((r) => `{.${SLOT_FIELD[f.regs[r]!.rep]} = ${reg(r)}}`),
    ];
    const clear = p.state.filter((r) => !p.borrowed.has(r)).map((r) => `${reg(r)} = NULL; `).join("");
    // (generic code returns boxed results only: no out-parameters)
    const outs = outNames(f).map(() => ", NULL").join("");
    // (never empty: a non-NULL state_ is what says "resume")
    return `{ SpzSlot st_[] = {${items.length ? items.join(", ") : "{.o = NULL}"}}; ${clear}${leave} return ${implName(f)}(self, NULL, depth_, ts_, cf_, resume_, st_${outs}); }`;
  };
  body.mode = "hot";
  body.blocks(hot, true, () => false, resume, [p.bodyEntry]);
  for (const t of [...p.deopt].sort((a, b) => a - b)) w.line(`${blockLabel(t)}: __attribute__((cold)); ${resume(t)}`);
  w.line(`deopt_: __attribute__((cold)); ${handover()}`);
  body.errorExits(" status = -1;", false);
  w.line("ret_.st = status; ret_.v.o = retval;");
  w.line("goto exit_;");
  // an unboxed return (its value already in ret_.v) releases what the body holds too (its
  // lists, what islands left in registers): one exit path, written once (code size is gcc's time)
  w.label("done_unboxed");
  w.line("ret_.st = 0;");
  w.label("exit_");
  body.leaving();
  if (hPolls) w.line("SPZ_POLL_LEAVE(poll_, poll0_);");
  releaseRegs(w, f, p.borrowed, hRegs);
  w.line("return ret_;");
  w.close();
  w.line();
}
