/* spz/direct.h -- what specialized code needs to call a compiled function of the same module
 * directly (unboxed arguments, no re-check of proven contracts) and to trust builtins cheaply.
 *
 * Both rest on one guard: "the name `x` still resolves (module globals, then builtins) to the
 * object it resolved to last time". A per-site SpzGlobalCache remembers the two dicts' version
 * tags: CPython gives every dict mutation a fresh, process-unique `ma_version_tag` (3.11-3.13),
 * so equal tags prove that neither dict changed and the cached borrowed object is still the one
 * the dict holds (and therefore alive). Any rebinding of the name -- or any other store into
 * the module dict -- changes a tag, and the next use takes the slow path and re-resolves it.
 */
#ifndef SPZ_DIRECT_H
#define SPZ_DIRECT_H

typedef struct {
    uint64_t gtag, btag;  /* version tags of globals / builtins when `value` was resolved */
    PyObject *value;      /* borrowed: what the name resolved to, or NULL (unbound) */
    int in_globals;       /* found in globals: the builtins dict does not matter */
    int ok;               /* the resolved object is what the site wants (see its user) */
    PyObject *mdict;      /* math.f sites: the module's dict (borrowed) and its version tag */
    uint64_t mtag;
} SpzGlobalCache;

static inline uint64_t spz_dict_tag(PyObject *d) {
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    return ((PyDictObject *)d)->ma_version_tag;
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
}

/* Re-resolve `name` and refill the cache (never raises). */
SPZ_API PyObject *spz_global_resolve(SpzFunction *f, PyObject *name, SpzGlobalCache *c);

static inline int spz_cache_valid(SpzFunction *f, SpzGlobalCache *c) {
    return c->gtag == spz_dict_tag(f->globals) && c->gtag != 0 && (c->in_globals || c->btag == spz_dict_tag(f->builtins));
}

/* call_direct sites: the compiled function `name` resolves to if its C entry is `entry` (so its
 * direct entry is the one the caller was compiled against), else NULL. Borrowed. */
static inline PyObject *spz_direct_target(SpzFunction *f, PyObject *name, SpzGlobalCache *c, SpzEntry entry) {
    /* fast path: the function was found in globals (so builtins do not matter) and validated;
     * every other outcome leaves gtag 0, so it is re-resolved each time (rare and slow anyway) */
    if (SPZ_LIKELY(c->gtag == spz_dict_tag(f->globals))) return c->value;
    PyObject *v = spz_global_resolve(f, name, c);
    int ok = v != NULL && c->in_globals && spz_function_check(v) && ((SpzFunction *)v)->def->entry == entry;
    if (!ok) { c->gtag = 0; c->value = NULL; }
    return ok ? v : NULL;
}

/* call_direct sites passing objects the caller cannot prove (facts/objArgs.ts): v passes the
 * callee's contract for its slot i by the plan's C test alone, else 0. No Python code runs, but
 * at the callee's first call ever, which resolves its contracts (spyc._plan.plan_for) as the
 * generic call would at that point. */
SPZ_API int spz_direct_arg_ok(SpzFunction *f, int i, PyObject *v);

/* call_direct sites of a method, `o.name(args)` (o an instance of a @frozen/@record class): the
 * compiled function `o.name` binds if its C entry is `entry`, else NULL. Borrowed. Valid while o's
 * type is the cached one with the same version tag: CPython gives a type a fresh tag whenever its
 * namespace or a base's changes (`C.name = other` included), so the type's dict still holds the
 * function, and instances of types the resolver accepts have no __dict__ that could shadow it. */
typedef struct {
    PyTypeObject *type;   /* compared only (o keeps its type alive) */
    unsigned int tag;
    PyObject *fn;         /* borrowed from the type's dict */
} SpzMethodCache;

SPZ_API PyObject *spz_method_resolve(PyObject *o, PyObject *name, SpzMethodCache *c, SpzEntry entry);
static inline PyObject *spz_method_target(PyObject *o, PyObject *name, SpzMethodCache *c, SpzEntry entry) {
    if (o == NULL) return NULL; /* an unbound local: the generic code raises */
    PyTypeObject *t = Py_TYPE(o);
    if (SPZ_LIKELY(t == c->type && t->tp_version_tag == c->tag)) return c->fn;
    return spz_method_resolve(o, name, c, entry);
}

