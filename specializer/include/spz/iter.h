/* spz/iter.h -- `for` loops of generic code: the next item of an iterator (PyIter_Next's
 * contract: new reference, NULL without an error when exhausted, NULL with one on failure).
 *
 * A range iterator (the loop CPython specializes as FOR_ITER_RANGE) is advanced inline. Its
 * struct is internal and has changed between versions, so its layout is probed once at run time
 * against CPython's own iteration (spz_range_probe, iter.c); an unknown layout takes the generic
 * path. The int for the item reuses the loop variable's object when only the loop variable
 * holds it and both values are one positive digit (CPython 3.11's FOR_ITER_RANGE + STORE_FAST
 * did the same with _PyLong_AssignValue): no allocation and no deallocation per iteration. The
 * reuse is unobservable: nothing else refers to that int (int identity is outside the contract). */
#ifndef SPZ_ITER_H
#define SPZ_ITER_H

/* --force-deopt builds take the generic path here too (it is what they test) */
#if defined(SPZ_FORCE_DEOPT) && SPZ_FORCE_DEOPT
#define SPZ_ITER_FORCE_SLOW 1
#else
#define SPZ_ITER_FORCE_SLOW 0
#endif

typedef struct { PyObject_HEAD long start; long step; long len; } SpzRangeIterA;           /* 3.12+ */
typedef struct { PyObject_HEAD long index; long start; long step; long len; } SpzRangeIterB; /* older */

/* 0: not probed yet, 1: layout A, 2: layout B, -1: unknown (generic path) */
SPZ_DATA int spz_range_layout;
SPZ_API int spz_range_probe(void);
SPZ_API PyObject *spz_iter_next_slow(PyObject *it);

/* a one-digit positive int only `reuse`'s register holds, set to `v` in place; else a new int */
static inline PyObject *spz_range_item(long v, PyObject *reuse) {
    if (reuse != NULL && Py_REFCNT(reuse) == 1 && PyLong_CheckExact(reuse) && v > 0 && v < ((long)1 << PyLong_SHIFT)) {
        PyLongObject *l = (PyLongObject *)reuse;
#if PY_VERSION_HEX >= 0x030C0000
        if (l->long_value.lv_tag == ((uintptr_t)1 << 3)) { l->long_value.ob_digit[0] = (digit)v; return Py_NewRef(reuse); }
#else
        if (Py_SIZE(l) == 1) { l->ob_digit[0] = (digit)v; return Py_NewRef(reuse); }
#endif
    }
    return PyLong_FromLong(v);
}

/* the next item of `it`; `reuse`: the loop variable's current value (borrowed) or NULL */
static inline PyObject *spz_iter_next(PyObject *it, PyObject *reuse) {
    if (Py_IS_TYPE(it, &PyRangeIter_Type) && !SPZ_ITER_FORCE_SLOW) {
        if (SPZ_LIKELY(spz_range_layout == 1)) {
            SpzRangeIterA *r = (SpzRangeIterA *)it;
            if (r->len <= 0) return NULL;
            long v = r->start;
            r->start = (long)((unsigned long)v + (unsigned long)r->step);
            r->len--;
            return spz_range_item(v, reuse);
        }
        if (spz_range_layout == 2) {
            SpzRangeIterB *r = (SpzRangeIterB *)it;
            if (r->index >= r->len) return NULL;
            long v = (long)((unsigned long)r->start + (unsigned long)(r->index++) * (unsigned long)r->step);
            return spz_range_item(v, reuse);
        }
        if (spz_range_layout == 0 && spz_range_probe() < 0) return NULL;
    }
    return spz_iter_next_slow(it);
}

#endif
