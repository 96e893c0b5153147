/* spz/frames.h -- compiled functions on the live call stack.
 *
 * sys._getframe, inspect.stack, traceback.extract_stack, warnings.warn(stacklevel=N) and logging
 * walk the thread's chain of interpreter frames (_PyInterpreterFrame, linked by `previous`, the
 * newest in the thread state). A compiled body runs no bytecode, so it pushes such a frame itself:
 * a record on the C stack, laid out as the running CPython's (its internal pycore_frame.h), that
 * names the code object CPython compiled from the same `def` (name, file, first line, line table),
 * and whose instruction pointer the body moves to the first instruction of the current line
 * before it calls out (spz_frame_line). Nothing is allocated on the hot path: the record borrows
 * the code, function, globals and builtins (the running call keeps them alive).
 *
 * Locals (f_locals): the record's fast locals are BORROWED copies of the body's registers. Only
 * a frame object reads them (f_locals, tracebacks), and a frame object of a running body can
 * only be made or read while the body calls out; so the body copies into the record, before an op
 * that may run Python code, the locals written since the last copy (cgen/frameLocals.ts)
 * (spz_frame_sync: a few stores, no reference counting, nothing at all in specialized code whose
 * locals are unboxed), and at an error exit (spz_traceback_live; unboxed locals boxed first).
 * When a frame object exists as the body leaves, spz_frame_keep gives it owned copies of the
 * final values (what CPython's frame shows after its function returned or raised); otherwise
 * the record's copies are simply forgotten. Free variables (a method's `__class__` cell) are
 * borrowed from the function's closure at push. Writing a running compiled frame's locals
 * through f_locals is unsupported (contracts-spec 6.8).
 *
 * Entries: the boxed entry pushes (cgen/emitFunc.ts), and a direct call from compiled code pushes
 * the callee's frame around the call (cgen/emitOp.ts), so every running body has exactly one --
 * except the levels of a closed self-recursion (src/passes/closedSelfCalls.ts), which run no
 * Python code and show as the frame of their outermost level. */
#ifndef SPZ_FRAMES_H
#define SPZ_FRAMES_H

/* The frame layout is internal to CPython: its header needs Py_BUILD_CORE, for this include only. */
#define Py_BUILD_CORE 1
#include "internal/pycore_frame.h"
#undef Py_BUILD_CORE

/* Per compiled function (static in the generated code, filled at its first call). */
typedef struct {
    PyCodeObject *code; /* strong; NULL until filled */
    _Py_CODEUNIT **at;  /* code unit to point at, per line - first (nlines 0: no line table) */
    int first, nlines;
    int nlocals;        /* co_nlocalsplus */
    _Py_CODEUNIT *ip0;  /* the first traceable instruction: a frame there counts as started */
    int state;          /* 0 not filled, 1 ready, -1 no code object: push nothing */
    /* The body's Python locals (set by the generated code) and, once filled, the fast-local slot
     * of each (not a plain local of the code object: the scratch slot past the fast locals, which
     * every record has, so copies need no test); slot NULL: locals not shown. */
    const char *const *lnames;
    int nl;
    int16_t *slot;
    int free0, nfree;   /* the code's free-variable slots, filled from the closure at push */
} SpzFrameInfo;

/* Fast locals held inline (one of them the scratch slot); larger functions allocate theirs. */
#define SPZ_FRAME_INLINE 16

typedef struct {
    PyThreadState *ts;
    _PyInterpreterFrame *f; /* NULL: no frame was pushed */
    union {
        _PyInterpreterFrame f;
        PyObject *w[sizeof(_PyInterpreterFrame) / sizeof(PyObject *) + SPZ_FRAME_INLINE];
    } mem;
} SpzFrame;

#if PY_VERSION_HEX >= 0x030D0000
#define SPZ_TOP_FRAME(ts) ((ts)->current_frame)
#define SPZ_FRAME_IP(f) ((f)->instr_ptr)
#define SPZ_FRAME_CODE(f) ((PyCodeObject *)(f)->f_executable)
#else
#define SPZ_TOP_FRAME(ts) ((ts)->cframe->current_frame)
#define SPZ_FRAME_IP(f) ((f)->prev_instr)
#define SPZ_FRAME_CODE(f) ((f)->f_code)
#endif

