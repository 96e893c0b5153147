/* spz/spec.h -- helpers for specialized (unboxed) code emitted by src/irbuild/spec.ts.
 *
 * Every guarded helper returns non-zero when its guard fails; the generated code then deopts:
 * it boxes the live values and continues in the generic code of the same statement. Compiled
 * with -DSPZ_FORCE_DEOPT=1, every guard reports failure, so the generic paths run everywhere
 * (the differential suite runs both ways).
 */
#ifndef SPZ_SPEC_H
#define SPZ_SPEC_H

#include <stdarg.h>

#include <math.h>

#ifndef SPZ_FORCE_DEOPT
#define SPZ_FORCE_DEOPT 0
#endif
/* a guard condition that must hold; forced false by SPZ_FORCE_DEOPT */
#define SPZ_GUARD_OK(c) (!SPZ_FORCE_DEOPT && SPZ_LIKELY(c))

/* x << n, exact: fails for a negative count or when bits would be lost (Python would grow). */
static inline int spz_i64_lshift_ovf(int64_t a, int64_t n, int64_t *r) {
    if (n < 0 || n >= 64) { if (n >= 0 && a == 0) { *r = 0; return 0; } return 1; }
    int64_t v = (int64_t)((uint64_t)a << n);
    if ((v >> n) != a) return 1;
    *r = v;
    return 0;
}
/* x >> n: arithmetic shift floors like Python; fails only for a negative count. */
static inline int spz_i64_rshift_ovf(int64_t a, int64_t n, int64_t *r) {
    if (n < 0) return 1;
    *r = n >= 64 ? (a < 0 ? -1 : 0) : (a >> n);
    return 0;
}
static inline int spz_i64_abs_ovf(int64_t a, int64_t *r) {
    if (a == INT64_MIN) return 1;
    *r = a < 0 ? -a : a;
    return 0;
}
/* |a| <= 2**53: the double holds the int exactly, so mixed compares/divisions match CPython. */
static inline int spz_i64_fits_double(int64_t a) {
    return a >= -(INT64_C(1) << 53) && a <= (INT64_C(1) << 53);
}

/* len(range(start, stop, step)) for step != 0, computed without overflow. */
static inline int64_t spz_i64_range_len(int64_t start, int64_t stop, int64_t step) {
    SpzI128 lo = start, hi = stop, st = step;
    if (st > 0) return lo < hi ? (int64_t)((hi - lo - 1) / st + 1) : 0;
    return lo > hi ? (int64_t)((lo - hi - 1) / (-st) + 1) : 0;
}

/* 128-bit accumulators (an int local only added to, subtracted from and returned): exact
 * until 2**127, where the add fails and the code deopts like any int64 overflow. */
static inline int spz_i128_add_ovf(SpzI128 a, SpzI128 b, SpzI128 *r) { return __builtin_add_overflow(a, b, r); }
static inline int spz_i128_sub_ovf(SpzI128 a, SpzI128 b, SpzI128 *r) { return __builtin_sub_overflow(a, b, r); }
static inline int spz_i128_fits_i64(SpzI128 a) { return a >= INT64_MIN && a <= INT64_MAX; }

/* Deopt inside `for x in range(...)`: an iterator over the `remaining` items after `cur`. */
static __attribute__((unused)) PyObject *spz_range_resume(int64_t cur, int64_t remaining, int64_t step) {
    SpzI128 first = (SpzI128)cur + step, stop = (SpzI128)cur + (SpzI128)step * (remaining + 1);
    PyObject *a = spz_i128_to_pylong(first), *b = spz_i128_to_pylong(stop), *s = PyLong_FromLongLong(step);
    PyObject *rng = NULL, *it = NULL;
    if (a && b && s) rng = PyObject_CallFunctionObjArgs((PyObject *)&PyRange_Type, a, b, s, NULL);
    if (rng) it = PyObject_GetIter(rng);
    Py_XDECREF(a); Py_XDECREF(b); Py_XDECREF(s); Py_XDECREF(rng);
    return it;
}

