/* spz/containers.h -- container fast paths of specialized code (included by spz/spec.h).
 *
 * Dict accumulation (IR op dict_acc, facts/dicts.ts): `d[k] = d.get(k, c) + v` and `d[k] += v`
 * (or `-`) on an exact dict d (guarded by the caller, so `.get`, the lookup and the store are
 * dict's own), v unboxed. CPython's effects in its order: k read, one lookup (which hashes k and
 * may compare keys), the addition -- in C for an exact int (int64, no overflow) or exact float item
 * with a v of that kind, PyNumber_Add / PyNumber_InPlaceAdd (`+=`) on v boxed otherwise -- then, in
 * the `.get` form, k read again, and one store. Nothing here deopts: every guard ran before. */
#ifndef SPZ_CONTAINERS_H
#define SPZ_CONTAINERS_H

/* k of `d[k]`: o itself (a local's value, attr NULL), or o.attr: a plain slot read through the
 * per-site cache when o's type has one (no code can run), else the generic getattr. New ref / NULL. */
static inline PyObject *spz_acc_key(PyObject *o, PyObject *attr, SpzSlotCache *c) {
    if (attr == NULL) return Py_NewRef(o);
    if ((Py_TYPE(o) == c->type && c->type->tp_version_tag == c->tag) || spz_slot_resolve(o, attr, c)) {
        PyObject *v = *(PyObject **)((char *)o + c->offset);
        if (v != NULL) return Py_NewRef(v);
    }
    return PyObject_GetAttr(o, attr);
}

/* The item of k in d (new reference), dflt when missing (`.get` form), or NULL: KeyError (`op=`
 * form, as dict's subscript raises it) or the lookup's own error. */
static inline PyObject *spz_acc_item(PyObject *d, PyObject *k, PyObject *dflt) {
    PyObject *cur = PyDict_GetItemWithError(d, k);
    if (cur != NULL) return Py_NewRef(cur);
    if (PyErr_Occurred()) return NULL;
    if (dflt != NULL) return Py_NewRef(dflt);
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

static inline int spz_dict_acc_i64(PyObject *d, PyObject *o, PyObject *attr, SpzSlotCache *c, PyObject *dflt, int64_t v, int sub) {
    PyObject *k = spz_acc_key(o, attr, c);
    if (k == NULL) return -1;
    PyObject *cur = spz_acc_item(d, k, dflt), *r;
    if (cur == NULL) { Py_DECREF(k); return -1; }
    int64_t x, s;
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
    PyObject *cur = spz_acc_item(d, k, dflt), *r;
    if (cur == NULL) { Py_DECREF(k); return -1; }
    if (PyFloat_CheckExact(cur))
        r = PyFloat_FromDouble(sub ? PyFloat_AS_DOUBLE(cur) - v : PyFloat_AS_DOUBLE(cur) + v);
    else
        r = spz_acc_generic(cur, PyFloat_FromDouble(v), dflt == NULL, sub);
    Py_DECREF(cur);
    return spz_acc_store(d, o, attr, c, dflt, k, r);
}

#endif /* SPZ_CONTAINERS_H */