SPZ_API void spz_frame_info_fill(SpzFrameInfo *fi, SpzFunction *fn);
SPZ_API void spz_frame_release(SpzFrame *sf);
SPZ_API void spz_frame_keep(_PyInterpreterFrame *f);
SPZ_API void spz_frame_free_vars(_PyInterpreterFrame *f, SpzFunction *fn, const SpzFrameInfo *fi);
SPZ_API void spz_traceback_live(SpzFunction *self, const SpzFrameInfo *fi, PyThreadState **ts,
                                _PyInterpreterFrame **cf, int lineno);
SPZ_API _PyInterpreterFrame *spz_frame_big(SpzFrame *sf, int n);

/* The unboxed twin a specialized body's local has at an exit (spz_frame_sync_boxed): none (or
 * its flag says it was never set), or the representation to box. */
enum { SPZ_BOX_NONE, SPZ_BOX_I64, SPZ_BOX_U64, SPZ_BOX_F64, SPZ_BOX_BOOL, SPZ_BOX_I128 };
/* A specialized body's error exit, or its leaving while a frame object exists: each local j
 * whose kind[j] names a twin gets v[j] boxed into its generic register o[j] (owned, replaced),
 * then every o[j] is copied into the record. Out of line so that each exit of each function is
 * one call instead of a box and a release per local (the C compiler spent a fifth of a hot
 * unit's time on them). The body writes o[] back into its registers. */
SPZ_API void spz_frame_sync_boxed(_PyInterpreterFrame *cf, const SpzFrameInfo *fi, PyObject **o, const SpzSlot *v,
                                  const unsigned char *kind);
/* A run of boxes, such as a deopt block's (cgen/emitFunc.ts `emitBoxRun`): each j whose kind[j]
 * names a twin gets v[j] boxed into o[j] (owned, replaced), in order. 0, or -1 with the exception
 * set at the first box that fails (o[j] from there on untouched). One call instead of a box, a
 * test and a release per value at each resume point of a generic half. */
SPZ_API int spz_box_n(int n, PyObject **o, const SpzSlot *v, const unsigned char *kind);

static inline PyThreadState *spz_tstate(void) {
#if PY_VERSION_HEX >= 0x030D0000
    return PyThreadState_GetUnchecked();
#else
    return _PyThreadState_UncheckedGet();
#endif
}

/* The code unit whose line is `line` (clamped to the function's first traceable instruction). */
static inline _Py_CODEUNIT *spz_frame_at(const SpzFrameInfo *fi, int line) {
    unsigned i = (unsigned)(line - fi->first); /* one compare: below first wraps past nlines */
    if (SPZ_UNLIKELY(i >= (unsigned)fi->nlines)) return fi->ip0;
    return fi->at[i];
}

/* The running body's own frame (NULL if it has none), looked up once per body; the check keeps a
 * body that somehow runs without its frame from moving someone else's. */
static inline _PyInterpreterFrame *spz_frame_mine(PyThreadState *ts, const SpzFrameInfo *fi) {
    _PyInterpreterFrame *f = SPZ_TOP_FRAME(ts);
    return SPZ_LIKELY(fi->state > 0 && f != NULL && SPZ_FRAME_CODE(f) == fi->code) ? f : NULL;
}

/* The lookup of spz_frame_find, out of line: it runs once per body that calls out, while the test
 * before it is inlined at every line that calls out (inline, the lookup was a third of the code
 * of each such line for the C compiler). */
SPZ_API void spz_frame_lookup(PyThreadState **ts, _PyInterpreterFrame **cf, const SpzFrameInfo *fi);

/* A body finds its thread state and frame at its first call out (*ts NULL until then), so a body
 * that calls nothing (a recursion's leaves) pays no lookup. */
static inline void spz_frame_find(PyThreadState **ts, _PyInterpreterFrame **cf, const SpzFrameInfo *fi) {
    if (SPZ_UNLIKELY(*ts == NULL)) spz_frame_lookup(ts, cf, fi);
}

