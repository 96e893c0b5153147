/**
 * The IR spine: the only definition of spyc's intermediate representation.
 *
 * A function is a control-flow graph of basic blocks over typed registers.
 *  - `obj` registers hold a `PyObject*` that is either NULL or an OWNED reference. Every op that
 *    writes an obj register releases what it held before (so writes never leak), and the
 *    function epilogue releases all of them. This one rule makes reference counting correct by
 *    construction on every path, including error paths; `clear` releases temporaries early.
 *  - `i64`, `f64` and `bool` registers are unboxed C values (`int64_t`, `double`, `int`); `u64`
 *    (`uint64_t`) holds an int known to lie in [0, 2**64), the result of masked 64-bit arithmetic.
 * Ops that can fail name no target themselves: a failing op jumps to the block's `handler`
 * (the innermost `except`/`finally` block, or the function's error exit when null), after
 * adding a traceback entry for the op's line. Guards are ops with an explicit `onFail` block;
 * specialized code reaches generic code only through such edges (see `deopt`).
 * Plain data only: passes are functions over these types (no behaviour on nodes).
 */

export type RegId = number & { readonly __brand: "RegId" };
export type BlockId = number & { readonly __brand: "BlockId" };

/** How a value lives in C. */
export type Rep = "obj" | "i64" | "f64" | "bool" | "i128" | "u64";

export interface Reg {
  readonly id: RegId;
  readonly rep: Rep;
  /** the Python local it stores, or null for a temporary */
  readonly local: string | null;
}

/** An operand of an API call: a register, a module constant, or a fixed C expression. */
/** method calls with a C fast path (facts/stdcoll.ts): "module.method", its positional arity */
export const FAST_METHODS = { "deque.popleft": 0, "deque.append": 1, "heapq.heappush": 2, "heapq.heappop": 1 } as const;
export type FastMethod = keyof typeof FAST_METHODS;

export type Operand =
  | { readonly k: "reg"; readonly reg: RegId }
  | { readonly k: "const"; readonly index: number }
  | { readonly k: "c"; readonly text: string }
  | { readonly k: "int"; readonly value: number };

/** How a C API function reports failure. */
export type ErrKind =
  | "null"      // returns PyObject*, NULL on error
  | "neg"       // returns int, negative on error
  | "never"     // cannot fail
  | "raise";    // spz_raise: always fails; adds a traceback entry only for a new raise

