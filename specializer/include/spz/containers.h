/* spz/containers.h -- container fast paths of specialized code (included by spz/spec.h).
 *
 * Dict accumulation (IR op dict_acc, facts/dicts.ts): `d[k] = d.get(k, c) + v` and `d[k] += v`
 * (or `-`) on an exact dict or a defaultdict d (guarded by the caller, so `.get`, the lookup and
 * the store are dict's own; a key `op=` misses goes to the defaultdict's __missing__), v unboxed.
 * CPython's effects in its order: k read, one lookup (which hashes k and may compare keys), the addition -- in C for an exact int (int64, no overflow) or exact float item
 * with a v of that kind, PyNumber_Add / PyNumber_InPlaceAdd (`+=`) on v boxed otherwise -- then, in
 * the `.get` form, k read again, and one store. Nothing here deopts: every guard ran before.
 * An int/float item only the dict holds is updated in place instead of stored anew (one lookup,
 * no allocation; spz_int_set_inplace says why that is indistinguishable). */
#ifndef SPZ_CONTAINERS_H
#define SPZ_CONTAINERS_H

#include "objlayout.h"
#include "dictmemo.h"

/* o.attr when it is a plain object slot of o's type, read through the per-site cache (no code
 * runs); NULL when it is not one, or is empty. Borrowed. */
static inline PyObject *spz_slot_peek(PyObject *o, PyObject *attr, SpzSlotCache *c) {
    if (!((Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) || spz_slot_resolve(o, attr, c))) return NULL;
    return *(PyObject **)((char *)o + c->offset);
}

/* k of `d[k]`: o itself (a local's value, attr NULL), or o.attr: a plain slot read through the
 * per-site cache when o's type has one (no code can run), else the generic getattr. New ref / NULL. */
static inline PyObject *spz_acc_key(PyObject *o, PyObject *attr, SpzSlotCache *c) {
    if (attr == NULL) return Py_NewRef(o);
    PyObject *v = spz_slot_peek(o, attr, c);
    return v != NULL ? Py_NewRef(v) : PyObject_GetAttr(o, attr);
}

/* collections.defaultdict itself: an immutable type (static before 3.12, a heap type from a spec
 * since; no Python class is immutable, and nothing can change its methods) of that name, remembered
 * once seen. It inherits dict's get, lookup and store; only a missing key in `d[k]` differs:
 * dict's subscript calls its __missing__. */
static __attribute__((unused)) PyTypeObject *spz_defaultdict_type_;
static inline int spz_is_defaultdict(PyObject *d) {
    PyTypeObject *tp = Py_TYPE(d);
    if (tp == spz_defaultdict_type_) return 1;
    if (!(tp->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) || tp->tp_base != &PyDict_Type || strcmp(tp->tp_name, "collections.defaultdict") != 0) return 0;
    spz_defaultdict_type_ = tp;
    return 1;
}

/* The dicts dict_acc and `x = d.get(k, c)` take: an exact dict or a defaultdict. */
static inline int spz_acc_dict(PyObject *d) { return PyDict_CheckExact(d) || spz_is_defaultdict(d); }

/* The value of a missing k: dflt (`.get` form, new reference); in the `op=` form what dict's
 * subscript gives: a defaultdict's __missing__(k) (the factory's value, which it inserts), else
 * NULL with KeyError. */
static inline PyObject *spz_acc_missing(PyObject *d, PyObject *k, PyObject *dflt) {
    if (dflt != NULL) return Py_NewRef(dflt);
    if (!PyDict_CheckExact(d)) {
        static PyObject *s_missing;
        if (s_missing == NULL && (s_missing = PyUnicode_InternFromString("__missing__")) == NULL) return NULL;
        return PyObject_CallMethodOneArg(d, s_missing, k);
    }
    PyObject *t = PyTuple_Pack(1, k);  /* what _PyErr_SetKeyError raises: KeyError(k), even for a tuple k */
    if (t != NULL) { PyErr_SetObject(PyExc_KeyError, t); Py_DECREF(t); }
    return NULL;
}

/* cur +/- v on boxed v: `+=` (no default) is the in-place operation, as BINARY_OP does */
static inline PyObject *spz_acc_generic(PyObject *cur, PyObject *bv, int inplace, int sub) {
    if (bv == NULL) return NULL;
    PyObject *r = inplace ? (sub ? PyNumber_InPlaceSubtract(cur, bv) : PyNumber_InPlaceAdd(cur, bv))
                          : (sub ? PyNumber_Subtract(cur, bv) : PyNumber_Add(cur, bv));
    Py_DECREF(bv);
    return r;
}