/* Unboxing guards: 1 = ok. */
static inline int spz_unbox_i64(PyObject *v, int64_t *out) { return SPZ_GUARD_OK(spz_as_i64(v, out)); }
static inline int spz_unbox_u64(PyObject *v, uint64_t *out) { return SPZ_GUARD_OK(spz_as_u64(v, out)); }
static inline int spz_unbox_f64(PyObject *v, double *out) {
    if (!SPZ_GUARD_OK(PyFloat_CheckExact(v))) return 0;
    *out = PyFloat_AS_DOUBLE(v);
    return 1;
}
static inline int spz_unbox_bool(PyObject *v, int *out) {
    if (!SPZ_GUARD_OK(v == Py_True || v == Py_False)) return 0;
    *out = v == Py_True;
    return 1;
}

/* ---- float -> int conversions: non-zero (deopt) for inf, nan or a result outside int64 ---- */
static inline int spz_f64_to_i64_(double r, int64_t *out) {
    if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) return 1;
    *out = (int64_t)r;
    return 0;
}
static inline int spz_f64_trunc_i64(double x, int64_t *out) { return spz_f64_to_i64_(trunc(x), out); }
/* round(x): half to even, which rint does in the default rounding mode (as CPython's result) */
static inline int spz_f64_round_i64(double x, int64_t *out) { return spz_f64_to_i64_(rint(x), out); }
static inline int spz_f64_floor_i64(double x, int64_t *out) { return spz_f64_to_i64_(floor(x), out); }
static inline int spz_f64_ceil_i64(double x, int64_t *out) { return spz_f64_to_i64_(ceil(x), out); }

/* ---- list parameters (exact lists; elements are checked on every read) ---------------------- */

/* xs[i] for a Python index i (negative counts from the end): non-zero (deopt) when out of range or
 * when the item is not exactly the expected type. */
#define SPZ_SEQ_GET(kind, Kind, rep, ctype)                                         \
    static inline int spz_##kind##_get_##rep(PyObject *l, int64_t i, ctype *out) {  \
        Py_ssize_t n = Py##Kind##_GET_SIZE(l);                                      \
        if (i < 0) i += n;                                                          \
        if ((uint64_t)i >= (uint64_t)n) return 1;                                   \
        return !spz_unbox_##rep(Py##Kind##_GET_ITEM(l, i), out);                    \
    }
SPZ_SEQ_GET(list, List, i64, int64_t)
SPZ_SEQ_GET(list, List, f64, double)
SPZ_SEQ_GET(list, List, bool, int)
SPZ_SEQ_GET(tuple, Tuple, i64, int64_t)
SPZ_SEQ_GET(tuple, Tuple, f64, double)
SPZ_SEQ_GET(tuple, Tuple, bool, int)

/* a[i][j] of a list of lists (a `list[list[T]]` parameter, irbuild/specExpr.ts): a must still be
 * bound and an exact list, its row i an exact list (neither is the contract's promise about what
 * the items became), then the row's item as above; non-zero (deopt) otherwise. Reads only: no
 * Python code runs, so a failure re-runs the statement generically with nothing done twice. */
#define SPZ_ROW_GET(rep, ctype)                                                        \
    static inline int spz_rows_get_##rep(PyObject *a, int64_t i, int64_t j, ctype *out) { \
        if (a == NULL || !PyList_CheckExact(a)) return 1;                              \
        Py_ssize_t n = PyList_GET_SIZE(a);                                             \
        if (i < 0) i += n;                                                             \
        if ((uint64_t)i >= (uint64_t)n) return 1;                                      \
        PyObject *row = PyList_GET_ITEM(a, i);                                         \
        return !PyList_CheckExact(row) || spz_list_get_##rep(row, j, out);             \
    }
SPZ_ROW_GET(i64, int64_t)
SPZ_ROW_GET(f64, double)
SPZ_ROW_GET(bool, int)