export type Op =
  /** dst = new reference to module constant `index` */
  | { readonly kind: "const"; readonly dst: RegId; readonly index: number; readonly line: number }
  /** dst = src (new reference); for obj `src` stays owned by its register */
  | { readonly kind: "copy"; readonly dst: RegId; readonly src: RegId; readonly line: number }
  /** dst takes src's reference; src becomes NULL */
  | { readonly kind: "move"; readonly dst: RegId; readonly src: RegId; readonly line: number }
  /** release a register's reference now (sets it to NULL) */
  | { readonly kind: "clear"; readonly reg: RegId; readonly line: number }
  /** raise UnboundLocalError unless local register `reg` is bound */
  | { readonly kind: "check_bound"; readonly reg: RegId; readonly name: string; readonly nameConst: number; readonly line: number }
  /**
   * dst = fn(args...), a C API call. With err "null" the result is a new reference (dst obj);
   * with "neg" the int result goes to dst (a bool register) or is dropped when dst is null.
   */
  | {
      readonly kind: "call_c"; readonly dst: RegId | null; readonly fn: string; readonly args: readonly Operand[];
      readonly err: ErrKind; readonly line: number;
      /** indexes of register args whose reference the callee steals (they become NULL) */
      readonly steals?: readonly number[];
    }
  /** dst = callee(args...) through vectorcall; kwnames is a constant tuple of keyword names */
  | { readonly kind: "vcall"; readonly dst: RegId; readonly callee: RegId; readonly args: readonly RegId[]; readonly kwnames: number | null; readonly nkw: number; readonly line: number }
  /**
   * dst = obj.name(args...) through PyObject_VectorcallMethod. `fast` names a C fast path tried
   * first behind its own runtime guard (spz/deque.h, spz/heapq.h), the same call when it fails.
   */
  | { readonly kind: "vcall_method"; readonly dst: RegId; readonly name: number; readonly self: RegId; readonly args: readonly RegId[]; readonly kwnames: number | null; readonly nkw: number; readonly line: number; readonly fast?: FastMethod }
  /** dst = obj.name / obj.name = value, with a per-site inline cache (spz/attrcache.h) */
  | { readonly kind: "getattr"; readonly dst: RegId; readonly obj: RegId; readonly name: number; readonly line: number }
  | { readonly kind: "setattr"; readonly obj: RegId; readonly name: number; readonly value: RegId; readonly line: number }
  /** dst = a new tuple/list made of `items` (consumed: the registers become NULL) */
  | { readonly kind: "build"; readonly dst: RegId; readonly what: "tuple" | "list"; readonly items: readonly RegId[]; readonly line: number }
  /** outs = the items of seq (CPython's UNPACK_SEQUENCE / UNPACK_EX semantics) */
  | { readonly kind: "unpack"; readonly seq: RegId; readonly outs: readonly RegId[]; readonly starAt: number | null; readonly line: number }
  /** dst = next(iter) or NULL when exhausted (an exception from next() is an error) */
  /** `reuse`: the loop variable's register, whose int a range iterator may overwrite in place (spz/iter.h) */
  | { readonly kind: "iter_next"; readonly dst: RegId; readonly iter: RegId; readonly reuse?: RegId; readonly line: number }
  /** dst (bool) = a is b */
  | { readonly kind: "is"; readonly dst: RegId; readonly a: RegId; readonly b: RegId; readonly line: number }
  /** dst (obj) = True/False from a bool register */
  | { readonly kind: "box_bool"; readonly dst: RegId; readonly src: RegId; readonly line: number }
  /** dst (bool) = !src */
  | { readonly kind: "not"; readonly dst: RegId; readonly src: RegId; readonly line: number }
  /**
   * At a loop back edge (the loop head): every 2^k passes, run pending signal handlers and let
   * other threads take the GIL, as CPython's eval loop does on backward jumps. An exception
   * from a handler is an error (handler edge), in generic and specialized code alike.
   */
  | { readonly kind: "poll"; readonly line: number }
  // ---- specialized (unboxed) code; every op that can fail names its deopt edge `onFail` ----
  /** dst = a C literal of dst's representation */
  | { readonly kind: "imm"; readonly dst: RegId; readonly value: string; readonly line: number }
  /** dst = a pure C expression over typed registers ($0, $1, … stand for args) */
  | { readonly kind: "cexpr"; readonly dst: RegId; readonly text: string; readonly args: readonly RegId[]; readonly line: number }
  /** guard: dst = fn(args…, &dst); a non-zero result (overflow, zero divisor…) takes `onFail` */
  | { readonly kind: "guarded"; readonly dst: RegId; readonly fn: string; readonly args: readonly Operand[]; readonly onFail: BlockId; readonly line: number }
  /** guard: a pure C condition over typed registers that must hold, else `onFail` */
  /** `why`: what the condition means in the user's terms (a primitive's guard), for statistics */
  | { readonly kind: "guard"; readonly text: string; readonly args: readonly RegId[]; readonly onFail: BlockId; readonly line: number; readonly why?: string }
  /** guard: the builtin `name` is neither shadowed by a global nor replaced */
  | { readonly kind: "guard_builtin"; readonly name: number; readonly which: string; readonly onFail: BlockId; readonly line: number }
  /** guard: unbox an exact int (fitting int64) / exact float / bool from an obj register */
  | { readonly kind: "unbox"; readonly dst: RegId; readonly src: RegId; readonly onFail: BlockId; readonly line: number }
  /** deopt: dst (obj) = box(src); when `ifSet` is given, only if that flag is set */
  | { readonly kind: "box"; readonly dst: RegId; readonly src: RegId; readonly ifSet: RegId | null; readonly line: number }
  /**
   * Direct call of compiled function `func` (a FuncIR with a `direct` entry) with unboxed
   * arguments. Guard: the global `name` still resolves to that function and native nesting is
   * shallow, else `onFail` (deopt before the statement; the generic code makes the call).
   * The result lands unboxed in dst. When the callee finished in its generic code it returns a
   * box: unboxed into dst if it has dst's exact type, else it is moved into `boxed` and control
   * continues at `onBoxed` (deopt AFTER the call statement). A raised exception is an error.
   * `closed` (set by passes/closedSelfCalls.ts, only on a function's calls of itself when its
   * specialized body is closed): while the caller's proof flag (DirectEntry.proof) holds, the
   * global is not re-read; the callee's frame is not pushed; any boxed result leaves the body.
   */
  | {
      readonly kind: "call_direct"; readonly dst: RegId; readonly boxed: RegId; readonly func: number; readonly name: number;
      readonly args: readonly RegId[]; readonly onFail: BlockId; readonly onBoxed: BlockId; readonly line: number;
      readonly closed?: boolean;
      /** a callee returning a tuple (DirectEntry.more): its parts after the first, unboxed; a
       * boxed result is unpacked under guards (an exact tuple of the parts' exact types) */
      readonly more?: readonly RegId[];
      /** a method call: `name` is the method's name, args[0] the receiver; the guard is instead
       * that the receiver's type (unchanged since: version tag) has that method, this entry */
      readonly method?: true;
      /** object arguments (indices into args) to check against the callee's parameter contracts
       * before the call (spz_direct_arg_ok): one not passing makes the generic call instead */
      readonly checks?: readonly number[];
    }
  /**
   * guard: dst = the slot `name` of obj, unboxed. Takes `onFail` unless obj's type (per-site cache:
   * type + version tag) stores `name` in a plain slot that holds an object of dst's exact type.
   * `native` (f64 only): the field is a native double in every class of the module that has it
   * (facts/types.ts nativeField): the guard accepts only a native double member, then it is a load.
   */
  | { readonly kind: "slot_get"; readonly dst: RegId; readonly obj: RegId; readonly name: number; readonly onFail: BlockId; readonly line: number; readonly layout?: LayoutRef; readonly native?: true }
  /**
   * guard: dst (bool) = (obj.name == other), negated with `neg`: obj's type keeps `name` in a plain
   * slot (slot_get's cache) holding an exact str, and `other` (a str constant or a boxed local) is
   * an exact str -- then str equality runs no code. Else `onFail`, before any effect.
   */
  | { readonly kind: "str_eq"; readonly dst: RegId; readonly obj: RegId; readonly name: number; readonly other: Operand; readonly neg: boolean; readonly onFail: BlockId; readonly line: number }
  /**
   * d[k] unboxed (facts/dicts.ts dictItem): k is `key` (a register or str constant), or, with
   * `attr`, the plain slot `attr` of the object in `key` (read through a per-site cache, no code
   * runs); then an exact dict of exact-str keys, an exact str k present, an item of dst's type.
   * Else `onFail`, before any effect (spz/containers.h spz_dict_item_*).
   */
  | { readonly kind: "dict_item"; readonly dst: RegId; readonly dict: RegId; readonly key: Operand; readonly attr: number | null; readonly onFail: BlockId; readonly line: number }
  /** o.name[index] unboxed: a plain slot of o's type holding an exact list, an item in range of dst's type (spz/objlist.h) */
  | { readonly kind: "slot_item"; readonly dst: RegId; readonly obj: RegId; readonly name: number; readonly index: RegId; readonly onFail: BlockId; readonly line: number }
  /**
   * guard, then store: obj.name = src (i64/u64/f64/bool, boxed as the field's exact type). Takes
   * `onFail` (before any effect) unless obj is non-NULL and its type (per-site cache: type + version
   * tag) is a @record class whose generated `__setattr__` is in place and whose field `name` accepts
   * src's type as is -- i.e. exactly when CPython's store would put that value in the slot. A float
   * the slot alone owns is overwritten in place. Raises only MemoryError (boxing). `native`: as
   * slot_get's, a plain store once the guard holds.
   */
  | { readonly kind: "slot_set"; readonly obj: RegId; readonly name: number; readonly src: RegId; readonly onFail: BlockId; readonly line: number; readonly layout?: LayoutRef; readonly native?: true }
  /**
   * guard (passes/layoutGuards.ts): for each of `objs`, the object is non-NULL and its exact type,
   * at the version tag it had when the guard's cache was filled, reads every `get` field from a
   * plain slot (slot_get's condition) and takes every `store` field's stores (slot_set's
   * condition), else `onFail`. The offsets land in the guard's cache. Later slot_get/slot_set of
   * the same block that name this guard (`layout`) skip the type check: between the guard and
   * them only ops that run no Python code and rebind no obj register (passes/layoutGuards.ts
   * `layoutSafe`, re-checked by the verifier). Filling the cache may run Python code (spyc's
   * class plan), so the fill ends by re-checking every object of the guard.
   */
  | { readonly kind: "layout_guard"; readonly id: number; readonly objs: readonly LayoutObj[]; readonly onFail: BlockId; readonly line: number }
  /** o.name[index] = src: a plain slot of o's type holding an exact list, the index in range; src stored boxed */
  | { readonly kind: "slot_item_set"; readonly obj: RegId; readonly name: number; readonly index: RegId; readonly src: RegId; readonly onFail: BlockId; readonly line: number }
  /**
   * dict[k] = dict.get(k, dflt) +/- src (dflt: a constant), or dict[k] +/-= src (dflt null), on an
   * exact dict (guarded before: no deopt edge; an exception goes to the handler). k is `key`'s
   * value, or with `attr` the attribute of the instance in `key` (read twice in the .get form).
   * The item is added in C when it is an exact int/float of src's kind (spz/containers.h).
   */
  | {
      readonly kind: "dict_acc"; readonly dict: RegId; readonly key: RegId; readonly attr: number | null; readonly dflt: number | null;
      readonly sub: boolean; readonly src: RegId; readonly line: number;
    }
  /**
   * guard: dst = the module global `name` (with `attr`: that attribute of the module it holds,
   * `math.pi`), unboxed. Takes `onFail` unless it holds a value of dst's exact type right now
   * (per-site cache keyed by the dicts' version tags, spz/gconst.h).
   */
  /** len: the length of the exact tuple or list the global holds (dst i64), not the global itself */
  | { readonly kind: "global_num"; readonly dst: RegId; readonly name: number; readonly attr: number | null; readonly len?: boolean; readonly onFail: BlockId; readonly line: number }
  /** guard: the global `name` still names compiled function `func` (an inlined direct call) */
  | { readonly kind: "guard_direct"; readonly func: number; readonly name: number; readonly onFail: BlockId; readonly line: number }
  /** deopt: dst = iter(range(cur+step, …)) yielding the `remaining` items after `cur` */
  | { readonly kind: "range_resume"; readonly dst: RegId; readonly cur: RegId; readonly remaining: RegId; readonly step: RegId; readonly line: number }
  /**
   * obj.name += src / -= src (src i64/f64, obj guarded bound before: no deopt edge; an exception
   * goes to the handler): CPython's attribute load, in-place add/subtract and store, through the
   * generic attribute caches; the add in C for an exact int/float attribute of src's kind.
   */
  | { readonly kind: "attr_acc"; readonly obj: RegId; readonly name: number; readonly sub: boolean; readonly src: RegId; readonly line: number };