/* The store, with k read again in the `.get` form. Steals r and k. 0 / -1. */
static inline int spz_acc_store(PyObject *d, PyObject *o, PyObject *attr, SpzSlotCache *c, PyObject *dflt, PyObject *k, PyObject *r) {
    if (r == NULL) { Py_DECREF(k); return -1; }
    if (dflt != NULL && attr != NULL) {
        Py_DECREF(k);
        k = spz_acc_key(o, attr, c);
        if (k == NULL) { Py_DECREF(r); return -1; }
    }
    int st = PyDict_SetItem(d, k, r);
    Py_DECREF(r);
    Py_DECREF(k);
    return st;
}

/* Whether the store's own work can be skipped without a trace: k's second read (the `.get` form)
 * is a plain slot read (no code runs, it gives k again), and the store's lookup of k runs no code
 * either -- an exact str key (hash cached) in a dict whose keys are all exact strs (its keys
 * object is not DICT_KEYS_GENERAL, objlayout.h), so no key's __eq__ is ever called. */
static inline int spz_acc_store_pure(PyObject *d, PyObject *k, PyObject *o, PyObject *attr, SpzSlotCache *c) {
    if (!PyUnicode_CheckExact(k) || ((SpzDictKeys *)((PyDictObject *)d)->ma_keys)->dk_kind == SPZ_DICT_KEYS_GENERAL) return 0;
    return attr == NULL || (Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag);
}

/* A value changed in place leaves the dict's version tag as it was, so d must not be a dict whose
 * tag a cache trusts: module namespaces (globals, builtins, `math.__dict__`: spz/gconst.h caches
 * unboxed number globals by tag). Those all hold `__name__`; any dict that does is excluded.
 * The last dict found plain is remembered with its version tag (one per module): every mutation
 * gives a dict a fresh, process-unique tag, so while the tag is the same d still has no
 * `__name__` -- and in-place updates keep it, so an accumulation loop looks `__name__` up once. */
static __attribute__((unused)) PyObject *spz_acc_plain_last_;   /* compared only */
static __attribute__((unused)) uint64_t spz_acc_plain_tag_;
static inline int spz_acc_plain_dict(PyObject *d) {
    if (d == spz_acc_plain_last_ && spz_dict_tag(d) == spz_acc_plain_tag_) return 1;
    static PyObject *s_name;
    if (s_name == NULL && (s_name = PyUnicode_InternFromString("__name__")) == NULL) { PyErr_Clear(); return 0; }
    PyObject *v = PyDict_GetItemWithError(d, s_name);  /* exact str key in a str-keyed dict: no code runs */
    if (v == NULL && PyErr_Occurred()) { PyErr_Clear(); return 0; }
    if (v != NULL) return 0;
    spz_acc_plain_last_ = d;
    spz_acc_plain_tag_ = spz_dict_tag(d);
    return 1;
}

/* Set exact int `cur`, which only the dict holds (refcount 1: so never a cached small int), to x in
 * place, when x needs no more 30-bit digits than cur has (at most 2) and is no small int (those
 * are canonical objects). The dict then holds what `d[k] = x` would store, and no reference can
 * see the change; the store is skipped (no code ran since the lookup, so it would find this entry). */
static inline int spz_int_set_inplace(PyObject *cur, int64_t x) {
#if PYLONG_BITS_IN_DIGIT == 30
    if (Py_REFCNT(cur) != 1 || (x >= -5 && x <= 256)) return 0;
    uint64_t a = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
    Py_ssize_t need = a < ((uint64_t)1 << 30) ? 1 : a < ((uint64_t)1 << 60) ? 2 : 3;
#if PY_VERSION_HEX >= 0x030C0000
    PyLongObject *l = (PyLongObject *)cur;
    if (need > (Py_ssize_t)(l->long_value.lv_tag >> 3)) return 0;  /* 3: _PyLong_NON_SIZE_BITS */
    l->long_value.lv_tag = ((uintptr_t)need << 3) | (x < 0 ? 2 : 0);  /* sign: 0 positive, 2 negative */
    digit *d = l->long_value.ob_digit;
#else
    if (need > Py_ABS(Py_SIZE(cur))) return 0;
    Py_SET_SIZE(cur, x < 0 ? -need : need);
    digit *d = ((PyLongObject *)cur)->ob_digit;
#endif
    d[0] = (digit)(a & PyLong_MASK);
    if (need == 2) d[1] = (digit)(a >> PyLong_SHIFT);
    return 1;
#else
    (void)cur; (void)x;
    return 0;
#endif
}