/* sum() of floats inline (irbuild/specGenexp.ts), as builtin_sum's float phase: 3.12+ keeps a
 * Neumaier compensation next to the running value f (t = f + x the new value) and adds it at the
 * end when it is finite and non-zero; 3.11 adds plainly. */
#if PY_VERSION_HEX >= 0x030C0000
#define SPZ_FSUM_COMP(f, t, x) (fabs(f) >= fabs(x) ? ((f) - (t)) + (x) : ((x) - (t)) + (f))
#define SPZ_FSUM_RESULT(f, c) ((c) != 0.0 && isfinite(c) ? (f) + (c) : (f))
#else
#define SPZ_FSUM_COMP(f, t, x) 0.0
#define SPZ_FSUM_RESULT(f, c) (f)
#endif

/* xs[i] = v with 0 <= i < len(xs) already checked: store the boxed value. 0 / -1 (no memory). */
static inline int spz_list_store_obj_(PyObject *l, int64_t i, PyObject *v) {
    if (v == NULL) return -1;
    PyObject *old = PyList_GET_ITEM(l, i);
    PyList_SET_ITEM(l, i, v);
    Py_DECREF(old); /* last: a finalizer may run, and the list is consistent by then */
    return 0;
}
static inline int spz_list_store_i64(PyObject *l, int64_t i, int64_t v) { return spz_list_store_obj_(l, i, PyLong_FromLongLong(v)); }
static inline int spz_list_store_u64(PyObject *l, int64_t i, uint64_t v) { return spz_list_store_obj_(l, i, PyLong_FromUnsignedLongLong(v)); }
static inline int spz_list_store_f64(PyObject *l, int64_t i, double v) { return spz_list_store_obj_(l, i, PyFloat_FromDouble(v)); }
static inline int spz_list_store_bool(PyObject *l, int64_t i, int v) {
    PyObject *nv = v ? Py_True : Py_False;
    if (PyList_GET_ITEM(l, i) == nv) return 0; /* sieves rewrite the same flag a lot */
    return spz_list_store_obj_(l, i, Py_NewRef(nv));
}

/* xs.append(v) on a list the specialized code created: 0 / -1 (no memory). Takes v. With room
 * left the item goes in place, as LIST_APPEND's _PyList_AppendTakeRef does; else PyList_Append
 * grows the list by CPython's own rule, so capacities (sys.getsizeof) stay CPython's. */
static inline int spz_list_append_obj_(PyObject *l, PyObject *v) {
    if (v == NULL) return -1;
    PyListObject *lo = (PyListObject *)l;
    Py_ssize_t n = Py_SIZE(lo);
    if (SPZ_LIKELY(n < lo->allocated)) {
        lo->ob_item[n] = v;
        Py_SET_SIZE(lo, n + 1);
        return 0;
    }
    int r = PyList_Append(l, v);
    Py_DECREF(v);
    return r;
}
static inline int spz_list_append_i64(PyObject *l, int64_t v) { return spz_list_append_obj_(l, PyLong_FromLongLong(v)); }
static inline int spz_list_append_u64(PyObject *l, uint64_t v) { return spz_list_append_obj_(l, PyLong_FromUnsignedLongLong(v)); }
static inline int spz_list_append_f64(PyObject *l, double v) { return spz_list_append_obj_(l, PyFloat_FromDouble(v)); }
static inline int spz_list_append_bool(PyObject *l, int v) { return PyList_Append(l, v ? Py_True : Py_False); }

/* ---- fields of @frozen instances: plain slots, read by offset ----------------------------------- */

/* per-site cache: the type whose slot `name` sits at `offset`, valid while its version tag holds */
typedef struct {
    PyTypeObject *type;
    unsigned int tag;
    Py_ssize_t offset;
} SpzSlotCache;

/* Fill the cache for o's type when `name` is a plain object slot found by generic attribute lookup
 * (a member descriptor, which as a data descriptor wins over any instance dict). 1 / 0.
 * `native`: a T_DOUBLE member (a record's native float field, objects.c) is accepted too, its
 * offset marked by bit 0 (offsets are pointer-aligned); every reader of such an offset tests it. */
