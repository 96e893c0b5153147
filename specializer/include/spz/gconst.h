/* spz/gconst.h -- module globals read as unboxed numbers by specialized code: `FEE`, `MASK`,
 * and attributes of a module held in a global, like `math.pi`.
 *
 * The value read is the one the name holds NOW, as CPython reads it: a per-site SpzConstCache
 * keeps the unboxed value together with the dict version tags that prove it current (the module
 * globals and builtins, as for direct calls, plus the attribute's module dict). Equal tags: one
 * load and compare, then the cached number. Any store into those dicts re-reads the name; a value
 * of another type (or an unbound name) fails the guard, and the generic code of the statement
 * reads it — or raises the NameError — itself. */
#ifndef SPZ_GCONST_H
#define SPZ_GCONST_H

typedef struct {
    SpzGlobalCache g;     /* the global (for an attribute: the module) and the dicts' tags */
    union { int64_t i; uint64_t u; double d; int b; } v;
} SpzConstCache;

/* Re-read `name` (then its `attr`, when not NULL) and unbox it as rep 'i' (int64), 'u' (uint64), 'd'
 * (double) or 'b' (bool) into the cache, or check it is an exact tuple or list ('n', spz_gconst_len). 1 = the cache now holds a value of that rep. */
SPZ_API int spz_gconst_fill(SpzFunction *f, PyObject *name, PyObject *attr, char rep, SpzConstCache *c);

static inline int spz_gconst_valid(SpzFunction *f, PyObject *attr, SpzConstCache *c) {
    return c->g.ok && spz_cache_valid(f, &c->g) &&
           (attr == NULL || (c->g.mdict != NULL && spz_dict_tag(c->g.mdict) == c->g.mtag));
}

/* Guards: 1 = ok, *out holds the current value. */
static inline int spz_gconst_i64(SpzFunction *f, PyObject *name, PyObject *attr, SpzConstCache *c, int64_t *out) {
    if (!(SPZ_LIKELY(spz_gconst_valid(f, attr, c)) || spz_gconst_fill(f, name, attr, 'i', c))) return 0;
    *out = c->v.i;
    return 1;
}
static inline int spz_gconst_u64(SpzFunction *f, PyObject *name, PyObject *attr, SpzConstCache *c, uint64_t *out) {
    if (!(SPZ_LIKELY(spz_gconst_valid(f, attr, c)) || spz_gconst_fill(f, name, attr, 'u', c))) return 0;
    *out = c->v.u;
    return 1;
}
static inline int spz_gconst_f64(SpzFunction *f, PyObject *name, PyObject *attr, SpzConstCache *c, double *out) {
    if (!(SPZ_LIKELY(spz_gconst_valid(f, attr, c)) || spz_gconst_fill(f, name, attr, 'd', c))) return 0;
    *out = c->v.d;
    return 1;
}
static inline int spz_gconst_bool(SpzFunction *f, PyObject *name, PyObject *attr, SpzConstCache *c, int *out) {
    if (!(SPZ_LIKELY(spz_gconst_valid(f, attr, c)) || spz_gconst_fill(f, name, attr, 'b', c))) return 0;
    *out = c->v.b;
    return 1;
}
/* len(name) of a global holding an exact tuple or list (rep 'n'; attr NULL): the guard proves
 * the name still holds that object; its length is read now (a list's may have changed). */
static inline int spz_gconst_len(SpzFunction *f, PyObject *name, PyObject *attr, SpzConstCache *c, int64_t *out) {
    if (!(SPZ_LIKELY(spz_gconst_valid(f, attr, c)) || spz_gconst_fill(f, name, attr, 'n', c))) return 0;
    *out = (int64_t)Py_SIZE(c->g.value);
    return 1;
}

#endif /* SPZ_GCONST_H */