/* guard_builtin: `name` is CPython's own builtin `which`, neither shadowed nor replaced. */
SPZ_API int spz_builtin_check(SpzFunction *f, PyObject *name, const char *which);
static inline int spz_builtin_cached(SpzFunction *f, PyObject *name, const char *which, SpzGlobalCache *c) {
    if (SPZ_LIKELY(spz_cache_valid(f, c))) return c->ok;
    (void)spz_global_resolve(f, name, c);
    c->ok = spz_builtin_check(f, name, which);
    return c->ok;
}

/* guard_builtin on math.f: the global `name` is the `math` module and its `fn` is math's own. */
SPZ_API int spz_math_check(SpzFunction *f, PyObject *name, const char *fn, SpzGlobalCache *c);
static inline int spz_math_cached(SpzFunction *f, PyObject *name, const char *fn, SpzGlobalCache *c) {
    if (SPZ_LIKELY(spz_cache_valid(f, c) && c->mdict != NULL && spz_dict_tag(c->mdict) == c->mtag)) return c->ok;
    return spz_math_check(f, name, fn, c);
}

/* ---- recursion ---------------------------------------------------------------------------------
 * A compiled frame is a Python-level frame: it counts against sys.getrecursionlimit() exactly like
 * an interpreted one (3.11: tstate->recursion_remaining, the counter Py_EnterRecursiveCall and the
 * interpreter share; 3.12+: tstate->py_recursion_remaining, the Python-frame counter), whether it
 * was entered through vectorcall (function.c, spz_enter_body) or by a direct C call
 * (spz_direct_enter below). Unlike an interpreted frame it also occupies C stack, so every entry
 * also checks the real stack of the running thread: when fewer than SPZ_STACK_MARGIN bytes are
 * left, it raises RecursionError instead of overflowing. Deep limits therefore work as far as the
 * thread's stack allows (threading.stack_size() is honoured), and never end in SIGSEGV. */
#include <pthread.h>

/* Bytes kept free below the deepest compiled frame: room for the unwinding, for CPython's own
 * C frames between two compiled ones (an interpreted callee, a slot wrapper) and for up to
 * SPZ_DIRECT_CHUNK direct frames between two checks. A quarter of the stack when smaller. */
#define SPZ_STACK_MARGIN ((size_t)256 * 1024)

/* The usable part of a thread's stack: [floor, floor + span) may hold compiled frames (floor
 * keeps SPZ_STACK_MARGIN free below it). */
typedef struct { uintptr_t floor, span; } SpzStackRange;

/* Per thread (and per translation unit): the thread's range, span 0 until the thread's first
 * compiled call measures its stack. Reading a __thread variable from a shared object costs a
 * __tls_get_addr call, too much for every call: the check below compares against a plain copy,
 * the range of the thread that checked last (only the GIL holder runs compiled code). A frame
 * outside that range is in another thread's stack -- or below the floor -- and takes the slow
 * path, which reloads the copy from the running thread's own range. */
static __thread SpzStackRange spz_stack_tls_;
static SpzStackRange spz_stack_cur_;

static __attribute__((noinline, unused)) void spz_stack_range_init(SpzStackRange *r) {
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t lo = 0, size = 0;
    pthread_attr_t a;
    if (pthread_getattr_np(pthread_self(), &a) == 0) {
        void *addr = NULL; size_t sz = 0;
        if (pthread_attr_getstack(&a, &addr, &sz) == 0 && addr != NULL && sz > 0) { lo = (uintptr_t)addr; size = sz; }
        pthread_attr_destroy(&a);
    }
    if (size == 0 || here < lo || here > lo + size) {
        /* unknown stack: assume 1 MiB below the first compiled frame (a conservative bound) */
        size = (uintptr_t)1 << 20;
        lo = here > size ? here - size : 0;
    }
    uintptr_t margin = size / 4 < SPZ_STACK_MARGIN ? size / 4 : SPZ_STACK_MARGIN;
    r->floor = lo + margin;
    r->span = size - margin;
}

/* Not in the last checker's range: switch to the running thread's range, then compare. */
static __attribute__((noinline, unused)) int spz_stack_low_slow(uintptr_t sp) {
    if (spz_stack_tls_.span == 0) spz_stack_range_init(&spz_stack_tls_);
    spz_stack_cur_ = spz_stack_tls_;
    return sp < spz_stack_cur_.floor;
}

/* Is the running thread's C stack nearly exhausted? (The frame address, not a local's: under
 * AddressSanitizer locals may live on a fake stack.) One unsigned compare when it is not. */
static inline __attribute__((unused)) int spz_stack_low(void) {
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    if (SPZ_LIKELY(sp - spz_stack_cur_.floor < spz_stack_cur_.span)) return 0;
    return spz_stack_low_slow(sp);
}