static __attribute__((noinline, cold, unused)) int spz_slot_resolve_n(PyObject *o, PyObject *name, SpzSlotCache *c, int native) {
    PyTypeObject *t = Py_TYPE(o);
    c->type = NULL;
    if (t->tp_getattro != PyObject_GenericGetAttr) return 0;
    PyObject *d = _PyType_Lookup(t, name);
    if (d == NULL || Py_TYPE(d) != &PyMemberDescr_Type) return 0;
    PyMemberDef *m = ((PyMemberDescrObject *)d)->d_member;
    int dbl = native && m->type == T_DOUBLE && m->flags == 0 && (m->offset & 7) == 0;
    if ((m->type != T_OBJECT_EX && !dbl) || spz_type_tag(t) == 0) return 0;
    c->type = t;
    c->tag = t->tp_version_tag;
    c->offset = m->offset | dbl;
    return 1;
}
static inline int spz_slot_resolve(PyObject *o, PyObject *name, SpzSlotCache *c) { return spz_slot_resolve_n(o, name, c, 0); }
#define SPZ_NATIVE(off) ((off) & 1)
#define SPZ_NSLOT(o, off) ((double *)((char *)(o) + ((off) & ~(Py_ssize_t)1)))

/* o.name unboxed: 1 = ok; 0 (deopt) for another layout, an unset slot or a value of another type */
#define SPZ_SLOT_GET(rep, ctype)                                                                      \
    static inline int spz_slot_get_##rep(PyObject *o, PyObject *name, SpzSlotCache *c, ctype *out) { \
        if (o == NULL) return 0; /* an unbound local: the generic code raises */                     \
        if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_slot_resolve(o, name, c)) \
            return 0;                                                                                 \
        PyObject *v = *(PyObject **)((char *)o + c->offset);                                          \
        return v != NULL && spz_unbox_##rep(v, out);                                                  \
    }
SPZ_SLOT_GET(i64, int64_t)
SPZ_SLOT_GET(bool, int)
/* floats: an object slot or a native double */
static inline int spz_slot_get_f64(PyObject *o, PyObject *name, SpzSlotCache *c, double *out) {
    if (o == NULL) return 0; /* an unbound local: the generic code raises */
    if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_slot_resolve_n(o, name, c, 1)) return 0;
    if (SPZ_NATIVE(c->offset)) { *out = *SPZ_NSLOT(o, c->offset); return 1; }
    PyObject *v = *(PyObject **)((char *)o + c->offset);
    return v != NULL && spz_unbox_f64(v, out);
}

/* o.name == k (neg: !=) for a str field (IR str_eq): 1 = ok (*out set), 0 = deopt -- another
 * layout, an unset slot, or either side not an exact str (CPython's == could run __eq__ code) */
static inline int spz_slot_str_eq(PyObject *o, PyObject *name, SpzSlotCache *c, PyObject *k, int neg, int *out) {
    if (o == NULL || k == NULL || !PyUnicode_CheckExact(k)) return 0;
    if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_slot_resolve(o, name, c)) return 0;
    PyObject *v = *(PyObject **)((char *)o + c->offset);
    if (v == NULL || !PyUnicode_CheckExact(v)) return 0;
    int eq = v == k || (PyUnicode_GET_LENGTH(v) == PyUnicode_GET_LENGTH(k) && PyUnicode_Compare(v, k) == 0);
    *out = eq != neg;
    return 1;
}

/* ---- field stores of @record instances (IR op slot_set) ------------------------------------------ */

/* Fill the cache when o's type stores `name` in a slot that takes values of type `exact` as they are
 * (spz_record_store_offset: the record's generated __setattr__ is in place). 1 / 0. */
