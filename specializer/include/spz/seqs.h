/* spz/seqs.h -- list fast paths of specialized code beyond spec.h's (included by spz/containers.h).
 *
 * - `for x in reversed(xs)` (irbuild/spec.ts listFor): the deopt rebuilds the iterator CPython's
 *   loop would hold, list_reverseiterator at the loop's next index;
 * - `len(a[i])` of a `list[list[T]]` parameter (irbuild/specExpr.ts). */
#ifndef SPZ_SEQS_H
#define SPZ_SEQS_H

/* listobject.c's listreviterobject: the same in 3.11, 3.12 and 3.13 (checked on each use below) */
typedef struct { PyObject_HEAD Py_ssize_t it_index; PyListObject *it_seq; } SpzListRevIter;

/* Deopt inside `for x in reversed(xs)`: reversed(xs) with its next index idx (-1: none left).
 * The index is stored as is: it may be at or past the current length when the body shrank the
 * list, and CPython then ends the loop at the next step unless the body grew the list back --
 * __setstate__ would clamp it to len - 1 instead, so it is the fallback only for a layout this
 * header does not know. New reference or NULL. */
static __attribute__((unused)) PyObject *spz_list_reviter_at(PyObject *l, int64_t idx) {
    PyObject *it = PyObject_CallOneArg((PyObject *)&PyReversed_Type, l);
    if (it == NULL) return NULL;
    SpzListRevIter *r = (SpzListRevIter *)it;
    if (Py_IS_TYPE(it, &PyListRevIter_Type) && r->it_seq == (PyListObject *)l && r->it_index == PyList_GET_SIZE(l) - 1) {
        r->it_index = idx < 0 ? -1 : (Py_ssize_t)idx;
        return it;
    }
    PyObject *res = PyObject_CallMethod(it, "__setstate__", "L", (long long)idx);
    if (res == NULL) { Py_DECREF(it); return NULL; }
    Py_DECREF(res);
    return it;
}

/* len(a[i]), a a `list[list[T]]` parameter: a bound and an exact list, i in range (negative
 * counts from the end), the row an exact list (a subclass may define __len__); non-zero (deopt:
 * the generic code raises or calls) otherwise. Reads only, as spz_rows_get_*. */
static inline int spz_rows_len(PyObject *a, int64_t i, int64_t *out) {
    if (a == NULL || !PyList_CheckExact(a)) return 1;
    Py_ssize_t n = PyList_GET_SIZE(a);
    if (i < 0) i += n;
    if ((uint64_t)i >= (uint64_t)n) return 1;
    PyObject *row = PyList_GET_ITEM(a, i);
    if (!PyList_CheckExact(row)) return 1;
    *out = (int64_t)PyList_GET_SIZE(row);
    return 0;
}

#endif