/* RecursionError for an exhausted C stack (CPython's message). Returns -1. */
static __attribute__((noinline, cold, unused)) int spz_raise_stack_exhausted(void) {
    PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
    return -1;
}

/* Direct calls (call_direct) do not look the thread state up per call: they pass a budget down
 * the direct entries (the `depth` argument; 0 from a boxed entry). A call site whose budget is
 * spent reserves a chunk of up to SPZ_DIRECT_CHUNK recursion-limit units from the thread state
 * (checking the C stack at the same time) and gives back the whole chunk when its call returns;
 * each nested direct call spends one unit of it. So every compiled frame is paid for, a lowered
 * limit is honoured, and no more than SPZ_DIRECT_CHUNK direct frames run between two stack
 * checks. (Code that direct frames call out to sees at most SPZ_DIRECT_CHUNK - 1 units fewer than
 * an exact count would leave it: spec 6.8 does not compare recursion depths.) When nothing can be
 * reserved (the limit is reached, or the stack is low) the site takes its guard-failure path: a
 * normal counted call through vectorcall, which raises RecursionError with CPython's semantics
 * (including the 3.12+ headroom while a RecursionError is being handled). */
#define SPZ_DIRECT_CHUNK 32
#if PY_VERSION_HEX >= 0x030C0000
#define SPZ_RECURSION_REMAINING(ts) ((ts)->py_recursion_remaining)
#else
#define SPZ_RECURSION_REMAINING(ts) ((ts)->recursion_remaining)
#endif

static __attribute__((noinline, unused)) int spz_direct_reserve(PyThreadState *ts) {
    int r = SPZ_RECURSION_REMAINING(ts);
    if (r <= 0 || spz_stack_low()) return 0;
    int k = r < SPZ_DIRECT_CHUNK ? r : SPZ_DIRECT_CHUNK;
    SPZ_RECURSION_REMAINING(ts) = r - k;
    return k;
}

/* The budget for a direct call from a frame with budget `depth`: > 0, or 0 = take the slow path.
 * *rsv is what this site reserved (to give back with spz_direct_release after the call). */
static inline __attribute__((unused)) int spz_direct_budget_in(PyThreadState *ts, int depth, int *rsv) {
    if (SPZ_LIKELY(depth > 0)) return depth;
    return *rsv = spz_direct_reserve(ts);
}

static inline __attribute__((unused)) void spz_direct_release_in(PyThreadState *ts, int rsv) {
    if (SPZ_UNLIKELY(rsv != 0)) SPZ_RECURSION_REMAINING(ts) += rsv;
}

/* The same for callers without the thread state at hand (kernels, closed self-calls): it is looked
 * up only when a chunk is reserved or given back. */
static inline __attribute__((unused)) int spz_direct_budget(int depth, int *rsv) {
    if (SPZ_LIKELY(depth > 0)) return depth;
    return *rsv = spz_direct_reserve(PyThreadState_Get());
}

static inline __attribute__((unused)) void spz_direct_release(int rsv) {
    if (SPZ_UNLIKELY(rsv != 0)) spz_direct_release_in(PyThreadState_Get(), rsv);
}

/* What a direct entry returns, in two registers: st 0 = unboxed value in v (by the callee's
 * return representation), 1 = new reference in v.o (the callee finished in generic code),
 * -1 = exception raised. */
typedef struct {
    union { int64_t i; uint64_t u; double f; int b; PyObject *o; } v;
    int st;
} SpzRet;

/* The boxed entry of a function whose direct entry returns a tuple in parts: the tuple of the
 * n new references in p (stolen); NULL with the exception set if any of them is NULL. */
static inline __attribute__((unused)) PyObject *spz_tuple_of_parts(PyObject **p, Py_ssize_t n) {
    PyObject *t = NULL;
    for (Py_ssize_t i = 0; i < n; i++) if (p[i] == NULL) goto fail;
    t = PyTuple_New(n);
    if (t == NULL) goto fail;
    for (Py_ssize_t i = 0; i < n; i++) PyTuple_SET_ITEM(t, i, p[i]);
    return t;
fail:
    for (Py_ssize_t i = 0; i < n; i++) Py_XDECREF(p[i]);
    return NULL;
}

/* After a direct call returned a boxed result (its generic path ran): apply the callee's return
 * contract, as its vectorcall would have. *res is replaced (promotion) or cleared on error. 0/-1. */
SPZ_API int spz_direct_check_return(SpzFunction *f, PyObject **res);

#endif /* SPZ_DIRECT_H */