static __attribute__((noinline, cold, unused)) int spz_slot_store_resolve(PyObject *o, PyObject *name, PyTypeObject *exact, int wide, SpzSlotCache *c) {
    unsigned int tag = 0;
    Py_ssize_t off = spz_record_store_offset(Py_TYPE(o), name, exact, wide, &tag);
    c->type = NULL;
    if (off <= 0) return 0;
    c->type = Py_TYPE(o);
    c->tag = tag;
    c->offset = off;
    return 1;
}

/* The slot of o.name for a store of an `exact` value, or NULL (deopt). Only float stores may find
 * a native double field (its offset marked, see spz_slot_resolve_n): spz_slot_set_f64 tests it. */
static inline PyObject **spz_slot_store_ptr(PyObject *o, PyObject *name, PyTypeObject *exact, int wide, SpzSlotCache *c) {
    if (o == NULL) return NULL;
    if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_slot_store_resolve(o, name, exact, wide, c)) return NULL;
    return (PyObject **)((char *)o + c->offset);
}

/* o.name = v: 1 stored, 0 deopt (nothing done), -1 MemoryError. A float only the slot holds is
 * overwritten in place: no other reference can observe it, so this equals a new float there. */
static inline int spz_slot_set_f64(PyObject *o, PyObject *name, SpzSlotCache *c, double v) {
    PyObject **p = spz_slot_store_ptr(o, name, &PyFloat_Type, 0, c);
    if (p == NULL) return 0;
    if (SPZ_NATIVE(c->offset)) { *SPZ_NSLOT(o, c->offset) = v; return 1; }
    PyObject *old = *p;
    if (old != NULL && Py_REFCNT(old) == 1 && PyFloat_CheckExact(old)) { ((PyFloatObject *)old)->ob_fval = v; return 1; }
    PyObject *x = PyFloat_FromDouble(v);
    if (x == NULL) return -1;
    *p = x;
    Py_XDECREF(old);
    return 1;
}
/* The same for a field the compiler knows is a native double in every class of its module that
 * has it (IR `native`): the cache fills only for a native member (its offset stored without the
 * mark), so the access is a plain load or store; any other layout deopts. */
static __attribute__((noinline, cold, unused)) int spz_nslot_resolve(PyObject *o, PyObject *name, int store, SpzSlotCache *c) {
    if (store ? !spz_slot_store_resolve(o, name, &PyFloat_Type, 0, c) : !spz_slot_resolve_n(o, name, c, 1)) return 0;
    if (!SPZ_NATIVE(c->offset)) { c->type = NULL; return 0; }
    c->offset &= ~(Py_ssize_t)1;
    return 1;
}
static inline int spz_nslot_get_f64(PyObject *o, PyObject *name, SpzSlotCache *c, double *out) {
    if (o == NULL) return 0;
    if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_nslot_resolve(o, name, 0, c)) return 0;
    *out = *(double *)((char *)o + c->offset);
    return 1;
}
static inline int spz_nslot_set_f64(PyObject *o, PyObject *name, SpzSlotCache *c, double v) {
    if (o == NULL) return 0;
    if (!(Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) && !spz_nslot_resolve(o, name, 1, c)) return 0;
    *(double *)((char *)o + c->offset) = v;
    return 1;
}
#define SPZ_SLOT_SET_INT(rep, ctype, wide, box)                                                      \
    static inline int spz_slot_set_##rep(PyObject *o, PyObject *name, SpzSlotCache *c, ctype v) {     \
        PyObject **p = spz_slot_store_ptr(o, name, &PyLong_Type, wide, c);                            \
        if (p == NULL) return 0;                                                                      \
        PyObject *x = box(v);                                                                         \
        if (x == NULL) return -1;                                                                     \
        PyObject *old = *p;                                                                           \
        *p = x;                                                                                       \
        Py_XDECREF(old);                                                                              \
        return 1;                                                                                     \
    }