static inline int spz_dict_acc_i64(PyObject *d, PyObject *o, PyObject *attr, SpzSlotCache *c, PyObject *dflt, int64_t v, int sub) {
    PyObject *k = spz_acc_key(o, attr, c);
    if (k == NULL) return -1;
    int64_t x, s;
    PyObject *found = spz_dict_lookup(d, k);  /* borrowed: the dict's reference */
    if (found != NULL && PyLong_CheckExact(found) && spz_as_i64(found, &x) &&
        !(sub ? __builtin_sub_overflow(x, v, &s) : __builtin_add_overflow(x, v, &s)) &&
        spz_acc_store_pure(d, k, o, attr, c) && spz_acc_plain_dict(d) && spz_int_set_inplace(found, s)) {
        Py_DECREF(k);
        return 0;
    }
    if (found == NULL && PyErr_Occurred()) { Py_DECREF(k); return -1; }
    PyObject *cur = found != NULL ? Py_NewRef(found) : spz_acc_missing(d, k, dflt), *r;
    if (cur == NULL) { Py_DECREF(k); return -1; }
    if (PyLong_CheckExact(cur) && spz_as_i64(cur, &x) && !(sub ? __builtin_sub_overflow(x, v, &s) : __builtin_add_overflow(x, v, &s)))
        r = PyLong_FromLongLong(s);
    else
        r = spz_acc_generic(cur, PyLong_FromLongLong(v), dflt == NULL, sub);
    Py_DECREF(cur);
    return spz_acc_store(d, o, attr, c, dflt, k, r);
}

static inline int spz_dict_acc_f64(PyObject *d, PyObject *o, PyObject *attr, SpzSlotCache *c, PyObject *dflt, double v, int sub) {
    PyObject *k = spz_acc_key(o, attr, c);
    if (k == NULL) return -1;
    PyObject *found = spz_dict_lookup(d, k);  /* borrowed */
    if (found != NULL && PyFloat_CheckExact(found) && Py_REFCNT(found) == 1 && spz_acc_store_pure(d, k, o, attr, c) && spz_acc_plain_dict(d)) {
        /* only the dict holds it: the new value in place (see spz_int_set_inplace) */
        ((PyFloatObject *)found)->ob_fval = sub ? PyFloat_AS_DOUBLE(found) - v : PyFloat_AS_DOUBLE(found) + v;
        Py_DECREF(k);
        return 0;
    }
    if (found == NULL && PyErr_Occurred()) { Py_DECREF(k); return -1; }
    PyObject *cur = found != NULL ? Py_NewRef(found) : spz_acc_missing(d, k, dflt), *r;
    if (cur == NULL) { Py_DECREF(k); return -1; }
    if (PyFloat_CheckExact(cur))
        r = PyFloat_FromDouble(sub ? PyFloat_AS_DOUBLE(cur) - v : PyFloat_AS_DOUBLE(cur) + v);
    else
        r = spz_acc_generic(cur, PyFloat_FromDouble(v), dflt == NULL, sub);
    Py_DECREF(cur);
    return spz_acc_store(d, o, attr, c, dflt, k, r);
}

/* `d[k]` read typed (IR dict_item, facts/dicts.ts dictItem): k is `k`, or with attr the plain
 * slot attr of object k (spz_slot_peek: anything but a plain object slot is refused). Only when d
 * is an exact dict whose keys are all exact strs (not DICT_KEYS_GENERAL) and the key an exact str
 * is the lookup free of Python code (str's hash, every key compared a str), so it runs then; a
 * miss, an unbound or other key, or an item not of the exact type deopts with nothing done, and
 * the generic code repeats the statement (raising KeyError on a miss). The item, borrowed, or
 * NULL (deopt; no error is set); spz_dict_item_*: 1 / 0 (deopt). */
static inline PyObject *spz_dict_str_item(PyObject *d, PyObject *k, PyObject *attr, SpzSlotCache *c) {
    if (d == NULL || k == NULL || !PyDict_CheckExact(d) || ((SpzDictKeys *)((PyDictObject *)d)->ma_keys)->dk_kind == SPZ_DICT_KEYS_GENERAL) return NULL;
    if (attr != NULL && (k = spz_slot_peek(k, attr, c)) == NULL) return NULL;
    return PyUnicode_CheckExact(k) ? spz_dict_lookup(d, k) : NULL;
}
static inline int spz_dict_item_i64(PyObject *d, PyObject *k, PyObject *attr, SpzSlotCache *c, int64_t *out) {
    PyObject *v = spz_dict_str_item(d, k, attr, c);
    return v != NULL && spz_unbox_i64(v, out);
}
static inline int spz_dict_item_f64(PyObject *d, PyObject *k, PyObject *attr, SpzSlotCache *c, double *out) {
    PyObject *v = spz_dict_str_item(d, k, attr, c);
    return v != NULL && spz_unbox_f64(v, out);
}