/* Move the body's frame to `line` (a call out may look at it). */
static inline void spz_frame_line(PyThreadState **ts, _PyInterpreterFrame **cf, const SpzFrameInfo *fi, int line) {
    spz_frame_find(ts, cf, fi);
    if (SPZ_LIKELY(*cf != NULL)) SPZ_FRAME_IP(*cf) = spz_frame_at(fi, line);
}

/* Copy the body's locals (v: one per fi->lnames, borrowed) into its frame record. */
static inline void spz_frame_sync(_PyInterpreterFrame *cf, const SpzFrameInfo *fi, PyObject *const *v) {
    if (SPZ_UNLIKELY(cf == NULL || fi->slot == NULL)) return;
    for (int j = 0; j < fi->nl; j++) cf->localsplus[fi->slot[j]] = v[j];
}

/* Push fn's frame on ts (the caller's thread state: an entry gets it from spz_function_vectorcall,
 * which looked it up for the recursion counter, a direct call site from its own body). */
static inline void spz_frame_push_in(PyThreadState *ts, SpzFrame *sf, SpzFunction *fn, SpzFrameInfo *fi) {
    sf->ts = ts;
    if (SPZ_UNLIKELY(fi->state == 0)) spz_frame_info_fill(fi, fn);
    if (SPZ_UNLIKELY(fi->state < 0)) { sf->f = NULL; return; }
    PyCodeObject *co = fi->code;
    int n = fi->nlocals;
    _PyInterpreterFrame *f = SPZ_LIKELY(n < SPZ_FRAME_INLINE) ? &sf->mem.f : spz_frame_big(sf, n);
    if (SPZ_UNLIKELY(f == NULL)) { sf->f = NULL; return; }
#if PY_VERSION_HEX >= 0x030D0000
    f->f_executable = (PyObject *)co;
#else
    f->f_code = co;
#endif
#if PY_VERSION_HEX >= 0x030C0000
    f->f_funcobj = fn->pyfn;
    f->return_offset = 0;
#else
    f->f_func = (PyFunctionObject *)fn->pyfn;
    f->is_entry = 0;
#endif
    f->f_globals = fn->globals;
    f->f_builtins = fn->builtins;
    f->f_locals = NULL;
    f->frame_obj = NULL;
    SPZ_FRAME_IP(f) = fi->ip0;
    f->stacktop = n; /* the fast locals exist (NULL: unbound), as frame walkers expect */
    f->owner = FRAME_OWNED_BY_THREAD;
    for (int i = 0; i < n; i++) f->localsplus[i] = NULL;
    if (SPZ_UNLIKELY(fi->nfree > 0)) spz_frame_free_vars(f, fn, fi); /* out of line: keeps the push inlinable */
    f->previous = SPZ_TOP_FRAME(ts);
    SPZ_TOP_FRAME(ts) = f;
    sf->f = f;
}

static inline void spz_frame_pop(SpzFrame *sf) {
    _PyInterpreterFrame *f = sf->f;
    if (SPZ_UNLIKELY(f == NULL)) return;
    SPZ_TOP_FRAME(sf->ts) = f->previous;
    if (SPZ_UNLIKELY(f->frame_obj != NULL || f->f_locals != NULL || f != &sf->mem.f)) spz_frame_release(sf);
}

/* The generic half of a split function (cgen/emitFunc.ts `emitSplit`), entered from its boxed
 * entry with no resume state. */
typedef SpzRet (*SpzGenericHalf)(SpzFunction *self, PyObject *const *args, int depth, PyThreadState *ts,
                                 _PyInterpreterFrame *cf, int resume, SpzSlot *state);

/* The boxed entry of a split function whose generic half is in a cold unit: push fn's frame, run
 * the half (which unboxes the arguments and enters the hot half), pop, and box an unboxed result
 * as `ret` (an SPZ_BOX_ kind; SPZ_BOX_NONE: the result is an object). One call in the runtime,
 * compiled at -O2, instead of a frame push and pop inlined into each entry of the -Og unit (cc1
 * time of sample100's cold unit: 0.02 G instructions per entry). */
SPZ_API PyObject *spz_enter_split(SpzFunction *self, PyObject *const *args, PyThreadState *ts, SpzFrameInfo *fi,
                                  SpzGenericHalf half, unsigned char ret);

#endif