/* u64 values (masked 64-bit arithmetic) may pass 2**63: only `int` fields take them as they are */
SPZ_SLOT_SET_INT(i64, int64_t, 0, PyLong_FromLongLong)
SPZ_SLOT_SET_INT(u64, uint64_t, 1, PyLong_FromUnsignedLongLong)
SPZ_SLOT_GET(u64, uint64_t)
static inline int spz_slot_set_bool(PyObject *o, PyObject *name, SpzSlotCache *c, int v) {
    PyObject **p = spz_slot_store_ptr(o, name, &PyBool_Type, 0, c);
    if (p == NULL) return 0;
    PyObject *old = *p;
    *p = Py_NewRef(v ? Py_True : Py_False);
    Py_XDECREF(old);
    return 1;
}

/* ---- field accesses under a layout guard (IR op layout_guard, src/passes/layoutGuards.ts) ---------- */

/* The guard's cache of one object: its type at version tag `tag` keeps the guard's fields at off[]. */
typedef struct {
    PyTypeObject *type;
    unsigned int tag;
} SpzLayoutHead;
#define SPZ_LAYOUT_CACHE(n) struct { SpzLayoutHead h; Py_ssize_t off[n]; }

static inline int spz_layout_ok(PyObject *o, const SpzLayoutHead *h) {
    return o != NULL && Py_TYPE(o) == h->type && h->type->tp_version_tag == h->tag;
}
/* The cold fill, in order: reset (the cache is invalid until spz_layout_end), every field at one
 * version tag *tag (0 until the first field set it), end. Each 1 = ok, 0 = deopt. */
static __attribute__((noinline, cold, unused)) int spz_layout_reset(SpzLayoutHead *h, PyObject *o) {
    h->type = NULL;
    return o != NULL;
}
static inline int spz_layout_tag_(unsigned int *tag, unsigned int t) {
    if (t == 0 || (*tag != 0 && *tag != t)) return 0;
    *tag = t;
    return 1;
}
/* a field read: slot_get's condition (spz_slot_resolve_n; a native double's offset is marked and
 * only the f64 accessors below take it) */
static __attribute__((noinline, cold, unused)) int spz_layout_get(PyObject *o, PyObject *name, unsigned int *tag, Py_ssize_t *off) {
    SpzSlotCache c;
    if (!spz_slot_resolve_n(o, name, &c, 1) || !spz_layout_tag_(tag, c.tag)) return 0;
    *off = c.offset;
    return 1;
}
/* a field store of `exact` values: slot_set's condition (spz_record_store_offset; may build the
 * class plan, which runs Python code -- hence the tag check of every field and spz_layout_end);
 * `same`: the field is read too, at *off already, which the store's offset must equal */
static __attribute__((noinline, cold, unused)) int spz_layout_set(PyObject *o, PyObject *name, PyTypeObject *exact, int wide, unsigned int *tag, Py_ssize_t *off, int same) {
    unsigned int t = 0;
    Py_ssize_t x = spz_record_store_offset(Py_TYPE(o), name, exact, wide, &t);
    if (x <= 0 || !spz_layout_tag_(tag, t) || (same && *off != x)) return 0;
    *off = x;
    return 1;
}
/* the same two for a native field (IR LayoutField.native): only a native double member, whose
 * offset is then stored without the mark for the spz_nlslot accessors */
static __attribute__((noinline, cold, unused)) int spz_layout_get_n(PyObject *o, PyObject *name, unsigned int *tag, Py_ssize_t *off) {
    if (!spz_layout_get(o, name, tag, off) || !SPZ_NATIVE(*off)) return 0;
    *off &= ~(Py_ssize_t)1;
    return 1;
}
static __attribute__((noinline, cold, unused)) int spz_layout_set_n(PyObject *o, PyObject *name, unsigned int *tag, Py_ssize_t *off, int same) {
    unsigned int t = 0;
    Py_ssize_t x = spz_record_store_offset(Py_TYPE(o), name, &PyFloat_Type, 0, &t);
    if (x <= 0 || !SPZ_NATIVE(x) || !spz_layout_tag_(tag, t)) return 0;
    x &= ~(Py_ssize_t)1;
    if (same && *off != x) return 0;
    *off = x;
    return 1;
}
/* a native field at a guarded offset: a plain load or store */
#define spz_nlslot_get(o, off) (*(double *)((char *)(o) + (off)))
#define spz_nlslot_set(o, off, v) (*(double *)((char *)(o) + (off)) = (v))