/* `x = d.get(k, c)` on an exact dict d (guarded by the caller): dict.get's lookup (it hashes k and
 * may compare keys, as PyDict_GetItemWithError does), the item or c. New reference / NULL. */
static inline PyObject *spz_dict_get(PyObject *d, PyObject *k, PyObject *dflt) {
    PyObject *v = spz_dict_lookup(d, k);  /* borrowed */
    if (v != NULL) return Py_NewRef(v);
    return PyErr_Occurred() ? NULL : Py_NewRef(dflt);
}

/* Attribute accumulation (IR op attr_acc, facts/dicts.ts): `o.a += v` / `o.a -= v`, v unboxed and
 * computed first (it has no effects; its guards ran), o bound. CPython's effects in its order:
 * LOAD_ATTR (site[0]), the in-place BINARY_OP -- in C for an exact int (int64, no overflow) or
 * exact float attribute with a v of that kind, which is what int/float's in-place add does;
 * PyNumber_InPlaceAdd/Subtract on v boxed otherwise -- and STORE_ATTR (site[1]). Both attribute
 * operations go through the generic per-site caches (attrcache.h), which fall back to
 * PyObject_GetAttr/SetAttr, so descriptors, __getattr__, __setattr__ and slots behave as CPython's. */
static inline int spz_attr_acc_store(PyObject *o, PyObject *name, SpzAttrCache *site, PyObject *r) {
    if (r == NULL) return -1;
    int st = spz_setattr(o, name, r, &site[1]);
    Py_DECREF(r);
    return st;
}

/* Where o.name lives when the statement may update its value in place: both sites hit INST
 * entries for o's type (generic getattro/setattro, no data descriptor: the load reads this slot
 * and the store would write it, running no code) at one index, and o's attributes are in its
 * values array with no dict object (so no dict version tag or watcher could see the store). The
 * value there, when only o holds it, is then changed in place as spz_int_set_inplace explains:
 * the store is skipped, and nothing but the object's identity (outside the contract) differs. */
static inline PyObject **spz_attr_acc_slot(PyObject *o, SpzAttrCache *site) {
    PyTypeObject *tp = Py_TYPE(o);
    SpzAttrEntry *g = spz_ac_find(tp, &site[0]), *st;
    if (g == NULL || g->kind != SPZ_AC_INST || (st = spz_ac_find(tp, &site[1])) == NULL || st->kind != SPZ_AC_INST || st->offset != g->offset) return NULL;
    PyObject **vals = spz_inst_values_for_store(o);
    return vals != NULL ? &vals[g->offset] : NULL;
}

static inline int spz_attr_acc_i64(PyObject *o, PyObject *name, SpzAttrCache *site, int64_t v, int sub) {
    int64_t x, s;
    PyObject **slot = spz_attr_acc_slot(o, site);
    if (slot != NULL && *slot != NULL && PyLong_CheckExact(*slot) && spz_as_i64(*slot, &x) &&
        !(sub ? __builtin_sub_overflow(x, v, &s) : __builtin_add_overflow(x, v, &s)) && spz_int_set_inplace(*slot, s))
        return 0;
    PyObject *cur = spz_getattr(o, name, &site[0]), *r;
    if (cur == NULL) return -1;
    if (PyLong_CheckExact(cur) && spz_as_i64(cur, &x) && !(sub ? __builtin_sub_overflow(x, v, &s) : __builtin_add_overflow(x, v, &s)))
        r = PyLong_FromLongLong(s);
    else
        r = spz_acc_generic(cur, PyLong_FromLongLong(v), 1, sub);
    Py_DECREF(cur);
    return spz_attr_acc_store(o, name, site, r);
}

static inline int spz_attr_acc_f64(PyObject *o, PyObject *name, SpzAttrCache *site, double v, int sub) {
    PyObject **slot = spz_attr_acc_slot(o, site);
    if (slot != NULL && *slot != NULL && PyFloat_CheckExact(*slot) && Py_REFCNT(*slot) == 1) {
        PyFloatObject *f = (PyFloatObject *)*slot;  /* only o holds it: see spz_attr_acc_slot */
        f->ob_fval = sub ? f->ob_fval - v : f->ob_fval + v;
        return 0;
    }
    PyObject *cur = spz_getattr(o, name, &site[0]), *r;
    if (cur == NULL) return -1;
    if (PyFloat_CheckExact(cur))
        r = PyFloat_FromDouble(sub ? PyFloat_AS_DOUBLE(cur) - v : PyFloat_AS_DOUBLE(cur) + v);
    else
        r = spz_acc_generic(cur, PyFloat_FromDouble(v), 1, sub);
    Py_DECREF(cur);
    return spz_attr_acc_store(o, name, site, r);
}

#include "seqs.h"

#endif /* SPZ_CONTAINERS_H */