/** One object of a layout_guard and the fields the accesses it covers use. */
export interface LayoutObj {
  readonly obj: RegId;
  readonly fields: readonly LayoutField[];
}
/**
 * A field of a guarded object: `read` by slot_get, and/or stored (slot_set) from registers of
 * representation `store`; both at one offset (the fill checks that the two resolutions agree).
 */
export interface LayoutField {
  readonly name: number;
  readonly read: boolean;
  readonly store: "i64" | "u64" | "f64" | "bool" | null;
  /** the accesses are `native` (every one of them: nativeness is per field name in a module) */
  readonly native?: true;
}
/**
 * A slot access covered by layout_guard `guard` (its id) of the same block: the object is
 * `objs[obj]`, the slot's offset that of `fields[field]`. The access checks only the slot's value
 * (a store: that the old value is of the exact type stored, whose release runs no code).
 */
export interface LayoutRef {
  readonly guard: number;
  readonly obj: number;
  readonly field: number;
  /**
   * An earlier covered access of the same guard, object and field name, of the same Python type
   * (float or bool), already saw (read) or put (store) such a value in the slot,
   * and only covered accesses ran since, which keep the field's type: the slot holds that exact
   * type still, so this access checks nothing.
   */
  readonly known?: true;
}

export type Terminator =
  | { readonly kind: "goto"; readonly target: BlockId }
  | { readonly kind: "branch"; readonly cond: RegId; readonly then: BlockId; readonly else: BlockId }
  /** branch on whether an obj register is NULL (used after iter_next) */
  | { readonly kind: "branch_null"; readonly reg: RegId; readonly ifNull: BlockId; readonly otherwise: BlockId }
  /**
   * return the reference held by `value` (moved out); in a function with a `direct` entry an
   * unboxed register of the direct return representation returns without boxing; `more`: the
   * other parts of a tuple a direct entry returns unboxed (DirectEntry.more)
   */
  | { readonly kind: "return"; readonly value: RegId; readonly more?: readonly RegId[] }
  /** an exception is set: continue at the block's handler without adding a traceback entry */
  | { readonly kind: "reraise" }
  | { readonly kind: "unreachable" };