/* o's type still has the tag every field was resolved at (tags are never reused by another type) */
static __attribute__((noinline, cold, unused)) int spz_layout_end(SpzLayoutHead *h, PyObject *o, unsigned int tag) {
    PyTypeObject *t = Py_TYPE(o);
    if (tag == 0 || spz_type_tag(t) != tag) return 0;
    h->type = t;
    h->tag = tag;
    return 1;
}

#define SPZ_LSLOT(o, off) ((PyObject **)((char *)(o) + (off)))
/* o.name unboxed at a guarded offset: 1 = ok; 0 (deopt) for an unset slot or a value of another type */
#define SPZ_LSLOT_GET(rep, ctype)                                                   \
    static inline __attribute__((always_inline)) int spz_lslot_get_##rep(PyObject *o, Py_ssize_t off, ctype *out) { \
        if (SPZ_NATIVE(off)) return 0;  /* a native double read as another kind */ \
        PyObject *v = *SPZ_LSLOT(o, off);                                           \
        return SPZ_LIKELY(v != NULL) && spz_unbox_##rep(v, out);                    \
    }
SPZ_LSLOT_GET(i64, int64_t)
SPZ_LSLOT_GET(u64, uint64_t)
SPZ_LSLOT_GET(bool, int)
static inline __attribute__((always_inline)) int spz_lslot_get_f64(PyObject *o, Py_ssize_t off, double *out) {
    if (SPZ_NATIVE(off)) { *out = *SPZ_NSLOT(o, off); return 1; }
    PyObject *v = *SPZ_LSLOT(o, off);
    return SPZ_LIKELY(v != NULL) && spz_unbox_f64(v, out);
}

/* o.name = v at a guarded offset: 1 stored, 0 deopt (nothing done), -1 MemoryError. Only over an
 * old value of the stored value's exact type, whose release runs no code (no finalizer), so the
 * region of the guard goes on after the store. */
static inline __attribute__((always_inline)) int spz_lslot_set_f64(PyObject *o, Py_ssize_t off, double v) {
    if (SPZ_NATIVE(off)) { *SPZ_NSLOT(o, off) = v; return 1; }
    PyObject **p = SPZ_LSLOT(o, off), *old = *p;
    if (SPZ_UNLIKELY(old == NULL || !PyFloat_CheckExact(old))) return 0;
    if (SPZ_LIKELY(Py_REFCNT(old) == 1)) { ((PyFloatObject *)old)->ob_fval = v; return 1; }
    PyObject *x = PyFloat_FromDouble(v);
    if (x == NULL) return -1;
    *p = x;
    Py_DECREF(old);
    return 1;
}
/* The same where an earlier covered access of the stretch established that the slot holds an exact
 * float / a bool (IR LayoutRef.known): nothing to check. */
