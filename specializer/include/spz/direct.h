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

/* Direct calls nest C frames without Python's recursion counter. Each direct entry receives its
 * nesting depth as an argument (0 from a boxed entry); past this depth a call site takes its
 * guard-failure path, a normal counted call, so deep recursion still ends in RecursionError
 * instead of exhausting the C stack. */
#define SPZ_NATIVE_DEPTH_MAX 200
/* Boxed entries currently running in this extension (any thread; the GIL serializes updates).
 * A boxed entry reached while another is active starts at SPZ_NATIVE_DEPTH_MAX, so a recursion
 * that falls back to counted calls never gets a fresh native budget per level. */
static __attribute__((unused)) int spz_native_active; /* unused by hand-written extensions */

/* What a direct entry returns, in two registers: st 0 = unboxed value in v (by the callee's
 * return representation), 1 = new reference in v.o (the callee finished in generic code),
 * -1 = exception raised. */
typedef struct {
    union { int64_t i; double f; int b; PyObject *o; } v;
    int st;
} SpzRet;

/* After a direct call returned a boxed result (its generic path ran): apply the callee's return
 * contract, as its vectorcall would have. *res is replaced (promotion) or cleared on error. 0/-1. */
SPZ_API int spz_direct_check_return(SpzFunction *f, PyObject **res);

#endif /* SPZ_DIRECT_H */