export interface Block {
  readonly id: BlockId;
  readonly ops: Op[];
  term: Terminator;
  /** where errors raised in this block go; null = out of the function */
  readonly handler: BlockId | null;
  /** a short label for dumps (e.g. "for.body", "except") */
  readonly label: string;
}

export interface ParamIR {
  readonly name: string;
  readonly reg: RegId;
}

export interface FuncIR {
  /** index into the module's function table */
  readonly index: number;
  readonly name: string;
  readonly qualname: string;
  readonly defLine: number;
  /** index of the spyc.checked decorator to replace, or -1 to append the native factory */
  readonly decoratorIndex: number;
  readonly checked: boolean;
  /** has a specialized (unboxed) body besides its generic code */
  readonly specialized: boolean;
  /** bound slots in order (positional, *args, kw-only, **kwargs) */
  readonly params: readonly ParamIR[];
  readonly regs: Reg[];
  readonly blocks: Block[];
  readonly entry: BlockId;
  /** the unboxed entry of a specialized function that other compiled code calls directly */
  readonly direct: DirectEntry | null;
}

/**
 * A second way into a specialized function: parameters arrive unboxed in `params` (typed
 * registers, in slot order) and control starts at `entry`, skipping the unboxing guards. Returns
 * of `ret` registers come back unboxed; returns from generic code come back boxed.
 */