static inline __attribute__((always_inline)) void spz_lslot_known_f64(PyObject *o, Py_ssize_t off, double *out) {
    if (SPZ_NATIVE(off)) { *out = *SPZ_NSLOT(o, off); return; }
    *out = PyFloat_AS_DOUBLE(*SPZ_LSLOT(o, off));
}
static inline __attribute__((always_inline)) void spz_lslot_known_bool(PyObject *o, Py_ssize_t off, int *out) {
    *out = *SPZ_LSLOT(o, off) == Py_True;
}
static inline __attribute__((always_inline)) int spz_lslot_setk_f64(PyObject *o, Py_ssize_t off, double v) {
    if (SPZ_NATIVE(off)) { *SPZ_NSLOT(o, off) = v; return 1; }
    PyObject **p = SPZ_LSLOT(o, off), *old = *p;
    if (SPZ_LIKELY(Py_REFCNT(old) == 1)) { ((PyFloatObject *)old)->ob_fval = v; return 1; }
    PyObject *x = PyFloat_FromDouble(v);
    if (x == NULL) return -1;
    *p = x;
    Py_DECREF(old);
    return 1;
}
static inline int spz_lslot_setk_bool(PyObject *o, Py_ssize_t off, int v) {
    PyObject **p = SPZ_LSLOT(o, off), *old = *p;
    *p = Py_NewRef(v ? Py_True : Py_False);
    Py_DECREF(old);
    return 1;
}
#define SPZ_LSLOT_SET_INT(rep, ctype, box)                                           \
    static inline int spz_lslot_set_##rep(PyObject *o, Py_ssize_t off, ctype v) {    \
        PyObject **p = SPZ_LSLOT(o, off), *old = *p;                                 \
        if (old == NULL || !PyLong_CheckExact(old)) return 0;                        \
        PyObject *x = box(v);                                                        \
        if (x == NULL) return -1;                                                    \
        *p = x;                                                                      \
        Py_DECREF(old);                                                              \
        return 1;                                                                    \
    }
SPZ_LSLOT_SET_INT(i64, int64_t, PyLong_FromLongLong)
SPZ_LSLOT_SET_INT(u64, uint64_t, PyLong_FromUnsignedLongLong)
static inline int spz_lslot_set_bool(PyObject *o, Py_ssize_t off, int v) {
    PyObject **p = SPZ_LSLOT(o, off), *old = *p;
    if (old == NULL || !PyBool_Check(old)) return 0;
    *p = Py_NewRef(v ? Py_True : Py_False);
    Py_DECREF(old);
    return 1;
}

/* xs[i] for 0 <= i < len(xs) (checked by the caller): new reference */
static inline PyObject *spz_list_item_ref(PyObject *l, int64_t i) { return Py_NewRef(PyList_GET_ITEM(l, i)); }

/* Deopt inside `for x in xs`: iter(xs) positioned at index idx (list and tuple iterators support
 * __setstate__, which clamps like CPython's own). New reference or NULL. */
static __attribute__((unused)) PyObject *spz_list_iter_at(PyObject *l, int64_t idx) {
    PyObject *it = PyObject_GetIter(l);
    if (it == NULL || idx == 0) return it;
    PyObject *r = PyObject_CallMethod(it, "__setstate__", "L", (long long)idx);
    if (r == NULL) { Py_DECREF(it); return NULL; }
    Py_DECREF(r);
    return it;
}

/* Deopt inside a typed `for ... in zip(xs, ys, ...)` (n sequences) or `enumerate(xs)` (n == 0,
 * one sequence): the zip/enumerate object the generic loop would hold at item idx, built over
 * iterators positioned at idx. New reference or NULL. */
static __attribute__((unused)) PyObject *spz_zip_resume(int64_t idx, int n, ...) {
    int k = n == 0 ? 1 : n;
    PyObject *its = PyTuple_New(k);
    if (its == NULL) return NULL;
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < k; i++) {
        PyObject *it = spz_list_iter_at(va_arg(ap, PyObject *), idx);
        if (it == NULL) { va_end(ap); Py_DECREF(its); return NULL; }
        PyTuple_SET_ITEM(its, i, it);
    }
    va_end(ap);
    if (n > 0) {
        PyObject *z = PyObject_Call((PyObject *)&PyZip_Type, its, NULL);
        Py_DECREF(its);
        return z;
    }
    PyObject *start = PyLong_FromLongLong(idx);
    PyObject *e = start == NULL ? NULL : PyObject_CallFunctionObjArgs((PyObject *)&PyEnum_Type, PyTuple_GET_ITEM(its, 0), start, NULL);
    Py_XDECREF(start);
    Py_DECREF(its);
    return e;
}

#include "containers.h"

#endif /* SPZ_SPEC_H */