export interface DirectEntry {
  readonly params: readonly RegId[];
  /** "obj": a None or class-instance result (facts/objArgs.ts), always returned boxed */
  readonly ret: "i64" | "f64" | "bool" | "u64" | "obj";
  readonly entry: BlockId;
  /**
   * The entry also takes a proof flag: "the function's own global name resolves to this very
   * function object, and only closed specialized code ran since that was checked" (true only
   * from the function's `closed` self-calls; every other caller passes false). In C: 0 none,
   * 1 proven, 2 proven but a kernel run below was abandoned (no kernel in this call tree).
   */
  readonly proof?: boolean;
  /**
   * The closed body is also pure (passes/closedSelfCalls.ts: only unboxed arithmetic, guards and
   * self-calls, one unboxed result): a closed self-call with the proof may run it as a kernel,
   * a plain C recursion that abandons its whole run at any failing guard (nothing it did is
   * observable) and lets the call run the ordinary way.
   */
  readonly kernel?: boolean;
  /**
   * A `tuple[...]` contract of scalars: `ret` is the first part's representation, these the
   * others', returned through out-parameters; the boxed entry builds the tuple.
   */
  readonly more?: readonly ("i64" | "f64" | "bool" | "u64")[];
}

/** A module-level constant, materialized at import by evaluating the literal `py` (no names). */
export interface ConstIR {
  readonly py: string;
}

export interface ModuleIR {
  readonly name: string;
  readonly sourcePath: string;
  readonly source: string;
  readonly consts: readonly ConstIR[];
  readonly funcs: readonly FuncIR[];
}
